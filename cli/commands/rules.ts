import { allRules } from '../../server/src/rules';
import { controlLabel } from '../../server/src/rules/catalog';

/** `hciac rules`: every rule with its metadata, as a table or JSON. */
export function runRules(options: { format: string }): number {
  if (options.format === 'json') {
    const rules = allRules.map((r) => ({
      id: r.id,
      title: r.meta.title,
      platform: r.platform,
      severity: r.meta.severity,
      rationale: r.meta.rationale,
      appliesTo: r.platform === 'terraform' ? r.resourceTypes : r.kinds,
      controls: r.meta.controls,
      equivalents: { checkov: r.meta.equivalents.checkov.map((c) => c.id), kics: r.meta.equivalents.kics.map((k) => k.id), awsConfig: r.meta.equivalents.awsConfig },
      fixes: Object.entries(r.fixes).map(([id, f]) => ({ id, ...f })),
      docs: `docs/rules/${r.id}.md`,
    }));
    process.stdout.write(JSON.stringify({ rules }, null, 2) + '\n');
    return 0;
  }
  if (options.format !== 'text') {
    process.stderr.write(`hciac rules: unknown --format "${options.format}" (text or json)\n`);
    return 2;
  }
  for (const r of allRules) {
    const hipaa = r.meta.controls.filter((c) => c.framework === 'hipaa').map((c) => controlLabel(c.id)).join(', ');
    process.stdout.write(`${r.id}  [${r.meta.severity}]  ${r.meta.title}\n    ${hipaa}\n`);
  }
  process.stdout.write(`${allRules.length} rules\n`);
  return 0;
}
