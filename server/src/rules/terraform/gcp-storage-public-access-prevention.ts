/**
 * gcp-storage-public-access-prevention
 *
 * Logic (catalog):
 * - google_storage_bucket: `public_access_prevention` must be "enforced"; absent (null) or
 *   "inherited" fails.
 * - google_storage_bucket_iam_member (`member`), google_storage_bucket_iam_binding (`members`) and
 *   google_storage_bucket_iam_policy (`policy_data`: a data.google_iam_policy of the module, a
 *   jsonencode({...}) or a JSON string) fail when they grant a role to allUsers or
 *   allAuthenticatedUsers, whichever bucket they name.
 * Unknown values are never guessed.
 *
 * Findings: on the offending value (the member, the list element, the policy_data value with the
 * data source's member as related location); an absent bucket setting on the resource header.
 *
 * Fix (safe, catalog autofix.safe, bucket only): inserts `public_access_prevention = "enforced"` or
 * replaces a literal "inherited". In place; public grants stop working, which is the intent. Public
 * IAM grants get no fix: the grant has to be removed (or given to a named principal) by you.
 */
import type { Span } from '../../model/span';
import type { Value } from '../../model/terraform/evaluate';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Related, TerraformContext } from '../types';
import { listStrings, requireStringIn } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const PUBLIC = ['allUsers', 'allAuthenticatedUsers'];

const messages = {
  missing: 'google_storage_bucket "{name}" does not set public_access_prevention; the bucket can be made public by an IAM grant or ACL.',
  notEnforced: 'google_storage_bucket "{name}" sets public_access_prevention = {value}{origin}; the bucket can be made public by an IAM grant or ACL.',
  publicMember: '{resource} "{name}" grants {role} to {member}{origin}; every object of the bucket is exposed to the internet.',
};
const fixes = {
  enforce: { title: 'Set public_access_prevention = "enforced" (public grants stop working)', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'gcp-storage-public-access-prevention',
  resourceTypes: ['google_storage_bucket', 'google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding', 'google_storage_bucket_iam_policy'],
  messages,
  fixes,
  check(resource, ctx) {
    switch (resourceType(resource.node)) {
      case 'google_storage_bucket':
        checkBucket(resource, ctx);
        return;
      case 'google_storage_bucket_iam_policy':
        checkPolicy(resource, ctx);
        return;
      default:
        checkGrant(resource, ctx);
    }
  },
});

function checkBucket(resource: Located<TfBlock>, ctx: Ctx): void {
  requireStringIn(resource, ctx, { attribute: 'public_access_prevention', allowed: ['enforced'], literal: '"enforced"', missing: 'missing', wrong: 'notEnforced', fixId: 'enforce' });
}

/** google_storage_bucket_iam_member (`member`) and _binding (`members`); either spelling is read on both. */
function checkGrant(resource: Located<TfBlock>, ctx: Ctx): void {
  const block = resource.node;
  const role = roleText(block, ctx);
  for (const attrName of ['member', 'members']) {
    const attr = block.attributes.get(attrName);
    if (attr === undefined) continue;
    const list = listStrings(ctx, attr.expr);
    const hits = list.items.filter((i) => PUBLIC.includes(i.value.trim()));
    for (const hit of hits) {
      ctx.report({
        messageId: 'publicMember',
        at: hit.at,
        data: { resource: resourceType(block), name: resourceName(block), role, member: hit.value.trim(), origin: originSuffix(hit.resolved) },
        related: originRelated(hit.resolved),
      });
    }
    if (hits.length === 0 && list.unknownAt !== undefined) ctx.cannotDetermine(list.unknownAt, `${attrName} cannot be resolved statically`);
  }
}

function roleText(block: TfBlock, ctx: Ctx): string {
  const attr = block.attributes.get('role');
  const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
  const role = value?.known === true ? asString(value.value) : undefined;
  return role !== undefined ? `"${role}"` : 'a role';
}

/** google_storage_bucket_iam_policy: `policy_data` from data.google_iam_policy, jsonencode({...}) or a JSON string. */
function checkPolicy(resource: Located<TfBlock>, ctx: Ctx): void {
  const block = resource.node;
  const attr = block.attributes.get('policy_data');
  if (attr === undefined) return;
  const data = { resource: resourceType(block), name: resourceName(block) };
  const expr = attr.expr.kind === 'template' && attr.expr.parts.length === 1 && typeof attr.expr.parts[0] === 'object' ? attr.expr.parts[0] : attr.expr;

  // data.google_iam_policy.<name>.policy_data
  const ref = expr.kind === 'reference' ? expr.path.map((s) => ('name' in s ? s.name : undefined)) : [];
  if (ref[0] === 'data' && ref[1] === 'google_iam_policy' && ref[2] !== undefined) {
    const source = dataSource(ctx, 'google_iam_policy', ref[2]);
    if (source === undefined) {
      ctx.cannotDetermine(attr.expr.span, `data.google_iam_policy.${ref[2]} is not declared in this module`);
      return;
    }
    for (const binding of nestedBlocks(source.node, 'binding')) {
      const members = binding.attributes.get('members');
      if (members === undefined) continue;
      const list = listStrings(ctx, members.expr);
      for (const hit of list.items.filter((i) => PUBLIC.includes(i.value.trim()))) {
        const related: Related[] = [{ uri: source.uri, span: hit.at, message: `The public member is granted in data.google_iam_policy.${ref[2]}` }, ...originRelated(hit.resolved)];
        ctx.report({ messageId: 'publicMember', at: attr.expr.span, data: { ...data, role: roleText(binding, ctx), member: hit.value.trim(), origin: ` in data.google_iam_policy.${ref[2]}` }, related });
      }
      if (list.unknownAt !== undefined) ctx.cannotDetermine(attr.expr.span, `the members of data.google_iam_policy.${ref[2]} cannot be resolved statically`);
    }
    return;
  }

  // jsonencode({ bindings = [{ role = …, members = [...] }] }): report at the member where it is written.
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args[0] !== undefined) {
    const hits: { member: string; at: Span }[] = [];
    let unknown = false;
    walkStrings(expr.args[0], ctx, (value, at) => {
      if (value === undefined) unknown = true;
      else if (PUBLIC.includes(value.trim())) hits.push({ member: value.trim(), at });
    });
    for (const hit of hits) ctx.report({ messageId: 'publicMember', at: hit.at, data: { ...data, role: 'a role', member: hit.member, origin: '' } });
    if (hits.length === 0 && unknown) ctx.cannotDetermine(attr.expr.span, 'policy_data cannot be resolved statically');
    return;
  }

  // A JSON document (heredoc, string, variable).
  const value = ctx.evaluate(expr);
  if (!value.known || typeof value.value !== 'string') {
    ctx.cannotDetermine(attr.expr.span, 'policy_data cannot be resolved statically');
    return;
  }
  let policy: unknown;
  try {
    policy = JSON.parse(value.value);
  } catch {
    ctx.cannotDetermine(attr.expr.span, 'policy_data is not a JSON document');
    return;
  }
  const bindings = (policy as { bindings?: unknown }).bindings;
  for (const b of Array.isArray(bindings) ? bindings : []) {
    const members = (b as { members?: unknown }).members;
    for (const m of Array.isArray(members) ? members : []) {
      if (typeof m === 'string' && PUBLIC.includes(m.trim())) {
        const role = (b as { role?: unknown }).role;
        ctx.report({
          messageId: 'publicMember',
          at: attr.expr.span,
          data: { ...data, role: typeof role === 'string' ? `"${role}"` : 'a role', member: m.trim(), origin: originSuffix(value) },
          related: originRelated(value),
        });
      }
    }
  }
}

/** Every string leaf of an expression (tuples and objects walked where written); undefined for unknown leaves. */
function walkStrings(expr: TfExpr, ctx: Ctx, visit: (value: string | undefined, at: Span) => void): void {
  if (expr.kind === 'tuple') for (const item of expr.items) walkStrings(item, ctx, visit);
  else if (expr.kind === 'object') for (const entry of expr.entries) walkStrings(entry.value, ctx, visit);
  else {
    const resolved = ctx.evaluate(expr);
    if (!resolved.known) visit(undefined, expr.span);
    else for (const s of stringsOf(resolved.value)) visit(s, expr.span);
  }
}

function stringsOf(value: Value): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return (value as readonly Value[]).flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value as Record<string, Value>).flatMap(stringsOf);
  return [];
}

function dataSource(ctx: Ctx, type: string, name: string): Located<TfBlock> | undefined {
  return ctx.module.dataSource(type, name);
}
