/**
 * azure-storage-account-https-only
 *
 * Logic (catalog): an azurerm_storage_account fails when `https_traffic_only_enabled` (azurerm v4) or
 * `enable_https_traffic_only` (azurerm v2/v3) is explicitly false. Absent attributes pass: the
 * provider default is true on every version that has them. Unknown values are never guessed.
 *
 * Findings: on the `false` value (the variable default or tfvars entry is the related location).
 *
 * Fix (safe, catalog autofix.safe): replaces a literal `false` with `true` under the spelling the
 * file already uses; the change is in place. A value from a variable gets no fix at the use site.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireBool } from './helpers';

const ATTRIBUTES = ['https_traffic_only_enabled', 'enable_https_traffic_only'] as const;

export default defineTerraformRule({
  id: 'azure-storage-account-https-only',
  resourceTypes: ['azurerm_storage_account'],
  messages: {
    disabled: 'azurerm_storage_account "{name}" sets {attribute} = {value}{origin}; its endpoints accept unencrypted HTTP.',
  },
  fixes: {
    enable: { title: 'Accept HTTPS traffic only (set the attribute to true)', safety: 'safe' },
  },
  check(resource, ctx) {
    const name = resourceName(resource.node);
    for (const attribute of ATTRIBUTES) {
      requireBool(resource, ctx, { attribute, expected: true, wrong: 'disabled', fixId: 'enable', data: { name, attribute } });
    }
  },
});
