/**
 * azure-aks-private-api-server
 *
 * Logic (catalog, pass_if_any): an azurerm_kubernetes_cluster passes when
 * - `private_cluster_enabled = true`; or
 * - `api_server_access_profile { authorized_ip_ranges = [...] }` (azurerm v3+) lists at least one
 *   range and no range covering every address (`0.0.0.0/0`, any `/0`); or
 * - the older top-level `api_server_authorized_ip_ranges` (azurerm < 3.x) does the same (a `/0` there
 *   is open too).
 * Otherwise the API server is reachable from the whole internet. Unknown values are never guessed.
 *
 * Findings: each `/0` range on its list element; otherwise at `private_cluster_enabled = false` when
 * written, else on the resource header.
 *
 * Fix: none (catalog autofix.safe = false): private_cluster_enabled is ForceNew, and the allowed
 * ranges are environment-specific (a wrong list locks out CI and administrators).
 */
import type { Span } from '../../model/span';
import { nestedBlocks, resourceName, type TfAttribute } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { isAllAddresses, judgeBool, listStrings, valueText, type ListString } from './helpers';
import { originRelated, originSuffix } from './values';

export default defineTerraformRule({
  id: 'azure-aks-private-api-server',
  resourceTypes: ['azurerm_kubernetes_cluster'],
  messages: {
    public: 'azurerm_kubernetes_cluster "{name}" has a public API server without authorized IP ranges; it is reachable from the whole internet.',
    publicExplicit: 'azurerm_kubernetes_cluster "{name}" sets private_cluster_enabled = {value}{origin} without authorized IP ranges; its API server is reachable from the whole internet.',
    openRange: 'azurerm_kubernetes_cluster "{name}" authorizes {cidr}{origin} on its public API server; that is the whole internet.',
  },
  fixes: {},
  check(resource, ctx) {
    const block = resource.node;
    const name = resourceName(block);
    const priv = judgeBool(ctx, block, 'private_cluster_enabled', true, 'fail');
    if (priv.kind === 'ok') return;

    const lists: TfAttribute[] = [];
    for (const profile of nestedBlocks(block, 'api_server_access_profile')) {
      const a = profile.attributes.get('authorized_ip_ranges');
      if (a !== undefined) lists.push(a);
    }
    const legacy = block.attributes.get('api_server_authorized_ip_ranges');
    if (legacy !== undefined) lists.push(legacy);
    const ranges: ListString[] = [];
    let unknownAt: Span | undefined;
    for (const attr of lists) {
      const found = listStrings(ctx, attr.expr);
      ranges.push(...found.items);
      unknownAt ??= found.unknownAt;
    }
    const open = ranges.filter((r) => isAllAddresses(r.value));
    if (open.length === 0 && ranges.length > 0 && unknownAt === undefined) return; // restricted to known ranges

    if (priv.kind === 'unknown') {
      ctx.cannotDetermine(priv.at, priv.reason);
      return;
    }
    if (open.length > 0) {
      for (const r of open) ctx.report({ messageId: 'openRange', at: r.at, data: { name, cidr: r.value, origin: originSuffix(r.resolved) }, related: originRelated(r.resolved) });
      return;
    }
    if (unknownAt !== undefined) {
      ctx.cannotDetermine(unknownAt, 'authorized_ip_ranges cannot be resolved statically');
      return;
    }
    if (priv.kind === 'wrong') {
      ctx.report({
        messageId: 'publicExplicit',
        at: priv.attr.expr.span,
        data: { name, value: valueText(priv.resolved), origin: originSuffix(priv.resolved) },
        related: originRelated(priv.resolved),
      });
      return;
    }
    ctx.report({ messageId: 'public', at: block.headerSpan, data: { name } });
  },
});
