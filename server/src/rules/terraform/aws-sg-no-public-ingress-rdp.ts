import type { UserValue } from '../../fixes/user-values';
import { defineTerraformRule } from '../define-rule';
import { SECURITY_GROUP_TYPES, publicIngress, reachesPort, reportPublicSources, type IngressFinding } from './ingress-rules';

/**
 * Security-group ingress rules (inline `ingress` blocks incl. `dynamic`, `ingress = [...]`,
 * `aws_security_group_rule` with type "ingress", v5 `aws_vpc_security_group_ingress_rule`) must not
 * let port 3389 (RDP over TCP, and its UDP transport), or all traffic, in from a range covering every
 * address (any `/0`). Findings are shown at the public CIDR (the list element when written as a
 * list). Fix: review (the catalog's autofix.safe is false): the replacement CIDR is
 * environment-specific, so a public IPv4 source written here becomes `var.rdp_allowed_cidr` (a
 * snippet placeholder where the editor supports it, declared without a default); users elsewhere lose
 * access. All-traffic rules get no fix.
 */

const RDP_PORT = 3389;
const ALLOWED: UserValue = { variable: 'rdp_allowed_cidr', description: 'The only CIDR range allowed to connect over RDP (a VPN or bastion range, never 0.0.0.0/0)' };
const PROTOCOLS = ['tcp', 'udp'] as const; // RDP 8+ also carries sessions over UDP 3389

const messages = {
  publicRdp: '{resource} "{name}" allows RDP (port 3389/{protocol}) from {cidr}{origin}.',
  publicAllTraffic: '{resource} "{name}" allows all traffic, RDP included, from {cidr}{origin}.',
};

export default defineTerraformRule({
  id: 'aws-sg-no-public-ingress-rdp',
  resourceTypes: [...SECURITY_GROUP_TYPES],
  messages,
  fixes: {
    restrictSource: { title: 'Allow RDP only from a CIDR range you choose (var.rdp_allowed_cidr; connections from anywhere else are refused)', safety: 'review' },
  },
  check(resource, ctx) {
    const findings: IngressFinding<keyof typeof messages>[] = [];
    for (const ingress of publicIngress(resource.node, ctx, PROTOCOLS)) {
      const reach = ingress.reach;
      if (reach.kind === 'all-traffic') findings.push({ ingress, messageId: 'publicAllTraffic' });
      else if (reachesPort(reach, RDP_PORT, PROTOCOLS)) findings.push({ ingress, messageId: 'publicRdp', data: { protocol: reach.protocol.toUpperCase() } });
    }
    reportPublicSources(ctx, findings, { uri: resource.uri, fixId: 'restrictSource', messageIds: ['publicRdp'], value: ALLOWED });
  },
});
