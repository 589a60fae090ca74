/**
 * azure-keyvault-purge-protection
 *
 * Logic (catalog): an azurerm_key_vault passes only with `purge_protection_enabled = true`; absent
 * (provider default false), null or false fails. Also: `soft_delete_retention_days`, when set, must
 * be at least 7 (soft delete itself is always on since azurerm 3.0). Unknown values are never guessed.
 *
 * Findings: on the value when written (variable origin related), else on the resource header.
 *
 * Fix (review, catalog autofix.safe = false): inserts `purge_protection_enabled = true` or replaces a
 * literal `false`. It cannot be undone, and a deleted vault's name stays reserved for the retention
 * period, so it needs the owner's approval and never runs in fix-all. Retention gets no fix.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireBool, valueText } from './helpers';
import { asNumber, originRelated, originSuffix } from './values';

const MIN_RETENTION = 7;

export default defineTerraformRule({
  id: 'azure-keyvault-purge-protection',
  resourceTypes: ['azurerm_key_vault'],
  messages: {
    missing: 'azurerm_key_vault "{name}" does not set purge_protection_enabled; a deleted vault and its keys can be purged before the retention period ends (the provider default is false).',
    disabled: 'azurerm_key_vault "{name}" sets purge_protection_enabled = {value}{origin}; a deleted vault and its keys can be purged before the retention period ends.',
    shortRetention: 'azurerm_key_vault "{name}" sets soft_delete_retention_days = {value}{origin}, less than 7 days.',
  },
  fixes: {
    enable: { title: 'Set purge_protection_enabled = true (irreversible; the vault name stays reserved after deletion)', safety: 'review' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const name = resourceName(block);
    requireBool(resource, ctx, { attribute: 'purge_protection_enabled', expected: true, missing: 'missing', wrong: 'disabled', fixId: 'enable', data: { name } });

    const retention = block.attributes.get('soft_delete_retention_days');
    if (retention === undefined) return; // default 90
    const value = ctx.evaluate(retention.expr);
    if (!value.known) {
      ctx.cannotDetermine(retention.expr.span, `soft_delete_retention_days = ${value.text} cannot be resolved statically`);
      return;
    }
    const days = value.value === null ? undefined : asNumber(value.value);
    if (days === undefined || days >= MIN_RETENTION) return;
    ctx.report({
      messageId: 'shortRetention',
      at: retention.expr.span,
      data: { name, value: valueText(value), origin: originSuffix(value) },
      related: originRelated(value),
    });
  },
});
