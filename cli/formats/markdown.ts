import type { EvidenceReport } from '../../server/src/evidence/evidence-report';
import { cell, describeGit } from '../../server/src/evidence/markdown-report';

/**
 * `hciac scan --format markdown`: a short report for a pull request comment or a job summary —
 * counts, findings, exceptions and problems. (`hciac evidence` writes the full, control-by-control
 * evidence report.)
 */
export function renderScanMarkdown(report: EvidenceReport): string {
  const s = report.summary;
  const out: string[] = ['## Healthcare IaC Compliance', ''];
  for (const root of report.roots) if (root.git !== null) out.push(`Source \`${cell(root.name)}\`: ${describeGit(root)}`, '');
  out.push(
    `**${s.findings.total} findings** (${s.findings.critical} critical, ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low) in ${s.filesWithFindings} of ${s.files} files; ${s.suppressedFindings} suppressed.`,
    '',
    `Controls (${report.frameworks.map((f) => f.name).join(', ')}): ${s.controls.violated} violated, ${s.controls.suppressed} suppressed, ${s.controls.unknown} cannot determine, ${s.controls.satisfied} satisfied, ${s.controls['not-evaluated']} not evaluated.`,
    '',
  );
  if (report.findings.length > 0) {
    out.push('| Severity | Rule | Location | Resource | Message |', '|---|---|---|---|---|');
    for (const f of report.findings) out.push(`| ${f.severity} | \`${f.ruleId}\` | ${cell(f.file)}:${f.line}:${f.column} | \`${cell(f.resource)}\` | ${cell(f.message)} |`);
    out.push('');
  }
  if (report.suppressed.length > 0) {
    out.push('### Exceptions honoured', '', '| Rule | Location | Resource | Origin | Reason | Expires |', '|---|---|---|---|---|---|');
    for (const f of report.suppressed) {
      const x = f.suppression;
      out.push(`| \`${f.ruleId}\` | ${cell(f.file)}:${f.line} | \`${cell(f.resource)}\` | ${x.origin} | ${cell(x.reason ?? 'no reason given')} | ${x.expires ?? '—'} |`);
    }
    out.push('');
  }
  if (report.problems.length > 0) {
    out.push('### Suppression and configuration problems', '', '| Location | Severity | Message |', '|---|---|---|');
    for (const p of report.problems) out.push(`| ${cell(p.file)}:${p.line} | ${p.severity} | ${cell(p.message)} |`);
    out.push('');
  }
  return out.join('\n');
}
