/**
 * azure-keyvault-diagnostic-logging
 *
 * Logic (catalog): an azurerm_key_vault passes when an azurerm_monitor_diagnostic_setting anywhere in
 * the module points at it (`target_resource_id = azurerm_key_vault.kv.id`, `[count.index]`,
 * `each.value.id`, or a literal Key Vault resource id ending in the vault's name) and enables the
 * `AuditEvent` category or the `audit` / `allLogs` category group: in an `enabled_log` block
 * (azurerm v4, and v3.39+) or in a `log` block (azurerm v3) that is not `enabled = false`.
 * Settings whose target cannot be resolved, and unknown categories, are never guessed. Settings that
 * point at other resource types are ignored.
 *
 * Findings: a vault without any setting on its header; a setting for a vault that does not enable
 * AuditEvent on the setting itself (at `enabled = false` when the AuditEvent log is switched off,
 * else at its header), unless another setting of the same vault covers it.
 *
 * Fixes (review; catalog autofix.safe = false): no fix for a vault without setting (the destination
 * workspace or storage account is environment-specific). For a setting that exists: add
 * `enabled_log { category_group = "audit" }` (or a `log` block in azurerm v3 style), or replace a
 * literal `enabled = false` — more log volume, in place.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { insertNestedBlock } from '../../fixes/terraform-edits';
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfAttribute, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { azureIdLiteral, findCompanionsJoined, judgeBool, nestedInstances, replaceLiteral, sameResource, valueText, type Companions } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const VAULT = 'azurerm_key_vault';
const SETTING = 'azurerm_monitor_diagnostic_setting';
const CATEGORY = 'auditevent';
const GROUPS = ['audit', 'alllogs'];

const messages = {
  missing: 'azurerm_key_vault "{name}" has no diagnostic setting that sends its AuditEvent logs to a destination; secret and key access is not recorded.',
  notAudited: 'azurerm_monitor_diagnostic_setting "{name}" for key vault "{vault}" does not enable the AuditEvent category or the audit/allLogs group; secret and key access is not recorded.',
  auditDisabled: 'azurerm_monitor_diagnostic_setting "{name}" sets enabled = {value}{origin} on the audit log of key vault "{vault}"; secret and key access is not recorded.',
};
const fixes = {
  addAuditLog: { title: 'Enable the "audit" category group in this diagnostic setting (more log volume)', safety: 'review' as const },
  enableLog: { title: 'Set enabled = true on the audit log (more log volume)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

/** Whether a diagnostic setting sends the vault's audit events. */
type Coverage =
  | { readonly kind: 'yes' }
  | { readonly kind: 'no'; readonly disabled?: Extract<ReturnType<typeof judgeBool>, { kind: 'wrong' }> }
  | { readonly kind: 'unknown'; readonly at: Span; readonly reason: string };

export default defineTerraformRule({
  id: 'azure-keyvault-diagnostic-logging',
  resourceTypes: [VAULT, SETTING],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === SETTING) checkSetting(resource, ctx);
    else checkVault(resource, ctx);
  },
});

function settingsOf(vault: Located<TfBlock>, ctx: Ctx): Companions {
  return findCompanionsJoined(ctx, vault, SETTING, 'target_resource_id', { literal: azureIdLiteral(ctx, vault, 'Microsoft.KeyVault/vaults'), anyType: true });
}

function checkVault(resource: Located<TfBlock>, ctx: Ctx): void {
  const vault = resource.node;
  const { matches, undecided } = settingsOf(resource, ctx);
  // A setting of this vault is judged when it is analysed itself: its findings are not repeated here.
  if (matches.length > 0) return;
  const first = undecided[0];
  if (first !== undefined) {
    ctx.cannotDetermine(vault.headerSpan, `${SETTING} "${resourceName(first.node)}" may log this vault; its target_resource_id cannot be resolved statically`);
    return;
  }
  ctx.report({ messageId: 'missing', at: vault.headerSpan, data: { name: resourceName(vault) } });
}

function checkSetting(resource: Located<TfBlock>, ctx: Ctx): void {
  const setting = resource.node;
  const vaults = ctx.module.resourcesOfType(VAULT).filter((v) => settingsOf(v, ctx).matches.some((m) => sameResource(m, resource)));
  if (vaults.length === 0) return; // not a Key Vault of this module
  const own = coverage(setting, ctx);
  if (own.kind === 'yes') return;
  if (own.kind === 'unknown') {
    ctx.cannotDetermine(own.at, own.reason);
    return;
  }
  for (const vault of vaults) {
    // Another setting of the same vault may send the audit events.
    const { matches, undecided } = settingsOf(vault, ctx);
    const others = matches.filter((m) => !sameResource(m, resource)).map((m) => coverage(m.node, ctx));
    if (others.some((c) => c.kind === 'yes')) continue;
    const unknown = others.find((c) => c.kind === 'unknown');
    if (unknown?.kind === 'unknown' || undecided.length > 0) {
      ctx.cannotDetermine(setting.headerSpan, unknown?.kind === 'unknown' ? unknown.reason : `${SETTING} "${resourceName(undecided[0]!.node)}" may log key vault "${resourceName(vault.node)}"; its target cannot be resolved statically`);
      continue;
    }
    const data = { name: resourceName(setting), vault: resourceName(vault.node) };
    if (own.disabled !== undefined) {
      const fix = replaceLiteral(resource.uri, own.disabled.attr, 'true');
      ctx.report({
        messageId: 'auditDisabled',
        at: own.disabled.attr.expr.span,
        data: { ...data, value: valueText(own.disabled.resolved), origin: originSuffix(own.disabled.resolved) },
        related: originRelated(own.disabled.resolved),
        ...(fix ? { fix: { fixId: 'enableLog' as const, edits: [fix] } } : {}),
      });
    } else {
      ctx.report({ messageId: 'notAudited', at: setting.headerSpan, data, fix: { fixId: 'addAuditLog', edits: [addAuditLog(resource, ctx)] } });
    }
    return;
  }
}

/**
 * Reads `enabled_log` (azurerm v4) and `log` (azurerm v3) blocks, `dynamic` ones included when their
 * `for_each` is known to create them; one whose `for_each` cannot be resolved leaves the coverage
 * unknown when it would select the audit category.
 */
function coverage(setting: TfBlock, ctx: Ctx): Coverage {
  let unknown: Coverage | undefined;
  let disabled: Extract<Coverage, { kind: 'no' }>['disabled'];
  const current = nestedInstances(ctx, setting, 'enabled_log');
  const legacyLogs = nestedInstances(ctx, setting, 'log');
  for (const maybe of [...current.uncertain, ...legacyLogs.uncertain]) {
    if (selectsAudit(maybe.content, ctx).kind !== 'no') unknown ??= { kind: 'unknown', at: maybe.at, reason: maybe.reason };
  }
  const blocks = [...current.present.map((b) => [b, false] as const), ...legacyLogs.present.map((b) => [b, true] as const)];
  for (const [block, legacy] of blocks) {
    const selects = selectsAudit(block, ctx);
    if (selects.kind === 'unknown') {
      unknown ??= selects;
      continue;
    }
    if (selects.kind === 'no') continue;
    if (!legacy) return { kind: 'yes' };
    const enabled = judgeBool(ctx, block, 'enabled', true, 'pass');
    if (enabled.kind === 'ok') return { kind: 'yes' };
    if (enabled.kind === 'unknown') unknown ??= { kind: 'unknown', at: enabled.at, reason: enabled.reason };
    else if (enabled.kind === 'wrong') disabled ??= enabled;
  }
  return unknown ?? (disabled !== undefined ? { kind: 'no', disabled } : { kind: 'no' });
}

function selectsAudit(block: TfBlock, ctx: Ctx): Coverage {
  const checks: [TfAttribute | undefined, (v: string) => boolean][] = [
    [block.attributes.get('category'), (v) => v.toLowerCase() === CATEGORY],
    [block.attributes.get('category_group'), (v) => GROUPS.includes(v.toLowerCase())],
  ];
  let unknown: Coverage | undefined;
  for (const [attr, matches] of checks) {
    if (attr === undefined) continue;
    const value = ctx.evaluate(attr.expr);
    if (!value.known) {
      unknown ??= { kind: 'unknown', at: attr.expr.span, reason: `${attr.name} = ${value.text} cannot be resolved statically` };
      continue;
    }
    const text = value.value === null ? undefined : asString(value.value);
    if (text !== undefined && matches(text)) return { kind: 'yes' };
  }
  return unknown ?? { kind: 'no' };
}

/** Adds the audit category group in the style the setting already uses (v3 `log` or `enabled_log`). */
function addAuditLog(resource: Located<TfBlock>, ctx: Ctx): FixEdit {
  const legacy = nestedBlocks(resource.node, 'log').length > 0 && nestedBlocks(resource.node, 'enabled_log').length === 0;
  const lines = legacy ? ['log {', '  category_group = "audit"', '  enabled        = true', '}'] : ['enabled_log {', '  category_group = "audit"', '}'];
  return insertNestedBlock(resource.uri, ctx.text, resource.node, lines);
}
