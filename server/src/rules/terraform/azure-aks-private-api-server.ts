/**
 * azure-aks-private-api-server
 *
 * Logic (catalog, pass_if_any): an azurerm_kubernetes_cluster passes when
 * - `private_cluster_enabled = true`; or
 * - `api_server_access_profile { authorized_ip_ranges = [...] }` (azurerm v3+) lists at least one
 *   range and no range covering every address (`0.0.0.0/0`, any `/0`); or
 * - the older top-level `api_server_authorized_ip_ranges` (azurerm < 3.x) does the same (a `/0` there
 *   is open too).
 * Otherwise the API server is reachable from the whole internet. Unknown values are never guessed; a
 * `dynamic "api_server_access_profile"` counts only when its `for_each` is known to produce the block,
 * and one whose `for_each` cannot be resolved leaves its ranges (and so the outcome) unknown.
 *
 * Findings: each `/0` range on its list element; otherwise at `private_cluster_enabled = false` when
 * written, else on the resource header.
 *
 * Fix: review (catalog autofix.safe = false). private_cluster_enabled is ForceNew, so the fix takes
 * the in-place path: authorized ranges. They are environment-specific (a wrong list locks out CI and
 * administrators), so the fix writes `var.aks_api_allowed_cidr` (a snippet placeholder where the editor
 * supports it, declared without a default): `api_server_access_profile { authorized_ip_ranges =
 * [var.aks_api_allowed_cidr] }` where no ranges are written, or in place of a literal `"0.0.0.0/0"`.
 */
import { insertNestedBlock } from '../../fixes/terraform-edits';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, type TfAttribute, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { isAllAddresses, judgeBool, listStrings, nestedInstances, valueText, withUserValues, type ListString } from './helpers';
import { originRelated, originSuffix } from './values';

const ALLOWED: UserValue = { variable: 'aks_api_allowed_cidr', description: 'The CIDR range allowed to reach the AKS API server (administrators and CI; never 0.0.0.0/0)' };
const fixes = {
  authorizeRange: {
    title: 'Allow the API server only from a CIDR range you choose (var.aks_api_allowed_cidr; in place; administrators and pipelines outside it lose access)',
    safety: 'review' as const,
  },
};

export default defineTerraformRule({
  id: 'azure-aks-private-api-server',
  resourceTypes: ['azurerm_kubernetes_cluster'],
  messages: {
    public: 'azurerm_kubernetes_cluster "{name}" has a public API server without authorized IP ranges; it is reachable from the whole internet.',
    publicExplicit: 'azurerm_kubernetes_cluster "{name}" sets private_cluster_enabled = {value}{origin} without authorized IP ranges; its API server is reachable from the whole internet.',
    openRange: 'azurerm_kubernetes_cluster "{name}" authorizes {cidr}{origin} on its public API server; that is the whole internet.',
  },
  fixes,
  check(resource, ctx) {
    const block = resource.node;
    const name = resourceName(block);
    const priv = judgeBool(ctx, block, 'private_cluster_enabled', true, 'fail');
    if (priv.kind === 'ok') return;

    const lists: TfAttribute[] = [];
    const profiles = nestedInstances(ctx, block, 'api_server_access_profile');
    for (const profile of profiles.present) {
      const a = profile.attributes.get('authorized_ip_ranges');
      if (a !== undefined) lists.push(a);
    }
    const legacy = block.attributes.get('api_server_authorized_ip_ranges');
    if (legacy !== undefined) lists.push(legacy);
    const ranges: ListString[] = [];
    // A profile that may not exist could still restrict the API server.
    const maybeProfile = profiles.uncertain.find((u) => u.content.attributes.has('authorized_ip_ranges'));
    let unknownAt: Span | undefined = maybeProfile?.at;
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
      for (const r of open) {
        const literal = ctx.text.slice(r.at.start, r.at.end) === '"0.0.0.0/0"';
        const fix = literal ? { fix: { fixId: 'authorizeRange' as const, edits: withUserValues(ctx, resource.uri, [ALLOWED], [{ uri: resource.uri, span: r.at, newText: userValueRef(ALLOWED) }]) } } : {};
        ctx.report({ messageId: 'openRange', at: r.at, data: { name, cidr: r.value, origin: originSuffix(r.resolved) }, related: originRelated(r.resolved), ...fix });
      }
      return;
    }
    if (unknownAt !== undefined) {
      ctx.cannotDetermine(unknownAt, maybeProfile?.reason ?? 'authorized_ip_ranges cannot be resolved statically');
      return;
    }
    // No fix into a dynamic profile that Terraform does not create: the inserted ranges would never apply.
    const editable = nestedBlocks(block, 'api_server_access_profile').length === profiles.present.length;
    const fix = lists.length === 0 && editable ? { fix: authorizeFix(resource, ctx) } : {};
    if (priv.kind === 'wrong') {
      ctx.report({
        messageId: 'publicExplicit',
        at: priv.attr.expr.span,
        data: { name, value: valueText(priv.resolved), origin: originSuffix(priv.resolved) },
        related: originRelated(priv.resolved),
        ...fix,
      });
      return;
    }
    ctx.report({ messageId: 'public', at: block.headerSpan, data: { name }, ...fix });
  },
});

/** `authorized_ip_ranges = [var.aks_api_allowed_cidr]`, in the `api_server_access_profile` block (added when missing). */
function authorizeFix(resource: Located<TfBlock>, ctx: TerraformContext<string, keyof typeof fixes>): { fixId: keyof typeof fixes; edits: ReturnType<typeof withUserValues> } {
  const ranges = `authorized_ip_ranges = [${userValueRef(ALLOWED)}]`;
  const profile = nestedBlocks(resource.node, 'api_server_access_profile')[0];
  const edit =
    profile === undefined
      ? insertNestedBlock(resource.uri, ctx.text, resource.node, ['api_server_access_profile {', `  ${ranges}`, '}'])
      : insertNestedBlock(resource.uri, ctx.text, profile, [ranges]);
  return { fixId: 'authorizeRange', edits: withUserValues(ctx, resource.uri, [ALLOWED], [edit]) };
}
