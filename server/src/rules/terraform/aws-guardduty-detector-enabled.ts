/**
 * aws-guardduty-detector-enabled: an aws_guardduty_detector must not set `enable = false` (catalog:
 * not_equals false, when_missing pass: the provider default is true).
 *
 * Account-level decision: the catalog's other failure, "the account/region baseline has no
 * detector", is not reported. A detector is one per account and region, usually created in a
 * security-baseline stack or auto-enabled by the GuardDuty delegated administrator for the whole
 * organisation, so a module without one says nothing about the account. The rule judges only the
 * detectors that are declared.
 *
 * Findings: at the value of `enable` (a value from a variable or tfvars names it as related location).
 * Fix: safe (catalog autofix.safe), replaces a literal `false` with `true`: in place, GuardDuty resumes
 * analysing the account's logs (cost scales with event volume). No fix when the value comes from a variable.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireBool } from './helpers';

export default defineTerraformRule({
  id: 'aws-guardduty-detector-enabled',
  resourceTypes: ['aws_guardduty_detector'],
  messages: {
    disabled: 'aws_guardduty_detector "{name}" sets enable = {value}{origin}; GuardDuty threat detection is suspended for this account and region.',
  },
  fixes: {
    enable: { title: 'Set enable = true (GuardDuty resumes; cost scales with event volume)', safety: 'safe' },
  },
  check(resource, ctx) {
    requireBool(resource, ctx, {
      attribute: 'enable',
      expected: true,
      wrong: 'disabled',
      fixId: 'enable',
      data: { name: resourceName(resource.node) },
    });
  },
});
