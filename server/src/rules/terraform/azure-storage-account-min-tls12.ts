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
import { defineTerraformRule } from '../define-rule';
import { requireStringIn } from './helpers';

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
    // Catalog when_missing: warn — current provider versions default to TLS1_2.
    requireStringIn(resource, ctx, { attribute: 'min_tls_version', allowed: ALLOWED, literal: '"TLS1_2"', missing: 'missing', wrong: 'outdated', fixId: 'setTls12', missingSeverity: 'medium' });
  },
});
