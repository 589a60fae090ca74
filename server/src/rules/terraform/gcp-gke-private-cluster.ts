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
 * Unknown values are never guessed. A `dynamic` private_cluster_config, master_authorized_networks_config
 * or cidr_blocks counts only when its `for_each` is known to produce the block (an empty `for_each`
 * creates none); when it cannot be resolved, the outcome it would decide is unknown.
 *
 * Findings: on the offending value when written; else on the private_cluster_config header when the
 * block exists; else on the resource header.
 *
 * Fixes (catalog autofix.safe = false → review): private nodes are ForceNew (Terraform replaces the
 * cluster) and need Cloud NAT for egress; the control plane's range and the authorized networks are
 * environment-specific, so they are `var.gke_master_ipv4_cidr_block` and `var.gke_master_authorized_cidr`
 * (declared without a default; snippet placeholders where the editor supports them), never the
 * catalog's example range.
 * - noPrivateNodes / publicNodes: a private_cluster_config with private nodes (the endpoint stays
 *   public), or enable_private_nodes = true in the written block; the control-plane range is added
 *   when the block has neither master_ipv4_cidr_block nor private_endpoint_subnetwork. Not offered
 *   next to a dynamic private_cluster_config, nor for a value that comes from elsewhere.
 * - openEndpoint: a master_authorized_networks_config for the user's range (not next to a dynamic one).
 * - openAuthorizedNetwork: the literal `/0` range replaced with the user's range.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { insertNestedBlock } from '../../fixes/terraform-edits';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import type { Span } from '../../model/span';
import type { TfModule } from '../../model/terraform/module';
import { nestedBlocks, resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { insertAttributes, isAllAddresses, judgeBool, listStrings, nestedInstances, replaceLiteral, replaceOpenRange, valueText, withUserValues } from './helpers';
import { originRelated, originSuffix } from './values';

const MASTER_RANGE: UserValue = {
  variable: 'gke_master_ipv4_cidr_block',
  description: "The /28 range of the GKE control plane's private endpoint (it must not overlap the VPC's ranges)",
};
const AUTHORIZED: UserValue = { variable: 'gke_master_authorized_cidr', description: 'CIDR range allowed to reach the Kubernetes API (for example the administrators\' VPN)' };
const REPLACES = 'Terraform replaces the cluster; nodes need Cloud NAT for egress';
const REFUSED = 'kubectl and CI from anywhere else are refused';
const fixes = {
  privateNodes: { title: `Enable private nodes (review: ${REPLACES})`, safety: 'review' as const },
  privateNodesChosenRange: { title: `Enable private nodes with a control-plane range you choose (var.${MASTER_RANGE.variable}; ${REPLACES})`, safety: 'review' as const },
  authorizeNetwork: { title: `Allow the Kubernetes API only from a CIDR range you choose (var.${AUTHORIZED.variable}; ${REFUSED})`, safety: 'review' as const },
  restrictAuthorizedNetwork: { title: `Replace the open range with a CIDR range you choose (var.${AUTHORIZED.variable}; ${REFUSED})`, safety: 'review' as const },
};
type FixId = keyof typeof fixes;
type Fix = { readonly fix: { readonly fixId: FixId; readonly edits: readonly FixEdit[] } } | Record<string, never>;
type Ctx = { readonly text: string; readonly module: TfModule };

function hasDynamic(block: TfBlock, type: string): boolean {
  return block.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === type);
}

function asFix(fixId: FixId, edits: readonly FixEdit[] | undefined): Fix {
  return edits === undefined ? {} : { fix: { fixId, edits } };
}

/** A private_cluster_config with private nodes and the user's control-plane range, in a cluster that has none. */
function addPrivateClusterConfig(ctx: Ctx, uri: string, cluster: TfBlock): Fix {
  if (hasDynamic(cluster, 'private_cluster_config')) return {};
  const lines = ['private_cluster_config {', '  enable_private_nodes    = true', '  enable_private_endpoint = false', `  master_ipv4_cidr_block  = ${userValueRef(MASTER_RANGE)}`, '}'];
  return asFix('privateNodesChosenRange', withUserValues(ctx, uri, [MASTER_RANGE], [insertNestedBlock(uri, ctx.text, cluster, lines)]));
}

/**
 * enable_private_nodes = true in a written private_cluster_config (inserted, or replacing a literal),
 * with the user's control-plane range when the block names none.
 */
function enablePrivateNodes(ctx: Ctx, uri: string, cluster: TfBlock, config: TfBlock): Fix {
  if (!nestedBlocks(cluster, 'private_cluster_config').includes(config)) return {}; // the content of a dynamic block
  const needsRange = !config.attributes.has('master_ipv4_cidr_block') && !config.attributes.has('private_endpoint_subnetwork');
  const range: readonly (readonly [string, string])[] = needsRange ? [['master_ipv4_cidr_block', userValueRef(MASTER_RANGE)]] : [];
  const current = config.attributes.get('enable_private_nodes');
  let edits: FixEdit[];
  if (current === undefined) {
    edits = [insertAttributes(uri, ctx.text, config, [['enable_private_nodes', 'true'], ...range])];
  } else {
    const replaced = replaceLiteral(uri, current, 'true');
    if (replaced === undefined) return {};
    const inserted = range.length > 0 ? insertAttributes(uri, ctx.text, config, range) : undefined;
    // A block written on one line is opened up by the insertion, which then rewrites the value too.
    if (inserted !== undefined && inserted.span.start < replaced.span.end && replaced.span.start < inserted.span.end) return {};
    edits = inserted === undefined ? [replaced] : [replaced, inserted];
  }
  return needsRange ? asFix('privateNodesChosenRange', withUserValues(ctx, uri, [MASTER_RANGE], edits)) : asFix('privateNodes', edits);
}

/** A master_authorized_networks_config for the user's range, in a cluster that has none. */
function authorizeNetwork(ctx: Ctx, uri: string, cluster: TfBlock): Fix {
  if (hasDynamic(cluster, 'master_authorized_networks_config')) return {};
  const lines = ['master_authorized_networks_config {', '  cidr_blocks {', `    cidr_block   = ${userValueRef(AUTHORIZED)}`, '    display_name = "admins"', '  }', '}'];
  return asFix('authorizeNetwork', withUserValues(ctx, uri, [AUTHORIZED], [insertNestedBlock(uri, ctx.text, cluster, lines)]));
}

export default defineTerraformRule({
  id: 'gcp-gke-private-cluster',
  resourceTypes: ['google_container_cluster'],
  messages: {
    noPrivateNodes: 'google_container_cluster "{name}" does not set private_cluster_config.enable_private_nodes = true; its nodes get public IP addresses.',
    publicNodes: 'google_container_cluster "{name}" sets enable_private_nodes = {value}{origin}; its nodes get public IP addresses.',
    openEndpoint: 'google_container_cluster "{name}" has a public control-plane endpoint without master_authorized_networks_config; the Kubernetes API is reachable from the whole internet.',
    openAuthorizedNetwork: 'google_container_cluster "{name}" authorizes {cidr}{origin} on its public control-plane endpoint; the Kubernetes API is reachable from the whole internet.',
  },
  fixes,
  check(resource, ctx) {
    const cluster = resource.node;
    const name = resourceName(cluster);
    const { present: pcc, uncertain: maybePcc } = nestedInstances(ctx, cluster, 'private_cluster_config');

    // Private nodes (fail).
    if (pcc.length === 0) {
      const maybe = maybePcc[0];
      if (maybe !== undefined) {
        ctx.cannotDetermine(maybe.at, maybe.reason);
        return;
      }
      ctx.report({ messageId: 'noPrivateNodes', at: cluster.headerSpan, data: { name }, ...addPrivateClusterConfig(ctx, resource.uri, cluster) });
    }
    for (const config of pcc) {
      const nodes = judgeBool(ctx, config, 'enable_private_nodes', true, 'fail');
      if (nodes.kind === 'unknown') ctx.cannotDetermine(nodes.at, nodes.reason);
      else if (nodes.kind === 'missing') ctx.report({ messageId: 'noPrivateNodes', at: config.headerSpan, data: { name }, ...enablePrivateNodes(ctx, resource.uri, cluster, config) });
      else if (nodes.kind === 'wrong') {
        ctx.report({
          messageId: 'publicNodes',
          at: nodes.attr.expr.span,
          data: { name, value: valueText(nodes.resolved), origin: originSuffix(nodes.resolved) },
          related: originRelated(nodes.resolved),
          ...enablePrivateNodes(ctx, resource.uri, cluster, config),
        });
      }
    }

    // Control-plane endpoint (warn).
    const endpoints = pcc.map((config) => ({ config, verdict: judgeBool(ctx, config, 'enable_private_endpoint', true, 'fail') }));
    if (endpoints.some((e) => e.verdict.kind === 'ok')) return;
    const { present: authorized, uncertain: maybeAuthorized } = nestedInstances(ctx, cluster, 'master_authorized_networks_config');
    if (authorized.length > 0) {
      let unknown: Span | undefined;
      for (const man of authorized) {
        const cidrBlocks = nestedInstances(ctx, man, 'cidr_blocks');
        unknown ??= cidrBlocks.uncertain[0]?.at;
        for (const cidrs of cidrBlocks.present) {
          const attr = cidrs.attributes.get('cidr_block');
          if (attr === undefined) continue;
          const list = listStrings(ctx, attr.expr);
          unknown ??= list.unknownAt;
          for (const item of list.items.filter((i) => isAllAddresses(i.value))) {
            ctx.report({
              messageId: 'openAuthorizedNetwork',
              at: item.at,
              severity: 'medium',
              data: { name, cidr: item.value, origin: originSuffix(item.resolved) },
              related: originRelated(item.resolved),
              ...asFix('restrictAuthorizedNetwork', replaceOpenRange(ctx, resource.uri, item.at, AUTHORIZED)),
            });
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
    const maybe = maybeAuthorized[0];
    if (maybe !== undefined) {
      ctx.cannotDetermine(maybe.at, maybe.reason);
      return;
    }
    const wrong = endpoints.find((e) => e.verdict.kind === 'wrong')?.verdict;
    const at = wrong?.kind === 'wrong' ? wrong.attr.expr.span : (pcc[0]?.headerSpan ?? cluster.headerSpan);
    // Catalog warn_if_all: lowered one step.
    ctx.report({ messageId: 'openEndpoint', at, severity: 'medium', data: { name }, ...(wrong?.kind === 'wrong' ? { related: originRelated(wrong.resolved) } : {}), ...authorizeNetwork(ctx, resource.uri, cluster) });
  },
});
