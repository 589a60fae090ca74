/**
 * aws-cloudwatch-log-group-retention: an aws_cloudwatch_log_group must keep events for at least
 * 365 days (catalog parameter min_days = 365, the AWS Config / Steampipe HIPAA default).
 *
 * Logic (catalog pass_if_any): `retention_in_days >= 365` passes, and so do `0` and an absent (or
 * `null`) attribute, which mean "never expire" in CloudWatch Logs. Only a positive value below 365
 * fails. The minimum is a constant of this rule; the catalog's parameter is not user-configurable yet.
 *
 * Findings: at the value of `retention_in_days` (a value from a variable or tfvars names it as
 * related location). Unresolvable values are "cannot determine".
 *
 * Fix: safe (catalog autofix.safe), replaces a literal value below 365 with 365. It only ever
 * raises retention (the catalog forbids shortening), is applied in place and keeps existing events.
 * No fix when the value comes from a variable.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { replaceLiteral, valueText } from './helpers';
import { asNumber, originRelated, originSuffix } from './values';

/** The catalog's `parameters.min_days`. */
const MIN_RETENTION_DAYS = 365;

export default defineTerraformRule({
  id: 'aws-cloudwatch-log-group-retention',
  resourceTypes: ['aws_cloudwatch_log_group'],
  messages: {
    short: 'aws_cloudwatch_log_group "{name}" sets retention_in_days = {value}{origin}; audit events are deleted before the 365-day minimum.',
  },
  fixes: {
    raise: { title: `Set retention_in_days = ${MIN_RETENTION_DAYS} (keeps events longer; storage cost grows)`, safety: 'safe' },
  },
  check(resource, ctx) {
    const group = resource.node;
    const attr = group.attributes.get('retention_in_days');
    if (attr === undefined) return; // never expire
    const resolved = ctx.evaluate(attr.expr);
    if (!resolved.known) {
      ctx.cannotDetermine(attr.expr.span, `retention_in_days = ${resolved.text} cannot be resolved statically`);
      return;
    }
    if (resolved.value === null) return; // the provider default: never expire
    const days = asNumber(resolved.value);
    if (days === undefined) {
      ctx.cannotDetermine(attr.expr.span, 'retention_in_days is not a number');
      return;
    }
    // 0 = never expire; negative values are rejected by AWS and not judged here.
    if (days <= 0 || days >= MIN_RETENTION_DAYS) return;
    const fix = replaceLiteral(resource.uri, attr, String(MIN_RETENTION_DAYS));
    ctx.report({
      messageId: 'short',
      at: attr.expr.span,
      data: { name: resourceName(group), value: valueText(resolved), origin: originSuffix(resolved) },
      related: originRelated(resolved),
      ...(fix ? { fix: { fixId: 'raise' as const, edits: [fix] } } : {}),
    });
  },
});
