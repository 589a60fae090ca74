import type { FixEdit } from '../../fixes/fix-edit';
import type { Located } from '../../model/terraform/module';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { insertAttributes, replaceLiteral, valueText } from './helpers';
import { asBool, asString, originRelated, originSuffix } from './values';

/**
 * ElastiCache replication groups set `transit_encryption_enabled = true` (absent = false). When it
 * is on, the catalog's `warn_if` asks for client authentication: an `auth_token` (Redis AUTH) or
 * `user_group_ids` (RBAC); neither is reported one step lower (medium). Members of a Global Datastore
 * (`global_replication_group_id`) inherit the setting and are not judged. Findings at the value, or
 * at the header when absent. Fixes are `review` (catalog autofix.safe is false; clients must switch
 * to TLS): on engine 7+ (a known `engine_version` >= 7, or Valkey) the fix also sets
 * `transit_encryption_mode = "preferred"` for the online migration; below that the change replaces
 * the group. No fix for authentication (a token or user group is a secret / environment-specific).
 */

const messages = {
  missing: 'aws_elasticache_replication_group "{name}" does not set transit_encryption_enabled; the default sends cache traffic (and any ePHI in it) unencrypted.',
  disabled: 'aws_elasticache_replication_group "{name}" has transit_encryption_enabled = {value}{origin}; cache traffic is unencrypted.',
  noAuth: 'aws_elasticache_replication_group "{name}" encrypts in transit but sets neither auth_token nor user_group_ids, so clients are not authenticated.',
};
const fixes = {
  enableOnline: { title: 'Enable in-transit encryption in "preferred" mode (engine 7+: no replacement; clients must then use TLS)', safety: 'review' as const },
  enable: { title: 'Set transit_encryption_enabled = true (replaces a group below engine 7; clients must use TLS)', safety: 'review' as const },
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
    if (isSet(ctx, group, 'auth_token') || isSet(ctx, group, 'user_group_ids', true)) return;
    ctx.report({ messageId: 'noAuth', at: group.headerSpan, data: { name }, severity: 'medium' });
  },
});

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
  if (attr === undefined) {
    const attributes: [string, string][] = [['transit_encryption_enabled', 'true']];
    if (online) attributes.push(['transit_encryption_mode', '"preferred"']);
    return { fixId: online ? 'enableOnline' : 'enable', edits: [insertAttributes(resource.uri, ctx.text, group, attributes)] };
  }
  const edits: FixEdit[] = [replaceLiteral(resource.uri, attr, 'true')!];
  if (online) edits.push(insertAttributes(resource.uri, ctx.text, group, [['transit_encryption_mode', '"preferred"']]));
  return { fixId: online ? 'enableOnline' : 'enable', edits };
}
