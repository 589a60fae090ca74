/**
 * gcp-cloudsql-no-public-ip
 *
 * Logic (catalog): a google_sql_database_instance passes only with
 * `settings.ip_configuration.ipv4_enabled = false`; absent (no ip_configuration, no attribute; the
 * default is true), null or true fails. Independently, any
 * `settings.ip_configuration.authorized_networks { value = … }` covering every address
 * (`0.0.0.0/0`, any `/0`) fails. Unknown values are never guessed.
 *
 * Findings: one per ip_configuration: each `/0` authorized network on its value (that is the
 * exposure, and it includes the public IP); otherwise `ipv4_enabled = true` on the value, or an
 * absent setting on the header of the deepest block written (ip_configuration, settings, resource).
 *
 * Fix: none (catalog autofix.safe = false): a private IP needs private services access (VPC peering or
 * Private Service Connect) and every client moved to it first.
 */
import type { Span } from '../../model/span';
import { nestedBlocks, resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { descend, isAllAddresses, judgeBool, listStrings, valueText } from './helpers';
import { originRelated, originSuffix } from './values';

const messages = {
  publicIp: 'google_sql_database_instance "{name}" does not set ipv4_enabled = false; the provider default gives the database a public IP address.',
  publicIpExplicit: 'google_sql_database_instance "{name}" sets ipv4_enabled = {value}{origin}; the database has a public IP address.',
  openNetwork: 'google_sql_database_instance "{name}" authorizes {cidr}{origin}; any address on the internet can connect to the database.',
};
type Ctx = TerraformContext<keyof typeof messages, never>;

export default defineTerraformRule({
  id: 'gcp-cloudsql-no-public-ip',
  resourceTypes: ['google_sql_database_instance'],
  messages,
  fixes: {},
  check(resource, ctx) {
    const name = resourceName(resource.node);
    const path = descend(resource.node, ['settings', 'ip_configuration']);
    if (path.blocks.length === 0) {
      ctx.report({ messageId: 'publicIp', at: path.deepest.headerSpan, data: { name } });
      return;
    }
    for (const ip of path.blocks) checkIpConfiguration(ip, name, ctx);
  },
});

function checkIpConfiguration(ip: TfBlock, name: string, ctx: Ctx): void {
  let open = 0;
  let unknownNetwork: Span | undefined;
  for (const network of nestedBlocks(ip, 'authorized_networks')) {
    const value = network.attributes.get('value');
    if (value === undefined) continue;
    const list = listStrings(ctx, value.expr);
    for (const item of list.items.filter((i) => isAllAddresses(i.value))) {
      open++;
      ctx.report({ messageId: 'openNetwork', at: item.at, data: { name, cidr: item.value, origin: originSuffix(item.resolved) }, related: originRelated(item.resolved) });
    }
    unknownNetwork ??= list.unknownAt;
  }
  if (open > 0) return;
  const verdict = judgeBool(ctx, ip, 'ipv4_enabled', false, 'fail');
  switch (verdict.kind) {
    case 'ok':
      // No public IP, but an authorized network that cannot be resolved may still be 0.0.0.0/0.
      if (unknownNetwork !== undefined) ctx.cannotDetermine(unknownNetwork, 'an authorized network cannot be resolved statically');
      return;
    case 'unknown':
      ctx.cannotDetermine(verdict.at, verdict.reason);
      return;
    case 'missing':
      ctx.report({ messageId: 'publicIp', at: ip.headerSpan, data: { name } });
      break;
    case 'wrong':
      ctx.report({
        messageId: 'publicIpExplicit',
        at: verdict.attr.expr.span,
        data: { name, value: valueText(verdict.resolved), origin: originSuffix(verdict.resolved) },
        related: originRelated(verdict.resolved),
      });
  }
}
