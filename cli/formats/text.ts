import type { EvidenceReport } from '../../server/src/evidence/evidence-report';

/** Findings grouped by file (line:column, severity, rule, message, resource, controls), then exceptions, problems and a summary. */
export function renderText(report: EvidenceReport): string {
  const out: string[] = [];
  let current = '';
  for (const f of report.findings) {
    if (f.file !== current) {
      current = f.file;
      out.push('', f.file);
    }
    out.push(`  ${f.line}:${f.column}  ${f.severity.padEnd(8)} ${f.ruleId}  ${f.message}`);
    out.push(`      resource: ${f.resource}   controls: ${f.controls.join(', ')}`);
  }
  if (report.suppressed.length > 0) {
    out.push('', 'Suppressed (exceptions honoured, not counted for --fail-on):');
    for (const f of report.suppressed) {
      const s = f.suppression;
      out.push(`  ${f.file}:${f.line}:${f.column}  ${f.ruleId}  ${f.resource}  [${s.origin}] ${s.reason ?? 'no reason given'}${s.expires !== null ? ` (expires ${s.expires})` : ''}`);
    }
  }
  if (report.problems.length > 0) {
    out.push('', 'Suppression and configuration problems:');
    for (const p of report.problems) out.push(`  ${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.code}  ${p.message}`);
  }
  for (const n of report.notes) out.push('', n.file, `  note: ${n.message}`);
  const s = report.summary;
  const c = s.controls;
  out.push(
    '',
    `${s.findings.total} findings (${s.findings.critical} critical, ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low) in ${s.filesWithFindings} of ${s.files} files${s.truncated ? ' (stopped at the file limit)' : ''}; ${s.suppressedFindings} suppressed`,
    `controls (${report.frameworks.map((f) => f.id).join(', ')}): ${c.violated} violated, ${c.suppressed} suppressed, ${c.unknown} cannot determine, ${c.satisfied} satisfied, ${c['not-evaluated']} not evaluated`,
  );
  return out.join('\n') + '\n';
}
