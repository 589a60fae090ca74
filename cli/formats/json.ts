import type { EvidenceReport } from '../../server/src/evidence/evidence-report';

/**
 * `hciac scan --format json`: findings first (stable shape since the first release), then what the
 * governance features add: suppressed findings, suppressions, problems, and the control status of
 * each file and of the whole scan (the same statuses the editor's controls panel shows).
 */
export function renderScanJson(report: EvidenceReport): string {
  const s = report.summary;
  const json = {
    tool: { name: report.tool.name, version: report.tool.version, catalogVersion: report.tool.catalogVersion },
    findings: report.findings,
    suppressed: report.suppressed,
    suppressions: report.suppressions,
    problems: report.problems,
    notes: report.notes.map(({ file, message }) => ({ file, message })),
    frameworks: report.frameworks.map((f) => f.id),
    files: report.files.map((f) => ({ file: f.file, controls: f.controls })),
    controls: report.controls.map((c) => ({ id: c.id, status: c.status, files: c.files })),
    summary: {
      filesScanned: s.files,
      filesWithFindings: s.filesWithFindings,
      findings: s.findings.total,
      critical: s.findings.critical,
      high: s.findings.high,
      medium: s.findings.medium,
      low: s.findings.low,
      suppressed: s.suppressedFindings,
      problems: s.problems,
      controls: s.controls,
      truncated: s.truncated,
    },
  };
  return JSON.stringify(json, null, 2) + '\n';
}
