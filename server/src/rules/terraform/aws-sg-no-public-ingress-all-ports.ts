import { defineTerraformRule } from '../define-rule';
import { SECURITY_GROUP_TYPES, publicIngress, reportPublicSources, type IngressFinding } from './ingress-rules';

/**
 * Security-group ingress rules (inline `ingress` blocks incl. `dynamic`, `ingress = [...]`,
 * `aws_security_group_rule` with type "ingress", v5 `aws_vpc_security_group_ingress_rule`) must not
 * let every protocol (`-1` / `all`), or every TCP or UDP port (0-65535, or 1-65535), in from a range
 * covering every address (any `/0`). Findings are shown at the public CIDR (the list element when
 * written as a list). No fix: the catalog's autofix is manual, the right port list is
 * application-specific.
 */

const messages = {
  publicAllTraffic: '{resource} "{name}" allows all traffic (every protocol and port) from {cidr}{origin}.',
  publicAllPorts: '{resource} "{name}" allows every {protocol} port ({from}-{to}) from {cidr}{origin}.',
};

export default defineTerraformRule({
  id: 'aws-sg-no-public-ingress-all-ports',
  resourceTypes: [...SECURITY_GROUP_TYPES],
  messages,
  fixes: {},
  check(resource, ctx) {
    const findings: IngressFinding<keyof typeof messages>[] = [];
    for (const ingress of publicIngress(resource.node, ctx, ['tcp', 'udp'])) {
      const reach = ingress.reach;
      if (reach.kind === 'all-traffic') findings.push({ ingress, messageId: 'publicAllTraffic' });
      // Port 0 is reserved: 1-65535 opens every usable port just as 0-65535 does.
      else if (reach.from <= 1 && reach.to >= 65535) {
        findings.push({ ingress, messageId: 'publicAllPorts', data: { protocol: reach.protocol.toUpperCase(), from: String(reach.from), to: String(reach.to) } });
      }
    }
    reportPublicSources(ctx, findings);
  },
});
