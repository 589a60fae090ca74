/**
 * azure-aks-rbac-enabled
 *
 * Logic (catalog, pass_if_any): an azurerm_kubernetes_cluster fails when
 * `role_based_access_control_enabled` (azurerm >= 2.99) is explicitly false, or when the older
 * `role_based_access_control { enabled = … }` block (azurerm < 2.99) says false. Absent passes: the
 * provider default is true. Entra ID integration (`azure_active_directory_role_based_access_control`)
 * is recommended by the catalog but not required. Unknown values are never guessed; a dynamic
 * `role_based_access_control` counts only when its `for_each` is known to create the block.
 *
 * Findings: on the `false` value (variable origin related).
 *
 * Fix (review, catalog autofix.safe = false): replaces a literal `false` with `true`. RBAC cannot be
 * switched on an existing cluster: Terraform replaces it, with every workload on it.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { judgeBool, nestedInstances, requireBool } from './helpers';

export default defineTerraformRule({
  id: 'azure-aks-rbac-enabled',
  resourceTypes: ['azurerm_kubernetes_cluster'],
  messages: {
    disabled: 'azurerm_kubernetes_cluster "{name}" sets {attribute} = {value}{origin}; without Kubernetes RBAC every authenticated user can do anything in the cluster.',
  },
  fixes: {
    enable: { title: 'Enable Kubernetes RBAC (replaces an existing cluster and its workloads)', safety: 'review' },
  },
  check(resource, ctx) {
    const name = resourceName(resource.node);
    requireBool(resource, ctx, { attribute: 'role_based_access_control_enabled', expected: true, wrong: 'disabled', fixId: 'enable', data: { name, attribute: 'role_based_access_control_enabled' } });
    // A dynamic block counts only when its for_each is known to create it; one that may not exist is not judged.
    const blocks = nestedInstances(ctx, resource.node, 'role_based_access_control');
    for (const block of blocks.present) {
      requireBool(resource, ctx, { block, attribute: 'enabled', expected: true, wrong: 'disabled', fixId: 'enable', data: { name, attribute: 'role_based_access_control.enabled' } });
    }
    for (const maybe of blocks.uncertain) {
      if (judgeBool(ctx, maybe.content, 'enabled', true, 'pass').kind !== 'ok') ctx.cannotDetermine(maybe.at, maybe.reason);
    }
  },
});
