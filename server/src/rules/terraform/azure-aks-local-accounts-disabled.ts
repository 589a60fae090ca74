/**
 * azure-aks-local-accounts-disabled
 *
 * Logic (catalog): an azurerm_kubernetes_cluster passes only with `local_account_disabled = true`;
 * absent (provider default false), null or false fails. Unknown values are never guessed.
 *
 * Findings: on the value when written (variable origin related), else on the resource header.
 *
 * Fix (review, catalog autofix.safe = false): inserts the attribute or replaces a literal `false`,
 * only when the cluster has `azure_active_directory_role_based_access_control`: without Entra ID
 * integration AKS rejects the change, and with it the static admin kubeconfig stops working.
 */
import { insertAttribute } from '../../fixes/terraform-edits';
import { nestedBlocks, resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { judgeBool, replaceLiteral, valueText } from './helpers';
import { originRelated, originSuffix } from './values';

export default defineTerraformRule({
  id: 'azure-aks-local-accounts-disabled',
  resourceTypes: ['azurerm_kubernetes_cluster'],
  messages: {
    missing: 'azurerm_kubernetes_cluster "{name}" does not set local_account_disabled; the shared clusterAdmin credential stays available (the provider default is false).',
    enabled: 'azurerm_kubernetes_cluster "{name}" sets local_account_disabled = {value}{origin}; the shared clusterAdmin credential stays available.',
  },
  fixes: {
    disable: { title: 'Set local_account_disabled = true (the static admin kubeconfig stops working; sign in through Entra ID)', safety: 'review' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const name = resourceName(block);
    const verdict = judgeBool(ctx, block, 'local_account_disabled', true, 'fail');
    // Disabling local accounts requires Entra ID integration; without it no fix is offered.
    const fixable = nestedBlocks(block, 'azure_active_directory_role_based_access_control').length > 0;
    switch (verdict.kind) {
      case 'ok':
        return;
      case 'unknown':
        ctx.cannotDetermine(verdict.at, verdict.reason);
        return;
      case 'missing':
        ctx.report({
          messageId: 'missing',
          at: block.headerSpan,
          data: { name },
          ...(fixable ? { fix: { fixId: 'disable' as const, edits: [insertAttribute(resource.uri, ctx.text, block, 'local_account_disabled', 'true')] } } : {}),
        });
        return;
      case 'wrong': {
        const fix = fixable ? replaceLiteral(resource.uri, verdict.attr, 'true') : undefined;
        ctx.report({
          messageId: 'enabled',
          at: verdict.attr.expr.span,
          data: { name, value: valueText(verdict.resolved), origin: originSuffix(verdict.resolved) },
          related: originRelated(verdict.resolved),
          ...(fix ? { fix: { fixId: 'disable' as const, edits: [fix] } } : {}),
        });
      }
    }
  },
});
