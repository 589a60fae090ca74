/**
 * azure-storage-account-min-tls12
 *
 * Logic (catalog): an azurerm_storage_account passes when `min_tls_version` is "TLS1_2" or
 * "TLS1_3". An absent attribute (or null) is the catalog's `warn`: current azurerm versions default
 * to TLS1_2, older ones to TLS1_0, so the floor is not evidenced in code. Any other value fails.
 * Unknown values are never guessed.
 *
 * Findings: on the value (variable origin related); for an absent attribute on the resource header,
 * with the severity lowered one step (medium).
 *
 * Fix (safe, catalog autofix.safe): inserts `min_tls_version = "TLS1_2"`, or replaces a literal
 * older version with "TLS1_2". In place; TLS 1.0/1.1 clients are refused afterwards.
 */
import { insertAttribute } from '../../fixes/terraform-edits';
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { replaceLiteral, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const ALLOWED = ['TLS1_2', 'TLS1_3'];

export default defineTerraformRule({
  id: 'azure-storage-account-min-tls12',
  resourceTypes: ['azurerm_storage_account'],
  messages: {
    missing: 'azurerm_storage_account "{name}" does not set min_tls_version; the floor depends on the provider version (TLS 1.0 before azurerm 3.0).',
    outdated: 'azurerm_storage_account "{name}" sets min_tls_version = {value}{origin}; clients may still connect with TLS 1.0 or 1.1.',
  },
  fixes: {
    setTls12: { title: 'Set min_tls_version = "TLS1_2" (TLS 1.0/1.1 clients are refused)', safety: 'safe' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const name = resourceName(block);
    const attr = block.attributes.get('min_tls_version');
    const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
    if (attr === undefined || (value?.known === true && value.value === null)) {
      ctx.report({
        messageId: 'missing',
        at: block.headerSpan,
        data: { name },
        // Catalog when_missing: warn — current provider versions default to TLS1_2.
        severity: 'medium',
        ...(attr === undefined ? { fix: { fixId: 'setTls12' as const, edits: [insertAttribute(resource.uri, ctx.text, block, 'min_tls_version', '"TLS1_2"')] } } : {}),
      });
      return;
    }
    if (value === undefined || !value.known) {
      ctx.cannotDetermine(attr.expr.span, `min_tls_version = ${value?.known === false ? value.text : ''} cannot be resolved statically`);
      return;
    }
    const version = asString(value.value);
    if (version !== undefined && ALLOWED.includes(version)) return;
    const fix = replaceLiteral(resource.uri, attr, '"TLS1_2"');
    ctx.report({
      messageId: 'outdated',
      at: attr.expr.span,
      data: { name, value: valueText(value), origin: originSuffix(value) },
      related: originRelated(value),
      ...(fix ? { fix: { fixId: 'setTls12' as const, edits: [fix] } } : {}),
    });
  },
});
