/**
 * gcp-gke-private-cluster
 *
 * Logic (catalog):
 * - fail unless `private_cluster_config { enable_private_nodes = true }` (no block, no attribute or
 *   false fails: nodes get public IPs);
 * - warn (severity lowered to medium) when the control plane is open to the internet: neither
 *   `private_cluster_config.enable_private_endpoint = true` nor a `master_authorized_networks_config`
 *   block. A `/0` range in `master_authorized_networks_config.cidr_blocks` restricts nothing and is
 *   warned the same way.
 * Unknown values are never guessed.
 *
 * Findings: on the offending value when written; else on the private_cluster_config header when the
 * block exists; else on the resource header.
 *
 * Fix: none (catalog autofix.safe = false): private nodes are ForceNew (Terraform replaces the cluster)
 * and need Cloud NAT for egress; authorized networks are environment-specific.
 */
import type { Span } from '../../model/span';
import { nestedBlocks, resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { isAllAddresses, judgeBool, listStrings, valueText } from './helpers';
import { originRelated, originSuffix } from './values';

export default defineTerraformRule({
  id: 'gcp-gke-private-cluster',
  resourceTypes: ['google_container_cluster'],
  messages: {
    noPrivateNodes: 'google_container_cluster "{name}" does not set private_cluster_config.enable_private_nodes = true; its nodes get public IP addresses.',
    publicNodes: 'google_container_cluster "{name}" sets enable_private_nodes = {value}{origin}; its nodes get public IP addresses.',
    openEndpoint: 'google_container_cluster "{name}" has a public control-plane endpoint without master_authorized_networks_config; the Kubernetes API is reachable from the whole internet.',
    openAuthorizedNetwork: 'google_container_cluster "{name}" authorizes {cidr}{origin} on its public control-plane endpoint; the Kubernetes API is reachable from the whole internet.',
  },
  fixes: {},
  check(resource, ctx) {
    const cluster = resource.node;
    const name = resourceName(cluster);
    const pcc = nestedBlocks(cluster, 'private_cluster_config');

    // Private nodes (fail).
    if (pcc.length === 0) ctx.report({ messageId: 'noPrivateNodes', at: cluster.headerSpan, data: { name } });
    for (const config of pcc) {
      const nodes = judgeBool(ctx, config, 'enable_private_nodes', true, 'fail');
      if (nodes.kind === 'unknown') ctx.cannotDetermine(nodes.at, nodes.reason);
      else if (nodes.kind === 'missing') ctx.report({ messageId: 'noPrivateNodes', at: config.headerSpan, data: { name } });
      else if (nodes.kind === 'wrong') {
        ctx.report({
          messageId: 'publicNodes',
          at: nodes.attr.expr.span,
          data: { name, value: valueText(nodes.resolved), origin: originSuffix(nodes.resolved) },
          related: originRelated(nodes.resolved),
        });
      }
    }

    // Control-plane endpoint (warn).
    const endpoints = pcc.map((config) => ({ config, verdict: judgeBool(ctx, config, 'enable_private_endpoint', true, 'fail') }));
    if (endpoints.some((e) => e.verdict.kind === 'ok')) return;
    const authorized = nestedBlocks(cluster, 'master_authorized_networks_config');
    if (authorized.length > 0) {
      let unknown: Span | undefined;
      for (const man of authorized) {
        for (const cidrs of nestedBlocks(man, 'cidr_blocks')) {
          const attr = cidrs.attributes.get('cidr_block');
          if (attr === undefined) continue;
          const list = listStrings(ctx, attr.expr);
          unknown ??= list.unknownAt;
          for (const item of list.items.filter((i) => isAllAddresses(i.value))) {
            ctx.report({ messageId: 'openAuthorizedNetwork', at: item.at, severity: 'medium', data: { name, cidr: item.value, origin: originSuffix(item.resolved) }, related: originRelated(item.resolved) });
          }
        }
      }
      if (unknown !== undefined) ctx.cannotDetermine(unknown, 'an authorized network cannot be resolved statically');
      return;
    }
    const unknown = endpoints.find((e) => e.verdict.kind === 'unknown')?.verdict;
    if (unknown?.kind === 'unknown') {
      ctx.cannotDetermine(unknown.at, unknown.reason);
      return;
    }
    const wrong = endpoints.find((e) => e.verdict.kind === 'wrong')?.verdict;
    const at = wrong?.kind === 'wrong' ? wrong.attr.expr.span : (pcc[0]?.headerSpan ?? cluster.headerSpan);
    // Catalog warn_if_all: lowered one step.
    ctx.report({ messageId: 'openEndpoint', at, severity: 'medium', data: { name }, ...(wrong?.kind === 'wrong' ? { related: originRelated(wrong.resolved) } : {}) });
  },
});
