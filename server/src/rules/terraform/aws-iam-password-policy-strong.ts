/**
 * aws-iam-password-policy-strong: an aws_iam_account_password_policy must require at least 14
 * characters, upper and lower case letters, numbers and symbols, remember 24 passwords and expire
 * passwords after at most 90 days (catalog pass_if_all, every setting when_missing fail; the values
 * mirror the AWS Config HIPAA pack parameters 14/24/90).
 *
 * Account-level decision: the catalog's other failure, "no password policy in the account
 * baseline", is not reported. The policy is one per account, normally set in a baseline stack (or
 * irrelevant when people sign in through SSO only), so a module without one is no signal. The rule
 * judges only a policy that is declared.
 *
 * Findings: the unset settings together, once, at the resource header; each weak value at that
 * value (`max_password_age = 0` and `password_reuse_prevention = 0` mean "no requirement").
 * Unresolvable values are "cannot determine" for that setting; the others are still judged.
 *
 * Fix: safe (catalog autofix.safe): inserts the unset settings and replaces weak literal values with
 * the baseline, in place; users meet the new rules at their next password change (passwords older
 * than 90 days must be changed at next sign-in). The expiry is left out of the fix when
 * `hard_expiry` may be true or `allow_users_to_change_password` may be false, because expiring
 * passwords would then lock users out until an administrator resets them. Values from variables get
 * no fix.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import type { Resolved } from '../../model/terraform/evaluate';
import type { TfAttribute, TfBlock } from '../../model/terraform/types';
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Report } from '../types';
import { insertAttributes, replaceLiteral, valueText, type Evaluator } from './helpers';
import { asBool, asNumber, originRelated, originSuffix } from './values';

interface Setting {
  readonly attr: string;
  /** `true`: must be true; `min`/`max`: a number bound (0 = no requirement, which fails). */
  readonly kind: 'true' | 'min' | 'max';
  readonly bound?: number;
  readonly requirement: string;
}

const SETTINGS: readonly Setting[] = [
  { attr: 'minimum_password_length', kind: 'min', bound: 14, requirement: 'at least 14 characters' },
  { attr: 'require_uppercase_characters', kind: 'true', requirement: 'true' },
  { attr: 'require_lowercase_characters', kind: 'true', requirement: 'true' },
  { attr: 'require_numbers', kind: 'true', requirement: 'true' },
  { attr: 'require_symbols', kind: 'true', requirement: 'true' },
  { attr: 'password_reuse_prevention', kind: 'min', bound: 24, requirement: 'at least 24 remembered passwords' },
  { attr: 'max_password_age', kind: 'max', bound: 90, requirement: 'expiry after at most 90 days' },
];

const messages = {
  missing: 'aws_iam_account_password_policy "{name}" does not set {attrs}; unset settings impose no requirement.',
  weak: 'aws_iam_account_password_policy "{name}" sets {attr} = {value}{origin}; the baseline requires {requirement}.',
};
const fixes = {
  strengthen: { title: 'Set the password policy to the baseline (14+ characters, all character classes, 24 remembered, 90-day expiry)', safety: 'safe' as const },
};
type FindingReport = Report<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-iam-password-policy-strong',
  resourceTypes: ['aws_iam_account_password_policy'],
  messages,
  fixes,
  check(resource, ctx) {
    const policy = resource.node;
    const name = resourceName(policy);
    const lockout = expiryMayLockOut(ctx, policy);
    const missing: Setting[] = [];
    const reports: FindingReport[] = [];
    for (const setting of SETTINGS) {
      const attr = policy.attributes.get(setting.attr);
      if (attr === undefined) {
        missing.push(setting);
        continue;
      }
      const resolved = ctx.evaluate(attr.expr);
      if (!resolved.known) {
        ctx.cannotDetermine(attr.expr.span, `${setting.attr} = ${resolved.text} cannot be resolved statically`);
        continue;
      }
      if (resolved.value === null) {
        missing.push(setting);
        continue;
      }
      const verdict = judge(setting, resolved);
      if (verdict === 'unknown') ctx.cannotDetermine(attr.expr.span, `${setting.attr} is not a ${setting.kind === 'true' ? 'boolean' : 'number'}`);
      if (verdict !== 'weak') continue;
      const fix = setting.attr === 'max_password_age' && lockout ? undefined : replaceLiteral(resource.uri, attr, baseline(setting));
      reports.push(weak(name, setting, attr, resolved, fix));
    }
    if (missing.length > 0) {
      const insert = missing.filter((s) => !(s.attr === 'max_password_age' && lockout));
      reports.push({
        messageId: 'missing',
        at: policy.headerSpan,
        data: { name, attrs: missing.map((s) => s.attr).join(', ') },
        ...(insert.length > 0
          ? { fix: { fixId: 'strengthen' as const, edits: [insertAttributes(resource.uri, ctx.text, policy, insert.map((s) => [s.attr, baseline(s)] as const))] } }
          : {}),
      });
    }
    for (const r of reports) ctx.report(r);
  },
});

function judge(setting: Setting, resolved: Extract<Resolved, { known: true }>): 'ok' | 'weak' | 'unknown' {
  if (setting.kind === 'true') {
    const b = asBool(resolved.value);
    return b === undefined ? 'unknown' : b ? 'ok' : 'weak';
  }
  const n = asNumber(resolved.value);
  if (n === undefined) return 'unknown';
  if (setting.kind === 'min') return n >= setting.bound! ? 'ok' : 'weak';
  return n > 0 && n <= setting.bound! ? 'ok' : 'weak';
}

function baseline(setting: Setting): string {
  return setting.kind === 'true' ? 'true' : String(setting.bound);
}

function weak(name: string, setting: Setting, attr: TfAttribute, resolved: Extract<Resolved, { known: true }>, fix: FixEdit | undefined): FindingReport {
  return {
    messageId: 'weak',
    at: attr.expr.span,
    data: { name, attr: setting.attr, value: valueText(resolved), origin: originSuffix(resolved), requirement: setting.requirement },
    related: originRelated(resolved),
    ...(fix ? { fix: { fixId: 'strengthen' as const, edits: [fix] } } : {}),
  };
}

/** True unless `hard_expiry` is known to be false/unset and users are known to be allowed to change passwords. */
function expiryMayLockOut(ctx: Evaluator, policy: TfBlock): boolean {
  const hard = policy.attributes.get('hard_expiry');
  if (hard !== undefined) {
    const v = ctx.evaluate(hard.expr);
    if (!v.known || (v.value !== null && asBool(v.value) !== false)) return true;
  }
  const change = policy.attributes.get('allow_users_to_change_password');
  if (change !== undefined) {
    const v = ctx.evaluate(change.expr);
    if (!v.known || (v.value !== null && asBool(v.value) !== true)) return true;
  }
  return false;
}
