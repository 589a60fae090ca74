/**
 * azure-mssql-server-auditing-enabled
 *
 * Logic (catalog, pass_if_any + and_retention):
 * - azurerm_mssql_server / azurerm_sql_server: audited when an inline `extended_auditing_policy`
 *   block exists (azurerm < 3; a `dynamic` one only when its `for_each` is known to create it), or when an azurerm_mssql_server_extended_auditing_policy anywhere in
 *   the module points at it (`server_id = azurerm_mssql_server.x.id`, `[count.index]`, `each.value.id`,
 *   or a literal Azure id ending in the server's name). Otherwise the server is reported.
 * - every policy (inline or resource) must not set `enabled = false`, and `retention_in_days` must be
 *   0 (unlimited) or >= 90; absent passes (0).
 * Policies whose server cannot be resolved, and unknown values, are never guessed.
 *
 * Findings: a server without policy on its header; a disabled policy or short retention on the value,
 * in the block or resource that holds it (a policy resource is judged on its own, never again on the
 * server).
 *
 * Fixes (review; catalog autofix.safe = false — auditing needs a destination):
 * - addPolicy: inserts an azurerm_mssql_server_extended_auditing_policy after an azurerm_mssql_server
 *   (`log_monitoring_enabled = true`, `retention_in_days = 90`); the records reach a workspace only
 *   once a diagnostic setting on the master database routes them. Not offered for the deprecated
 *   azurerm_sql_server.
 * - enable / retain90: replace a literal `enabled = false` / short retention.
 */
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { azureIdLiteral, findCompanionsJoined, insertCompanionAfter, judgeBool, nestedInstances, replaceLiteral, valueText } from './helpers';
import { asNumber, originRelated, originSuffix } from './values';

const POLICY = 'azurerm_mssql_server_extended_auditing_policy';
const MIN_RETENTION = 90;

const messages = {
  missing: '{resource} "{name}" has no extended auditing policy; queries and changes to its databases are not audited.',
  disabled: '{resource} "{name}" sets enabled = {value}{origin}; server auditing is off.',
  shortRetention: '{resource} "{name}" keeps audit logs for retention_in_days = {value}{origin}, less than 90 days.',
};
const fixes = {
  addPolicy: { title: `Add an ${POLICY} sending audit logs to Azure Monitor (records reach a workspace only once a diagnostic setting on the master database routes them; log volume and cost grow)`, safety: 'review' as const },
  enable: { title: 'Set enabled = true (server auditing starts; audit log volume and cost grow)', safety: 'review' as const },
  retain90: { title: 'Set retention_in_days = 90 (audit storage grows)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'azure-mssql-server-auditing-enabled',
  resourceTypes: ['azurerm_mssql_server', POLICY, 'azurerm_sql_server'],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === POLICY) {
      checkPolicy(resource, resource.node, ctx);
      return;
    }
    const server = resource.node;
    // A dynamic inline policy counts only when its for_each is known to create the block.
    const inline = nestedInstances(ctx, server, 'extended_auditing_policy');
    if (inline.present.length > 0) {
      for (const policy of inline.present) checkPolicy(resource, policy, ctx);
      return;
    }
    const literal = azureIdLiteral(ctx, resource, 'Microsoft.Sql/servers');
    const { matches, undecided } = findCompanionsJoined(ctx, resource, POLICY, 'server_id', { literal });
    if (matches.length > 0) return; // judged when the policy itself is analysed
    const first = undecided[0];
    if (first !== undefined) {
      ctx.cannotDetermine(server.headerSpan, `${POLICY} "${resourceName(first.node)}" may audit this server; its server_id cannot be resolved statically`);
      return;
    }
    const maybeInline = inline.uncertain[0];
    if (maybeInline !== undefined) {
      ctx.cannotDetermine(maybeInline.at, maybeInline.reason);
      return;
    }
    const type = resourceType(server);
    ctx.report({
      messageId: 'missing',
      at: server.headerSpan,
      data: { resource: type, name: resourceName(server) },
      ...(type === 'azurerm_mssql_server'
        ? {
            fix: {
              fixId: 'addPolicy' as const,
              edits: [insertCompanionAfter(ctx, resource, POLICY, [['log_monitoring_enabled', 'true'], ['retention_in_days', String(MIN_RETENTION)]], [], 'server_id')],
            },
          }
        : {}),
    });
  },
});

/** Judges a policy resource, or an inline `extended_auditing_policy` block of a server. */
function checkPolicy(resource: Located<TfBlock>, policy: TfBlock, ctx: Ctx): void {
  const data = { resource: resourceType(resource.node), name: resourceName(resource.node) };
  const enabled = judgeBool(ctx, policy, 'enabled', true, 'pass');
  if (enabled.kind === 'unknown') ctx.cannotDetermine(enabled.at, enabled.reason);
  else if (enabled.kind === 'wrong') {
    const fix = replaceLiteral(resource.uri, enabled.attr, 'true');
    ctx.report({
      messageId: 'disabled',
      at: enabled.attr.expr.span,
      data: { ...data, value: valueText(enabled.resolved), origin: originSuffix(enabled.resolved) },
      related: originRelated(enabled.resolved),
      ...(fix ? { fix: { fixId: 'enable' as const, edits: [fix] } } : {}),
    });
    return; // retention is moot while auditing is off
  }
  const retention = policy.attributes.get('retention_in_days');
  if (retention === undefined) return; // 0 = unlimited
  const value = ctx.evaluate(retention.expr);
  if (!value.known) {
    ctx.cannotDetermine(retention.expr.span, `retention_in_days = ${value.text} cannot be resolved statically`);
    return;
  }
  if (value.value === null) return;
  const days = asNumber(value.value);
  if (days === undefined) {
    ctx.cannotDetermine(retention.expr.span, 'retention_in_days is not a number');
    return;
  }
  if (days === 0 || days >= MIN_RETENTION) return;
  const fix = replaceLiteral(resource.uri, retention, String(MIN_RETENTION));
  ctx.report({
    messageId: 'shortRetention',
    at: retention.expr.span,
    data: { ...data, value: valueText(value), origin: originSuffix(value) },
    related: originRelated(value),
    ...(fix ? { fix: { fixId: 'retain90' as const, edits: [fix] } } : {}),
  });
}
