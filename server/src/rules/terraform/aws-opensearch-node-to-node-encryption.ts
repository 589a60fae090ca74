/**
 * aws-opensearch-node-to-node-encryption: an aws_opensearch_domain / aws_elasticsearch_domain has
 * `node_to_node_encryption { enabled = true }`. A missing block or attribute fails (catalog
 * when_missing: fail): without the block, traffic between the nodes is not encrypted.
 *
 * Findings: no block at the resource header; a block without `enabled` at the block header; any other
 * value at the value (with the variable/tfvars it came from as related location). A `dynamic
 * "node_to_node_encryption"` counts only when its for_each is known to produce the block.
 *
 * Fix: review only (catalog autofix.safe: false): adds the block with `enabled = true`, inserts the
 * attribute or replaces a literal. It cannot be turned off again, it triggers a blue/green deployment,
 * and on Elasticsearch before 6.7 Terraform replaces the domain.
 */
import { resourceName, resourceType } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireNestedBool } from './helpers';

export default defineTerraformRule({
  id: 'aws-opensearch-node-to-node-encryption',
  resourceTypes: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  messages: {
    missingBlock: '{resource} "{name}" has no node_to_node_encryption block; shard replication and queries travel between nodes unencrypted.',
    missing: '{resource} "{name}" has a node_to_node_encryption block without enabled, so node-to-node encryption is off.',
    disabled: '{resource} "{name}" sets node_to_node_encryption enabled = {value}{origin}; shard replication and queries travel between nodes unencrypted.',
  },
  fixes: {
    enable: { title: 'Enable node_to_node_encryption (irreversible; blue/green deployment, replaces Elasticsearch domains before 6.7)', safety: 'review' },
  },
  check(resource, ctx) {
    requireNestedBool(resource, ctx, {
      blockType: 'node_to_node_encryption',
      attribute: 'enabled',
      expected: true,
      missingBlock: 'missingBlock',
      missing: 'missing',
      wrong: 'disabled',
      fixId: 'enable',
      data: { resource: resourceType(resource.node), name: resourceName(resource.node) },
    });
  },
});
