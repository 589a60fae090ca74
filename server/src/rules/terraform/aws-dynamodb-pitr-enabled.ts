/**
 * aws-dynamodb-pitr-enabled — aws_dynamodb_table has point-in-time recovery enabled.
 *
 * Logic (catalog pass_if): `point_in_time_recovery[*].enabled = true`; an absent block or an absent
 * `enabled` fails (the provider default is off). The block may be written as `dynamic
 * "point_in_time_recovery"`: a `for_each` that resolves to an empty collection produces no block, one
 * that cannot be resolved may produce none. Values that cannot be resolved (a variable without a
 * default, the dynamic block's iterator) are never guessed.
 *
 * Findings: on the table header when the block is absent, on the block header when `enabled` is
 * absent, on the value when it is false. Fix: `safe` (catalog autofix.safe: true) — adds
 * `point_in_time_recovery { enabled = true }`, inserts `enabled = true` or replaces a literal
 * `false`. Enabling PITR is in place (it adds continuous-backup cost).
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireNestedBool } from './helpers';

export default defineTerraformRule({
  id: 'aws-dynamodb-pitr-enabled',
  resourceTypes: ['aws_dynamodb_table'],
  messages: {
    noBlock: 'aws_dynamodb_table "{name}" has no point_in_time_recovery block; point-in-time recovery is off by default.',
    notSet: 'aws_dynamodb_table "{name}" has a point_in_time_recovery block without enabled; point-in-time recovery stays off.',
    disabled: 'aws_dynamodb_table "{name}" sets point_in_time_recovery.enabled = {value}{origin}; the table cannot be restored to a point in time.',
  },
  fixes: {
    enable: { title: 'Enable point-in-time recovery (adds continuous-backup cost)', safety: 'safe' },
  },
  check(resource, ctx) {
    requireNestedBool(resource, ctx, {
      blockType: 'point_in_time_recovery',
      attribute: 'enabled',
      expected: true,
      missingBlock: 'noBlock',
      missing: 'notSet',
      wrong: 'disabled',
      fixId: 'enable',
      data: { name: resourceName(resource.node) },
    });
  },
});
