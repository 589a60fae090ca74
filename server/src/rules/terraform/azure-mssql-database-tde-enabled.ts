/**
 * azure-mssql-database-tde-enabled
 *
 * Logic (catalog): an azurerm_mssql_database fails when `transparent_data_encryption_enabled` is
 * explicitly false. Absent (or null) passes: the provider default is true. Unknown values are never
 * guessed.
 *
 * Findings: on the `false` value (variable origin related).
 *
 * Fix (safe, catalog autofix.safe): replaces a literal `false` with `true`. In place: Azure encrypts
 * the existing database online, in the background.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireBool } from './helpers';

export default defineTerraformRule({
  id: 'azure-mssql-database-tde-enabled',
  resourceTypes: ['azurerm_mssql_database'],
  messages: {
    disabled: 'azurerm_mssql_database "{name}" sets transparent_data_encryption_enabled = {value}{origin}; its data files, logs and backups are not encrypted at rest.',
  },
  fixes: {
    enable: { title: 'Set transparent_data_encryption_enabled = true', safety: 'safe' },
  },
  check(resource, ctx) {
    requireBool(resource, ctx, {
      attribute: 'transparent_data_encryption_enabled',
      expected: true,
      wrong: 'disabled',
      fixId: 'enable',
      data: { name: resourceName(resource.node) },
    });
  },
});
