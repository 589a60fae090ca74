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
 * Fix: review (catalog autofix.safe = false): a private IP needs private services access (VPC peering
 * or Private Service Connect) and every client moved to it first. The fix writes `ipv4_enabled = false`
 * (with the blocks that are missing) and, where `private_network` is absent, `private_network =
 * var.cloudsql_private_network` (a snippet placeholder where the editor supports it, declared without a
 * default): the network is environment-specific. A `/0` authorized network gets no fix: removing it
 * leaves the public IP, which a person decides about.
 */
import { userValueRef, type UserValue } from '../../fixes/user-values';
import type { Located } from '../../model/terraform/module';
import type { Span } from '../../model/span';
import { nestedBlocks, resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { descend, insertNestedAttributes, isAllAddresses, listStrings, requireBool, withUserValues } from './helpers';
import { originRelated, originSuffix } from './values';

const NETWORK: UserValue = {
  variable: 'cloudsql_private_network',
  description: 'Self link or ID of the VPC network, with private services access, through which clients reach the Cloud SQL instance',
};
const PRIVATE_NETWORK = ['private_network', userValueRef(NETWORK)] as const;

const messages = {
  publicIp: 'google_sql_database_instance "{name}" does not set ipv4_enabled = false; the provider default gives the database a public IP address.',
  publicIpExplicit: 'google_sql_database_instance "{name}" sets ipv4_enabled = {value}{origin}; the database has a public IP address.',
  openNetwork: 'google_sql_database_instance "{name}" authorizes {cidr}{origin}; any address on the internet can connect to the database.',
};
const fixes = {
  privateOnly: { title: 'Set ipv4_enabled = false (clients over the internet lose access; they must use the private network or the Auth Proxy)', safety: 'review' as const },
  privateNetwork: {
    title: 'Remove the public IP and use a VPC network you choose (var.cloudsql_private_network; needs private services access; clients over the internet lose access)',
    safety: 'review' as const,
  },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'gcp-cloudsql-no-public-ip',
  resourceTypes: ['google_sql_database_instance'],
  messages,
  fixes,
  check(resource, ctx) {
    const name = resourceName(resource.node);
    const path = descend(resource.node, ['settings', 'ip_configuration']);
    if (path.blocks.length === 0) {
      const insert = insertNestedAttributes(resource.uri, ctx.text, path.deepest, path.missing, [['ipv4_enabled', 'false'], PRIVATE_NETWORK]);
      ctx.report({ messageId: 'publicIp', at: path.deepest.headerSpan, data: { name }, fix: { fixId: 'privateNetwork', edits: withUserValues(ctx, resource.uri, [NETWORK], [insert]) } });
      return;
    }
    for (const ip of path.blocks) checkIpConfiguration(resource, ip, name, ctx);
  },
});

function checkIpConfiguration(resource: Located<TfBlock>, ip: TfBlock, name: string, ctx: Ctx): void {
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
  const verdict = requireBool(resource, ctx, {
    attribute: 'ipv4_enabled',
    expected: false,
    missing: 'publicIp',
    wrong: 'publicIpExplicit',
    fixId: 'privateOnly',
    data: { name },
    block: ip,
    alsoSet: { attributes: [PRIVATE_NETWORK], values: [NETWORK] },
    alsoSetFixId: 'privateNetwork',
  });
  // No public IP, but an authorized network that cannot be resolved may still be 0.0.0.0/0.
  if (verdict.kind === 'ok' && unknownNetwork !== undefined) ctx.cannotDetermine(unknownNetwork, 'an authorized network cannot be resolved statically');
}
