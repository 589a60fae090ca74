import { resourceName, resourceType } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireBool } from './helpers';

export default defineTerraformRule({
  id: 'aws-rds-not-publicly-accessible',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
  messages: {
    public: '{resource} "{name}" sets publicly_accessible = {value}{origin}; the database gets an internet-facing endpoint.',
  },
  fixes: {
    disable: { title: 'Set publicly_accessible = false', safety: 'safe' },
  },
  check(resource, ctx) {
    // Absent publicly_accessible is the provider default false: a pass (catalog when_missing: pass).
    requireBool(resource, ctx, {
      attribute: 'publicly_accessible',
      expected: false,
      wrong: 'public',
      fixId: 'disable',
      data: { resource: resourceType(resource.node), name: resourceName(resource.node) },
    });
  },
});
