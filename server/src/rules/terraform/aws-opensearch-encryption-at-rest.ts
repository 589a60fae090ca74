/**
 * aws-opensearch-encryption-at-rest: an aws_opensearch_domain / aws_elasticsearch_domain has
 * `encrypt_at_rest { enabled = true }`. A missing block or attribute fails (catalog when_missing: fail):
 * without the block the domain is created unencrypted.
 *
 * Findings: no block at the resource header; a block without `enabled` at the block header; any other
 * value at the value (with the variable/tfvars it came from as related location). A `dynamic
 * "encrypt_at_rest"` counts only when its for_each is known to produce the block.
 *
 * Fix: review only (catalog autofix.safe: false): adds the block with `enabled = true` (the AWS managed
 * `aws/es` key), inserts the attribute or replaces a literal. It cannot be turned off again, and on
 * Elasticsearch before 6.7 Terraform replaces the domain. No `kms_key_id` is inserted: a key ARN is
 * environment-specific.
 */
import { resourceName, resourceType } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireNestedBool } from './helpers';

export default defineTerraformRule({
  id: 'aws-opensearch-encryption-at-rest',
  resourceTypes: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  messages: {
    missingBlock: '{resource} "{name}" has no encrypt_at_rest block; indexes, logs and swap files are stored unencrypted.',
    missing: '{resource} "{name}" has an encrypt_at_rest block without enabled, so encryption at rest is off.',
    disabled: '{resource} "{name}" sets encrypt_at_rest enabled = {value}{origin}; indexes, logs and swap files are stored unencrypted.',
  },
  fixes: {
    enable: { title: 'Enable encrypt_at_rest (irreversible; replaces Elasticsearch domains before 6.7)', safety: 'review' },
  },
  check(resource, ctx) {
    requireNestedBool(resource, ctx, {
      blockType: 'encrypt_at_rest',
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
