import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Related, TerraformContext } from '../types';
import { anyTerm, effectIs, readPolicy, type PolicyStatement, type Tri } from './policy-documents';
import { originRelated, originSuffix } from './values';

/**
 * aws-iam-no-administratoraccess-attachment
 *
 * Logic (catalog): fails when the AWS managed AdministratorAccess policy
 * (arn:<partition>:iam::aws:policy/AdministratorAccess) is attached: `policy_arn` of
 * aws_iam_role_policy_attachment / aws_iam_user_policy_attachment / aws_iam_group_policy_attachment
 * / aws_iam_policy_attachment, `managed_policy_arns` of aws_iam_role, `managed_policy_arn` of
 * aws_ssoadmin_managed_policy_attachment. The ARN may be a literal, a variable or local, a template
 * with an unknown partition (`arn:${data.aws_partition.current.partition}:iam::aws:policy/…`), or
 * `data.aws_iam_policy.<name>.arn` whose data source looks up that ARN or the name AdministratorAccess.
 *
 * Exempt (catalog exempt_if): a break-glass role, i.e. an aws_iam_role tagged break-glass (a tag
 * key or value matching "break-glass"/"breakglass") whose trust policy requires MFA in every Allow
 * statement (aws:MultiFactorAuthPresent = true, or a NumericLessThan on aws:MultiFactorAuthAge).
 * SCP conditions live outside the module and are not seen. The role of an attachment is found
 * through `role = aws_iam_role.<name>.name|.id` or its literal name.
 *
 * Findings: at the ARN value (the list item for managed_policy_arns). Unknown values: cannot
 * determine. Fix: none (catalog autofix manual: removal can lock out automation).
 */

const ADMIN = /^arn:(aws[a-z-]*|\$\{[^}]*\}):iam::aws:policy\/AdministratorAccess$/;

const messages = {
  attached: '{resource} "{name}" attaches the AWS managed AdministratorAccess policy{origin}; grant a scoped policy instead.',
  breakGlassWithoutMfa: '{resource} "{name}" attaches AdministratorAccess to a role tagged break-glass whose trust policy does not require MFA.',
};
type Ctx = TerraformContext<keyof typeof messages, never>;

const ATTRIBUTE: Readonly<Record<string, string>> = {
  aws_iam_role: 'managed_policy_arns',
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_ssoadmin_managed_policy_attachment: 'managed_policy_arn',
};

export default defineTerraformRule({
  id: 'aws-iam-no-administratoraccess-attachment',
  resourceTypes: Object.keys(ATTRIBUTE),
  messages,
  fixes: {},
  check(resource, ctx) {
    const block = resource.node;
    const attr = block.attributes.get(ATTRIBUTE[resourceType(block)] ?? '');
    if (attr === undefined) return;
    const hits: { at: Span; origin: string; related: Related[] }[] = [];
    let unknown: Span | undefined;
    const visit = (expr: TfExpr, list: boolean): void => {
      if (list && expr.kind === 'tuple') {
        for (const item of expr.items) visit(item, false);
        return;
      }
      const verdict = isAdministratorAccess(expr, ctx, list);
      if (verdict.result === true) hits.push({ at: expr.span, origin: verdict.origin ?? '', related: verdict.related ?? [] });
      else if (verdict.result === undefined) unknown ??= expr.span;
    };
    visit(attr.expr, resourceType(block) === 'aws_iam_role');
    if (hits.length === 0) {
      if (unknown !== undefined) ctx.cannotDetermine(unknown, `${attr.name} cannot be resolved statically`);
      return;
    }
    const role = roleOf(resource, ctx);
    const breakGlass = role === undefined ? false : breakGlassWithMfa(role, ctx);
    if (breakGlass === 'exempt') return;
    if (breakGlass === undefined) {
      ctx.cannotDetermine(hits[0]!.at, 'the role is tagged break-glass but whether its trust policy requires MFA cannot be resolved statically');
      return;
    }
    const data = { resource: resourceType(block), name: resourceName(block) };
    for (const hit of hits) {
      ctx.report({
        messageId: breakGlass === 'noMfa' ? 'breakGlassWithoutMfa' : 'attached',
        at: hit.at,
        data: { ...data, origin: hit.origin },
        related: hit.related,
      });
    }
  },
});

/** Whether `expr` is the AdministratorAccess ARN (a list of ARNs when `list`). */
function isAdministratorAccess(expr: TfExpr, ctx: Ctx, list: boolean): { result: Tri; origin?: string; related?: Related[] } {
  const dataRef = dataPolicyRef(expr);
  if (dataRef !== undefined) {
    const data = ctx.module.dataSource('aws_iam_policy', dataRef);
    if (data === undefined) return { result: undefined };
    const related: Related[] = [{ uri: data.uri, span: data.node.headerSpan, message: 'The data source that looks up the policy' }];
    for (const [name, test] of [
      ['arn', (v: string) => ADMIN.test(v)],
      ['name', (v: string) => v === 'AdministratorAccess'],
    ] as const) {
      const a = data.node.attributes.get(name);
      if (a === undefined) continue;
      const v = ctx.evaluate(a.expr);
      if (!v.known) return { result: undefined };
      if (typeof v.value === 'string') return { result: test(v.value), origin: ` (through data.aws_iam_policy.${dataRef})`, related };
    }
    return { result: undefined };
  }
  // A customer managed policy created in this configuration is never the AWS managed one.
  if ((expr.kind === 'reference' || expr.kind === 'other') && /^aws_iam_policy\.[A-Za-z_][\w-]*\s*(\[[^\]]*\])?\.(arn|id)$/.test(expr.text.trim())) return { result: false };
  const resolved = ctx.evaluate(expr);
  if (resolved.known) {
    const values = list && Array.isArray(resolved.value) ? (resolved.value as readonly unknown[]) : [resolved.value];
    if (values.some((v) => typeof v === 'string' && ADMIN.test(v))) return { result: true, origin: originSuffix(resolved), related: originRelated(resolved) };
    if (values.every((v) => typeof v === 'string' || v === null)) return { result: false };
    return { result: undefined };
  }
  // `arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess`: the partition does not change the policy.
  if (expr.kind === 'template') {
    const text = expr.parts.map((p) => (typeof p === 'string' ? p : '${…}')).join('');
    if (ADMIN.test(text)) return { result: true };
  }
  return { result: undefined };
}

function dataPolicyRef(expr: TfExpr): string | undefined {
  const text = expr.kind === 'reference' || expr.kind === 'other' ? expr.text : undefined;
  const m = text === undefined ? null : /^data\.aws_iam_policy\.([A-Za-z_][\w-]*)\s*(\[[^\]]*\])?\.arn$/.exec(text.trim());
  return m === null ? undefined : m[1];
}

/** The aws_iam_role a resource attaches to: itself, or `role = aws_iam_role.<name>.…` / its literal name. */
function roleOf(resource: Located<TfBlock>, ctx: Ctx): Located<TfBlock> | undefined {
  const type = resourceType(resource.node);
  if (type === 'aws_iam_role') return resource;
  if (type !== 'aws_iam_role_policy_attachment') return undefined;
  const attr = resource.node.attributes.get('role');
  if (attr === undefined) return undefined;
  const roles = ctx.module.resourcesOfType('aws_iam_role');
  const expr = attr.expr;
  const text = expr.kind === 'reference' || expr.kind === 'other' ? expr.text : '';
  const m = /^aws_iam_role\.([A-Za-z_][\w-]*)/.exec(text);
  if (m !== null) return roles.find((r) => resourceName(r.node) === m[1]);
  const v = ctx.evaluate(expr);
  if (!v.known || typeof v.value !== 'string') return undefined;
  return roles.find((r) => {
    const n = r.node.attributes.get('name');
    const nv = n === undefined ? undefined : ctx.evaluate(n.expr);
    return nv?.known === true && nv.value === v.value;
  });
}

/**
 * 'exempt' for a role tagged break-glass whose trust policy requires MFA in every Allow statement;
 * 'noMfa' when tagged but MFA is not required; false when not tagged; undefined when unknown.
 */
function breakGlassWithMfa(role: Located<TfBlock>, ctx: Ctx): 'exempt' | 'noMfa' | false | undefined {
  const tags = role.node.attributes.get('tags');
  const t = tags === undefined ? undefined : ctx.evaluate(tags.expr);
  if (t === undefined || !t.known || t.value === null || typeof t.value !== 'object' || Array.isArray(t.value)) return false;
  const isBreakGlass = (s: string): boolean => /break[-_ ]?glass/i.test(s);
  if (!Object.entries(t.value).some(([k, v]) => isBreakGlass(k) || (typeof v === 'string' && isBreakGlass(v)))) return false;
  const trust = role.node.attributes.get('assume_role_policy');
  if (trust === undefined) return 'noMfa';
  const document = readPolicy(ctx, role.uri, trust.expr);
  let result: 'exempt' | undefined = document.gaps.length > 0 ? undefined : 'exempt';
  let allows = 0;
  for (const s of document.statements) {
    const allow = effectIs(s, 'Allow');
    if (allow === false) continue;
    allows++;
    const mfa = requiresMfa(s);
    if (mfa === true) continue;
    if (allow === true && mfa === false) return 'noMfa';
    result = undefined;
  }
  return allows === 0 && result !== undefined ? 'noMfa' : result;
}

function requiresMfa(statement: PolicyStatement): Tri {
  let unknown = !statement.conditionsComplete;
  for (const c of statement.conditions) {
    const key = c.key.value?.toLowerCase();
    const op = c.operator.value;
    if (key === undefined || op === undefined) unknown = true;
    else if (key === 'aws:multifactorauthpresent' && op === 'Bool') {
      const yes = anyTerm(c.values, (v) => v.toLowerCase() === 'true').result;
      if (yes === true) return true;
      if (yes === undefined) unknown = true;
    } else if (key === 'aws:multifactorauthage' && (op === 'NumericLessThan' || op === 'NumericLessThanEquals')) return true;
  }
  return unknown ? undefined : false;
}
