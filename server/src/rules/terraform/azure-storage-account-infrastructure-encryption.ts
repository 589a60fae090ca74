/**
 * azure-storage-account-infrastructure-encryption
 *
 * Logic (catalog): an azurerm_storage_account passes only with `infrastructure_encryption_enabled =
 * true`; absent (provider default false), null or false fails. Unknown values are never guessed.
 *
 * Findings: on the value when written (variable origin related), else on the resource header.
 *
 * Fix (review, catalog autofix.safe = false): inserts the attribute or replaces a literal `false`.
 * The argument is ForceNew: Terraform replaces an existing account, and its data with it, so the
 * fix is offered one at a time and never part of fix-all.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireBool } from './helpers';

export default defineTerraformRule({
  id: 'azure-storage-account-infrastructure-encryption',
  resourceTypes: ['azurerm_storage_account'],
  messages: {
    missing: 'azurerm_storage_account "{name}" does not set infrastructure_encryption_enabled; data is encrypted once, not twice (the provider default is false).',
    disabled: 'azurerm_storage_account "{name}" sets infrastructure_encryption_enabled = {value}{origin}; data is encrypted once, not twice.',
  },
  fixes: {
    enable: { title: 'Set infrastructure_encryption_enabled = true (replaces an existing account and its data)', safety: 'review' },
  },
  check(resource, ctx) {
    requireBool(resource, ctx, {
      attribute: 'infrastructure_encryption_enabled',
      expected: true,
      missing: 'missing',
      wrong: 'disabled',
      fixId: 'enable',
      data: { name: resourceName(resource.node) },
    });
  },
});
