import type { UserValue } from '../../fixes/user-values';
import { defineTerraformRule } from '../define-rule';
import { SECURITY_GROUP_TYPES, publicIngress, reachesPort, reportPublicSources, type IngressFinding } from './ingress-rules';

/**
 * Security-group ingress rules (inline `ingress` blocks incl. `dynamic`, `ingress = [...]`,
 * `aws_security_group_rule` with type "ingress", v5 `aws_vpc_security_group_ingress_rule`) must not
 * let TCP port 22, or all traffic, in from a range covering every address (any `/0`). Findings are
 * shown at the public CIDR (the list element when written as a list). Fix: review (the catalog's
 * autofix.safe is false): the replacement CIDR is environment-specific, so a public IPv4 source
 * written here becomes `var.ssh_allowed_cidr` (a snippet placeholder where the editor supports it,
 * declared without a default); operators elsewhere lose access. All-traffic rules get no fix.
 */

const SSH_PORT = 22;
const ALLOWED: UserValue = { variable: 'ssh_allowed_cidr', description: 'The only CIDR range allowed to connect over SSH (a VPN or bastion range, never 0.0.0.0/0)' };

const messages = {
  publicSsh: '{resource} "{name}" allows SSH (port 22) from {cidr}{origin}.',
  publicAllTraffic: '{resource} "{name}" allows all traffic, SSH included, from {cidr}{origin}.',
};

export default defineTerraformRule({
  id: 'aws-sg-no-public-ingress-ssh',
  resourceTypes: [...SECURITY_GROUP_TYPES],
  messages,
  fixes: {
    restrictSource: { title: 'Allow SSH only from a CIDR range you choose (var.ssh_allowed_cidr; connections from anywhere else are refused)', safety: 'review' },
  },
  check(resource, ctx) {
    const findings: IngressFinding<keyof typeof messages>[] = [];
    for (const ingress of publicIngress(resource.node, ctx, ['tcp'])) {
      if (ingress.reach.kind === 'all-traffic') findings.push({ ingress, messageId: 'publicAllTraffic' });
      else if (reachesPort(ingress.reach, SSH_PORT, ['tcp'])) findings.push({ ingress, messageId: 'publicSsh' }); // SSH is a TCP service
    }
    reportPublicSources(ctx, findings, { uri: resource.uri, fixId: 'restrictSource', messageIds: ['publicSsh'], value: ALLOWED });
  },
});
