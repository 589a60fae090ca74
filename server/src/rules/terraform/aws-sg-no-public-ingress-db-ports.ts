import { defineTerraformRule } from '../define-rule';
import { SECURITY_GROUP_TYPES, publicIngress, reachesPort, reportPublicSources, type IngressFinding, type Reach } from './ingress-rules';

/**
 * Security-group ingress rules (inline `ingress` blocks incl. `dynamic`, `ingress = [...]`,
 * `aws_security_group_rule` with type "ingress", v5 `aws_vpc_security_group_ingress_rule`) must not
 * let a database or cache port of the catalog's list (TCP; Memcached also over UDP), or all traffic,
 * in from a range covering every address (any `/0`). Findings are shown at the public CIDR (the list
 * element when written as a list) and name the exposed ports. No fix: the catalog's autofix is
 * manual (replace the CIDR with a security-group reference, which is environment-specific).
 */

interface DbPort {
  readonly port: number;
  readonly service: string;
  readonly protocols: readonly ('tcp' | 'udp')[];
}

/** The catalog's `port_in_range_any` list, in its order. */
const DB_PORTS: readonly DbPort[] = [
  { port: 1433, service: 'SQL Server', protocols: ['tcp'] },
  { port: 1521, service: 'Oracle', protocols: ['tcp'] },
  { port: 2483, service: 'Oracle', protocols: ['tcp'] },
  { port: 3306, service: 'MySQL/MariaDB', protocols: ['tcp'] },
  { port: 5432, service: 'PostgreSQL', protocols: ['tcp'] },
  { port: 5439, service: 'Redshift', protocols: ['tcp'] },
  { port: 6379, service: 'Redis', protocols: ['tcp'] },
  { port: 9200, service: 'Elasticsearch/OpenSearch', protocols: ['tcp'] },
  { port: 9300, service: 'Elasticsearch/OpenSearch transport', protocols: ['tcp'] },
  { port: 11211, service: 'Memcached', protocols: ['tcp', 'udp'] },
  { port: 27017, service: 'MongoDB', protocols: ['tcp'] },
  { port: 5984, service: 'CouchDB', protocols: ['tcp'] },
  { port: 7000, service: 'Cassandra', protocols: ['tcp'] },
  { port: 7001, service: 'Cassandra TLS', protocols: ['tcp'] },
  { port: 9042, service: 'Cassandra CQL', protocols: ['tcp'] },
];
const SHOWN = 3;

const messages = {
  publicDbPorts: '{resource} "{name}" exposes {ports} to {cidr}{origin}.',
  publicAllTraffic: '{resource} "{name}" allows all traffic, database and cache ports included, from {cidr}{origin}.',
};

export default defineTerraformRule({
  id: 'aws-sg-no-public-ingress-db-ports',
  resourceTypes: [...SECURITY_GROUP_TYPES],
  messages,
  fixes: {},
  check(resource, ctx) {
    const findings: IngressFinding<keyof typeof messages>[] = [];
    for (const ingress of publicIngress(resource.node, ctx, ['tcp', 'udp'])) {
      if (ingress.reach.kind === 'all-traffic') {
        findings.push({ ingress, messageId: 'publicAllTraffic' });
        continue;
      }
      const exposed = exposedPorts(ingress.reach);
      if (exposed.length > 0) findings.push({ ingress, messageId: 'publicDbPorts', data: { ports: describe(exposed) } });
    }
    reportPublicSources(ctx, findings);
  },
});

function exposedPorts(reach: Reach): DbPort[] {
  return DB_PORTS.filter((p) => reachesPort(reach, p.port, p.protocols)).sort((a, b) => a.port - b.port);
}

/** "PostgreSQL port 5432", "MySQL/MariaDB (3306), PostgreSQL (5432)", "… and 4 more database/cache ports". */
function describe(ports: readonly DbPort[]): string {
  if (ports.length === 1) return `the ${ports[0]!.service} port ${ports[0]!.port}`;
  const shown = ports.slice(0, SHOWN).map((p) => `${p.service} (${p.port})`);
  const more = ports.length - SHOWN;
  return more > 0 ? `database/cache ports ${shown.join(', ')} and ${more} more` : `database/cache ports ${shown.join(', ')}`;
}
