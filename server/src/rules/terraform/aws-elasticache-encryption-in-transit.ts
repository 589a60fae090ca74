import type { FixEdit } from '../../fixes/fix-edit';
import type { Located } from '../../model/terraform/module';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import { insertAttributes, replaceLiteral, setUserValue, valueText, withUserValues } from './helpers';
import { asBool, asString, originRelated, originSuffix } from './values';

/**
 * ElastiCache replication groups set `transit_encryption_enabled = true` (absent = false). When it
 * is on, the catalog's `warn_if` asks for client authentication: an `auth_token` (Redis AUTH) or
 * `user_group_ids` (RBAC); neither is reported one step lower (medium). Members of a Global Datastore
 * (`global_replication_group_id`) inherit the setting and are not judged. Findings at the value, or
 * at the header when absent. Fixes are `review` (catalog autofix.safe is false; clients must switch
 * to TLS): on engine 7+ (a known `engine_version` >= 7, or Valkey) the fix also sets
 * `transit_encryption_mode = "preferred"` for the online migration; below that the change replaces
 * the group. Authentication comes with it: a group without `auth_token` and `user_group_ids` also
 * gets `user_group_ids = [var.elasticache_user_group_id]` (RBAC; the user group is environment-specific,
 * so it is a variable without a default, a snippet placeholder where the editor supports it), else
 * enabling TLS would only trade the finding for the `noAuth` warn; the warn's fix writes the same.
 */

const USER_GROUP: UserValue = { variable: 'elasticache_user_group_id', description: 'ID of the ElastiCache RBAC user group whose users may connect (aws_elasticache_user_group)' };

const messages = {
  missing: 'aws_elasticache_replication_group "{name}" does not set transit_encryption_enabled; the default sends cache traffic (and any ePHI in it) unencrypted.',
  disabled: 'aws_elasticache_replication_group "{name}" has transit_encryption_enabled = {value}{origin}; cache traffic is unencrypted.',
  noAuth: 'aws_elasticache_replication_group "{name}" encrypts in transit but sets neither auth_token nor user_group_ids, so clients are not authenticated.',
};
const fixes = {
  enableOnline: { title: 'Enable in-transit encryption in "preferred" mode (engine 7+: no replacement; clients must then use TLS)', safety: 'review' as const },
  enable: { title: 'Set transit_encryption_enabled = true (replaces a group below engine 7; clients must use TLS)', safety: 'review' as const },
  enableOnlineWithAuth: {
    title: 'Enable in-transit encryption in "preferred" mode with an RBAC user group you choose (var.elasticache_user_group_id; engine 7+: no replacement; clients must use TLS and authenticate)',
    safety: 'review' as const,
  },
  enableWithAuth: {
    title: 'Set transit_encryption_enabled = true with an RBAC user group you choose (var.elasticache_user_group_id; replaces a group below engine 7; clients must use TLS and authenticate)',
    safety: 'review' as const,
  },
  requireAuth: { title: 'Authenticate clients with an RBAC user group you choose (var.elasticache_user_group_id; clients without its credentials are refused)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-elasticache-encryption-in-transit',
  resourceTypes: ['aws_elasticache_replication_group'],
  messages,
  fixes,
  check(resource, ctx) {
    const group = resource.node;
    const name = resourceName(group);
    if (group.attributes.has('global_replication_group_id')) {
      ctx.cannotDetermine(group.headerSpan, 'a Global Datastore member inherits in-transit encryption from the global replication group');
      return;
    }
    const attr = group.attributes.get('transit_encryption_enabled');
    if (attr === undefined) {
      ctx.report({ messageId: 'missing', at: group.headerSpan, data: { name }, fix: enableFix(resource, ctx) });
      return;
    }
    const value = ctx.evaluate(attr.expr);
    if (!value.known) {
      ctx.cannotDetermine(attr.expr.span, `transit_encryption_enabled = ${value.text} cannot be resolved statically`);
      return;
    }
    const on = value.value === null ? false : asBool(value.value);
    if (on === undefined) {
      ctx.cannotDetermine(attr.expr.span, 'transit_encryption_enabled is not a boolean');
      return;
    }
    if (!on) {
      const fix = attr.expr.kind === 'literal' ? enableFix(resource, ctx) : undefined;
      ctx.report({
        messageId: 'disabled',
        at: attr.expr.span,
        data: { name, value: valueText(value), origin: originSuffix(value) },
        related: originRelated(value),
        ...(fix ? { fix } : {}),
      });
      return;
    }
    // Catalog warn_if: no AUTH token and no RBAC user group.
    if (hasAuth(ctx, group)) return;
    const groups = group.attributes.get('user_group_ids');
    const fixable = groups === undefined || groups.expr.kind === 'literal' || (groups.expr.kind === 'tuple' && groups.expr.items.length === 0);
    ctx.report({
      messageId: 'noAuth',
      at: group.headerSpan,
      data: { name },
      severity: 'medium',
      ...(fixable ? { fix: { fixId: 'requireAuth' as const, edits: setUserValue(ctx, resource.uri, group, 'user_group_ids', USER_GROUP, (ref) => `[${ref}]`) } } : {}),
    });
  },
});

function hasAuth(ctx: Ctx, group: TfBlock): boolean {
  return isSet(ctx, group, 'auth_token') || isSet(ctx, group, 'user_group_ids', true);
}

/** True when the attribute is present and not null (or an empty list); unknown values count as set. */
function isSet(ctx: Ctx, block: TfBlock, name: string, list = false): boolean {
  const attr = block.attributes.get(name);
  if (attr === undefined) return false;
  const value = ctx.evaluate(attr.expr);
  if (!value.known) return true;
  if (value.value === null || value.value === '') return false;
  return !(list && Array.isArray(value.value) && value.value.length === 0);
}

/** The engine major version when it is known: `engine_version` "7.1", "6.x"; Valkey is 7.2 or later. */
function onlineCapable(ctx: Ctx, group: TfBlock): boolean {
  const engine = group.attributes.get('engine');
  const engineValue = engine === undefined ? undefined : ctx.evaluate(engine.expr);
  if (engineValue?.known && asString(engineValue.value)?.toLowerCase() === 'valkey') return true;
  const version = group.attributes.get('engine_version');
  if (version === undefined) return false;
  const v = ctx.evaluate(version.expr);
  const major = v.known ? Number.parseInt(asString(v.value) ?? '', 10) : Number.NaN;
  return Number.isFinite(major) && major >= 7;
}

function enableFix(resource: Located<TfBlock>, ctx: Ctx): { fixId: keyof typeof fixes; edits: FixEdit[] } {
  const group = resource.node;
  const attr = group.attributes.get('transit_encryption_enabled');
  const online = onlineCapable(ctx, group) && !group.attributes.has('transit_encryption_mode');
  // Authentication only where nothing is written about it (an empty or null user_group_ids is left to the warn).
  const auth = !hasAuth(ctx, group) && !group.attributes.has('user_group_ids');
  const fixId = online ? (auth ? 'enableOnlineWithAuth' : 'enableOnline') : auth ? 'enableWithAuth' : 'enable';
  const inserted: [string, string][] = [];
  if (online) inserted.push(['transit_encryption_mode', '"preferred"']);
  if (auth) inserted.push(['user_group_ids', `[${userValueRef(USER_GROUP)}]`]);
  if (attr === undefined) {
    return { fixId, edits: withUserValues(ctx, resource.uri, [USER_GROUP], [insertAttributes(resource.uri, ctx.text, group, [['transit_encryption_enabled', 'true'], ...inserted])]) };
  }
  const edits: FixEdit[] = [replaceLiteral(resource.uri, attr, 'true')!];
  if (inserted.length > 0) edits.push(insertAttributes(resource.uri, ctx.text, group, inserted));
  return { fixId, edits: withUserValues(ctx, resource.uri, [USER_GROUP], edits) };
}
