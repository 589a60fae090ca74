import { defineTerraformRule } from '../define-rule';
import { SECURITY_GROUP_TYPES, publicIngress, reachesPort, reportPublicSources, type IngressFinding } from './ingress-rules';

/**
 * Security-group ingress rules (inline `ingress` blocks incl. `dynamic`, `ingress = [...]`,
 * `aws_security_group_rule` with type "ingress", v5 `aws_vpc_security_group_ingress_rule`) must not
 * let TCP port 22, or all traffic, in from a range covering every address (any `/0`). Findings are
 * shown at the public CIDR (the list element when written as a list). No fix: the catalog's
 * autofix.safe is false, because the replacement CIDR is environment-specific.
 */

const SSH_PORT = 22;

const messages = {
  publicSsh: '{resource} "{name}" allows SSH (port 22) from {cidr}{origin}.',
  publicAllTraffic: '{resource} "{name}" allows all traffic, SSH included, from {cidr}{origin}.',
};

export default defineTerraformRule({
  id: 'aws-sg-no-public-ingress-ssh',
  resourceTypes: [...SECURITY_GROUP_TYPES],
  messages,
  fixes: {},
  check(resource, ctx) {
    const findings: IngressFinding<keyof typeof messages>[] = [];
    for (const ingress of publicIngress(resource.node, ctx, ['tcp'])) {
      if (ingress.reach.kind === 'all-traffic') findings.push({ ingress, messageId: 'publicAllTraffic' });
      else if (reachesPort(ingress.reach, SSH_PORT, ['tcp'])) findings.push({ ingress, messageId: 'publicSsh' }); // SSH is a TCP service
    }
    reportPublicSources(ctx, findings);
  },
});
