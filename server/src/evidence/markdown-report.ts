import type { EvidenceOutcome } from '../../../common/protocol';
import { controlLabel } from '../rules/catalog';
import type { EvidenceReport, ReportedFinding, ReportedRoot } from './evidence-report';

const STATUS: Readonly<Record<EvidenceOutcome | 'not-evaluated', string>> = {
  violated: 'violated',
  suppressed: 'suppressed',
  unknown: 'cannot determine',
  satisfied: 'satisfied',
  'not-evaluated': 'not evaluated',
};

/** The evidence report for people (auditors, release notes): the same content as the JSON, as Markdown. */
export function renderEvidenceMarkdown(report: EvidenceReport): string {
  const out: string[] = [];
  const s = report.summary;
  out.push('# Compliance evidence', '');
  out.push(`Generated ${report.generatedAt} by ${report.tool.fullName} ${report.tool.version} (hciac; rule catalog ${report.tool.catalogVersion}, ${report.tool.rules} rules).`, '');
  for (const root of report.roots) out.push(`- Source \`${cell(root.name)}\`: ${describeGit(root)}`);
  out.push('', `> ${report.disclaimer}`, '');

  out.push('## Summary', '');
  out.push('| | |', '|---|---|');
  out.push(`| Files analysed | ${s.files}${s.truncated ? ' (stopped at the file limit)' : ''} |`);
  out.push(`| Findings | ${s.findings.total} (${s.findings.critical} critical, ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low) in ${s.filesWithFindings} files |`);
  out.push(`| Suppressed findings | ${s.suppressedFindings} |`);
  out.push(`| Suppressions | ${s.suppressions.applied} applied, ${s.suppressions.rejected} rejected |`);
  out.push(`| Frameworks | ${report.frameworks.map((f) => f.name).join(', ')} |`);
  out.push(`| Controls | ${(Object.keys(STATUS) as (keyof typeof STATUS)[]).map((k) => `${s.controls[k]} ${STATUS[k]}`).join(', ')} |`, '');

  out.push('## Controls', '');
  for (const framework of report.frameworks) {
    const controls = report.controls.filter((c) => c.framework === framework.id);
    if (controls.length === 0) continue;
    out.push(`### ${framework.name}`, '', '| Control | Title | Status | Files violated / suppressed / cannot determine / satisfied |', '|---|---|---|---|');
    for (const c of controls) out.push(`| ${cell(controlLabel(c.id))} | ${cell(c.title)} | ${STATUS[c.status]} | ${c.files.violated} / ${c.files.suppressed} / ${c.files.unknown} / ${c.files.satisfied} |`);
    out.push('');
  }

  out.push('## Evidence by control', '');
  const touched = report.controls.filter((c) => c.evidence.length > 0);
  if (touched.length === 0) out.push('No file evidences any control of the enabled frameworks.', '');
  for (const c of touched) {
    out.push(`### ${controlLabel(c.id)} — ${c.title}: ${STATUS[c.status]}`, '');
    for (const e of c.evidence) {
      const detail = e.suppression !== undefined ? ` — exception (${e.suppression.origin}): ${e.suppression.reason ?? 'no reason given'}${e.suppression.expires !== null ? `, expires ${e.suppression.expires}` : ''}` : e.message !== undefined ? ` — ${e.message}` : '';
      out.push(`- ${STATUS[e.outcome]}: \`${e.ruleId}\` on \`${e.resource}\` at ${e.file}:${e.line}${detail}`);
    }
    out.push('');
  }

  out.push('## Findings', '');
  if (report.findings.length === 0) out.push('None.', '');
  else {
    out.push('| Severity | Rule | Location | Resource | Message |', '|---|---|---|---|---|');
    for (const f of report.findings) out.push(findingRow(f));
    out.push('');
  }

  out.push('## Suppressions', '');
  if (report.suppressions.length === 0) out.push('None.', '');
  else {
    out.push('| Location | Origin | Marker | Rules | Reason | Expires | Status | Findings |', '|---|---|---|---|---|---|---|---|');
    for (const x of report.suppressions) {
      out.push(`| ${cell(x.file)}:${x.line} | ${x.origin} | \`${cell(x.marker)}\` | ${cell(x.ruleIds.join(', '))} | ${cell(x.reason ?? 'no reason given')} | ${x.expires ?? '—'} | ${x.status} | ${x.matched} |`);
    }
    out.push('');
  }

  if (report.problems.length > 0) {
    out.push('## Suppression and configuration problems', '', '| Location | Severity | Message |', '|---|---|---|');
    for (const p of report.problems) out.push(`| ${cell(p.file)}:${p.line} | ${p.severity} | ${cell(p.message)} |`);
    out.push('');
  }
  if (report.notes.length > 0) {
    out.push('## Files not analysed', '');
    for (const n of report.notes) out.push(`- ${n.file}: ${n.message}`);
    out.push('');
  }
  return out.join('\n');
}

function findingRow(f: ReportedFinding): string {
  return `| ${f.severity} | \`${f.ruleId}\` | ${cell(f.file)}:${f.line}:${f.column} | \`${cell(f.resource)}\` | ${cell(f.message)} |`;
}

export function describeGit(root: ReportedRoot): string {
  const git = root.git;
  if (git === null || git.commit === null) return `not a Git commit (${git?.dirtyBasis ?? 'not read'})`;
  const where = `commit \`${git.commit}\`${git.branch !== null ? ` (branch ${cell(git.branch)})` : ' (detached HEAD)'}`;
  if (git.dirty === null) return `${where}; whether the files match it could not be decided: ${git.dirtyBasis}`;
  if (!git.dirty) return `${where}; every analysed file equals its committed version`;
  return `${where}; **${git.changedFiles.length} analysed file(s) differ from the commit or are not committed**: ${git.changedFiles.map((f) => `\`${cell(f)}\``).join(', ')}`;
}

/** A table cell: no line breaks, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
