/**
 * aws-ebs-default-encryption-enabled — aws_ebs_encryption_by_default does not turn EBS encryption
 * by default off.
 *
 * Logic (catalog pass_if): `enabled` is not false; absent passes (the resource defaults to true).
 * An unresolvable value is never guessed.
 *
 * Scope (catalog resolution: cross_file_context): the catalog's second fail_if — "the account-baseline
 * stack has no aws_ebs_encryption_by_default" — needs account context that a module does not have:
 * the setting exists once per account and region, usually in a landing-zone or account-baseline
 * stack, and a workload module that lacks it is not evidence that the account lacks it. Reporting
 * every module without the resource would put a false finding on nearly every workload, so the rule
 * judges only declared aws_ebs_encryption_by_default resources and never reports its absence.
 * aws-ebs-volumes-encrypted checks the volumes themselves and accepts an enabled default of the
 * same module in place of `encrypted = true`.
 *
 * Findings: on the value of `enabled`. Fix: `safe` (catalog autofix.safe: true) — replaces a literal
 * `false` with `true`; in place, it affects only volumes created afterwards. A value from a variable
 * gets no fix (the finding points at the variable).
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireBool } from './helpers';

export default defineTerraformRule({
  id: 'aws-ebs-default-encryption-enabled',
  resourceTypes: ['aws_ebs_encryption_by_default'],
  messages: {
    disabled: 'aws_ebs_encryption_by_default "{name}" sets enabled = {value}{origin}; new EBS volumes in this account and region are not encrypted unless each one asks for it.',
  },
  fixes: {
    enable: { title: 'Set enabled = true (applies to volumes created afterwards)', safety: 'safe' },
  },
  check(resource, ctx) {
    // Absent `enabled` is the resource default true (catalog when_missing: pass).
    requireBool(resource, ctx, { attribute: 'enabled', expected: true, wrong: 'disabled', fixId: 'enable', data: { name: resourceName(resource.node) } });
  },
});
