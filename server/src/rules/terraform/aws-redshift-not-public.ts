/**
 * aws-redshift-not-public: an aws_redshift_cluster sets `publicly_accessible = false`. A missing value
 * fails (catalog when_missing: fail): older AWS providers defaulted it to true, so the code must say it.
 *
 * Findings: a missing attribute at the resource header; any other value at the value (with the
 * variable/tfvars it came from as related location).
 *
 * Fix: safe (catalog autofix.safe: true, an in-place change needing no environment value): inserts
 * `publicly_accessible = false` or replaces a literal; values from variables get no fix.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireBool } from './helpers';

export default defineTerraformRule({
  id: 'aws-redshift-not-public',
  resourceTypes: ['aws_redshift_cluster'],
  messages: {
    missing: 'aws_redshift_cluster "{name}" does not set publicly_accessible; older AWS providers default it to true, which gives the cluster an internet-facing endpoint.',
    public: 'aws_redshift_cluster "{name}" sets publicly_accessible = {value}{origin}; the cluster gets an internet-facing endpoint.',
  },
  fixes: {
    disable: { title: 'Set publicly_accessible = false', safety: 'safe' },
  },
  check(resource, ctx) {
    requireBool(resource, ctx, {
      attribute: 'publicly_accessible',
      expected: false,
      missing: 'missing',
      wrong: 'public',
      fixId: 'disable',
      data: { name: resourceName(resource.node) },
    });
  },
});
