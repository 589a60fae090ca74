import type { EvidenceItem, EvidenceOutcome, ProtocolRange } from '../../../common/protocol';
import type { AnalysisNote, AnalysisProblem, Finding, Suppression } from '../engine/finding';
import type { LineIndex } from '../model/line-index';
import type { Span } from '../model/span';
import { allRules } from '../rules';
import { catalogDisclaimer, catalogVersion, control, FRAMEWORK_NAMES, type CatalogSeverity, type FrameworkId } from '../rules/catalog';
import type { GitState } from '../workspace/git-metadata';
import { fileCompliance, lineIndexOf, workspaceControls, type AnalysisSource } from './control-status';

/**
 * The evidence report: one JSON-ready object from which the JSON, Markdown and SARIF exports (and the
 * CLI's scan formats) are rendered, so they cannot disagree. Positions are 1-based lines and columns
 * (UTF-16), paths are relative to the scanned root or workspace folder. docs/evidence.md describes it.
 */
export interface EvidenceReport {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: 'hciac'; readonly fullName: string; readonly version: string; readonly catalogVersion: string; readonly rules: number };
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
  /** What the control mappings are, and are not. */
  readonly disclaimer: string;
  readonly roots: readonly ReportedRoot[];
  readonly frameworks: readonly { readonly id: string; readonly name: string }[];
  readonly summary: ReportSummary;
  /** Every control of the enabled frameworks, in catalog order, with its evidence. */
  readonly controls: readonly ControlEvidence[];
  /** Every rule × resource evaluation, per file (what JUnit reports as test cases). */
  readonly files: readonly ReportedFile[];
  readonly findings: readonly ReportedFinding[];
  /** Findings an applied suppression accepted. */
  readonly suppressed: readonly ReportedSuppressedFinding[];
  /** Every suppression written in the files, applied or rejected. */
  readonly suppressions: readonly ReportedSuppression[];
  readonly problems: readonly ReportedProblem[];
  readonly notes: readonly ReportedNote[];
}

export interface ReportedRoot {
  /** The folder's name (its path relative to the working directory for the CLI). */
  readonly name: string;
  readonly git: GitState | null;
}

export interface ReportSummary {
  readonly files: number;
  readonly filesWithFindings: number;
  readonly findings: Readonly<Record<CatalogSeverity | 'total', number>>;
  readonly suppressedFindings: number;
  readonly suppressions: { readonly applied: number; readonly rejected: number };
  readonly problems: number;
  /** Controls of the enabled frameworks by workspace status. */
  readonly controls: Readonly<Record<EvidenceOutcome | 'not-evaluated', number>>;
  readonly truncated: boolean;
}

/** 1-based, UTF-16 columns, end exclusive. */
export interface ReportedPosition {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface ReportedFinding extends ReportedPosition {
  readonly ruleId: string;
  readonly severity: CatalogSeverity;
  readonly file: string;
  readonly message: string;
  readonly resource: string;
  readonly controls: readonly string[];
  readonly fix?: { readonly title: string; readonly safety: string };
}

export interface ReportedException {
  readonly origin: string;
  readonly marker: string;
  readonly reason: string | null;
  readonly expires: string | null;
  /** Where the marker is written (same file). */
  readonly line: number;
}

export interface ReportedSuppressedFinding extends ReportedFinding {
  readonly suppression: ReportedException;
}

export interface ReportedSuppression extends ReportedException {
  readonly file: string;
  readonly column: number;
  readonly ruleIds: readonly string[];
  readonly scope: Suppression['scope'];
  readonly status: Suppression['status'];
  /** Findings it suppressed. */
  readonly matched: number;
}

export interface ReportedProblem extends ReportedPosition {
  readonly file: string;
  readonly code: AnalysisProblem['code'];
  readonly severity: AnalysisProblem['severity'];
  readonly message: string;
}

export interface ReportedNote {
  readonly file: string;
  readonly code: AnalysisNote['code'];
  readonly message: string;
}

export interface ReportedEvaluation extends ReportedPosition {
  readonly ruleId: string;
  readonly resource: string;
  readonly outcome: EvidenceOutcome;
  readonly message?: string;
  readonly severity?: CatalogSeverity;
  readonly suppression?: ReportedException;
}

export interface ReportedFile {
  readonly file: string;
  /** The controls this file touches, in catalog order, with the file's status for each. */
  readonly controls: readonly { readonly id: string; readonly status: EvidenceOutcome }[];
  readonly evaluations: readonly ReportedEvaluation[];
}

export interface ControlEvidence {
  readonly id: string;
  readonly framework: string;
  readonly ref: string;
  readonly title: string;
  readonly designation?: string;
  readonly status: EvidenceOutcome | 'not-evaluated';
  /** How many files have each status for this control. */
  readonly files: Readonly<Record<EvidenceOutcome, number>>;
  readonly evidence: readonly (ReportedEvaluation & { readonly file: string })[];
}

export interface ReportInput {
  readonly source: AnalysisSource;
  /** The files the report covers. */
  readonly uris: readonly string[];
  readonly frameworks: readonly string[];
  /** How a file is named in the report (relative to its root). */
  readonly displayPath: (uri: string) => string;
  readonly generatedAt: Date;
  readonly roots: readonly ReportedRoot[];
  readonly toolVersion: string;
  readonly truncated?: boolean;
  /** Problems of files that are not reported themselves (the CLI's --config file). */
  readonly extraProblems?: readonly ReportedProblem[];
}

export function buildEvidenceReport(input: ReportInput): EvidenceReport {
  const enabled = new Set(input.frameworks);
  const files = input.uris
    .filter((uri) => input.source.get(uri) !== undefined)
    .map((uri) => ({ uri, file: input.displayPath(uri), text: input.source.get(uri)! }))
    .sort((a, b) => compare(a.file, b.file));

  const findings: ReportedFinding[] = [];
  const suppressed: ReportedSuppressedFinding[] = [];
  const suppressions: ReportedSuppression[] = [];
  const problems: ReportedProblem[] = [...(input.extraProblems ?? [])];
  const notes: ReportedNote[] = [];
  const reportedFiles: ReportedFile[] = [];
  const compliances: NonNullable<ReturnType<typeof fileCompliance>>[] = [];
  const evidenceByControl = new Map<string, (ReportedEvaluation & { file: string })[]>();

  for (const { uri, file, text } of files) {
    const analysis = input.source.analysis(uri);
    const lines = lineIndexOf(text);
    for (const f of sortFindings(analysis.findings)) findings.push(reportedFinding(f, file, lines));
    for (const s of [...analysis.suppressed].sort((a, b) => byFinding(a.finding, b.finding))) suppressed.push({ ...reportedFinding(s.finding, file, lines), suppression: reportedException(s.suppression, lines) });
    for (const s of analysis.suppressions) {
      const at = lines.positionAt(s.span.start);
      suppressions.push({ file, column: at.character + 1, ...reportedException(s, lines), ruleIds: s.ruleIds, scope: s.scope, status: s.status, matched: s.matched });
    }
    for (const p of analysis.problems) problems.push({ file, code: p.code, severity: p.severity, message: p.message, ...position(lines, p.span) });
    for (const n of analysis.notes) notes.push({ file, code: n.code, message: n.message });
    const compliance = fileCompliance(analysis, lines, enabled);
    if (compliance === undefined) continue;
    compliances.push(compliance);
    const evaluations = compliance.evidence.map(reportedEvaluation);
    reportedFiles.push({ file, controls: compliance.controls.map((c) => ({ id: c.controlId, status: c.status })), evaluations });
    for (const c of compliance.controls) {
      const list = evidenceByControl.get(c.controlId) ?? [];
      for (const i of c.evidence) list.push({ file, ...evaluations[i]! });
      evidenceByControl.set(c.controlId, list);
    }
  }

  const controls: ControlEvidence[] = workspaceControls(compliances, input.frameworks).map((w) => {
    const c = control(w.controlId)!;
    return { id: c.id, framework: c.framework, ref: c.ref, title: c.title, ...(c.designation !== undefined ? { designation: c.designation } : {}), status: w.status, files: w.files, evidence: evidenceByControl.get(c.id) ?? [] };
  });

  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  const controlCounts = { violated: 0, suppressed: 0, unknown: 0, satisfied: 0, 'not-evaluated': 0 };
  for (const c of controls) controlCounts[c.status]++;

  return {
    schemaVersion: 1,
    tool: { name: 'hciac', fullName: 'Healthcare IaC Compliance', version: input.toolVersion, catalogVersion, rules: allRules.length },
    generatedAt: input.generatedAt.toISOString(),
    disclaimer: catalogDisclaimer,
    roots: input.roots,
    frameworks: input.frameworks.map((id) => ({ id, name: FRAMEWORK_NAMES[id as FrameworkId] ?? id })),
    summary: {
      files: files.length,
      filesWithFindings: new Set(findings.map((f) => f.file)).size,
      findings: { total: findings.length, ...bySeverity },
      suppressedFindings: suppressed.length,
      suppressions: { applied: suppressions.filter((s) => s.status === 'applied').length, rejected: suppressions.filter((s) => s.status === 'rejected').length },
      problems: problems.length,
      controls: controlCounts,
      truncated: input.truncated ?? false,
    },
    controls,
    files: reportedFiles,
    findings,
    suppressed,
    suppressions,
    problems,
    notes,
  };
}

/** Findings in source order; ties by rule id. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(byFinding);
}

function byFinding(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || compare(a.ruleId, b.ruleId);
}

export function position(lines: LineIndex, span: Span): ReportedPosition {
  return fromRange({ start: lines.positionAt(span.start), end: lines.positionAt(span.end) });
}

function fromRange(range: ProtocolRange): ReportedPosition {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function reportedFinding(f: Finding, file: string, lines: LineIndex): ReportedFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    file,
    ...position(lines, f.span),
    message: f.message,
    resource: f.resource,
    controls: f.controls,
    ...(f.fix ? { fix: { title: f.fix.title, safety: f.fix.safety } } : {}),
  };
}

function reportedException(s: Suppression, lines: LineIndex): ReportedException {
  return { origin: s.origin, marker: s.marker, reason: s.reason ?? null, expires: s.expires ?? null, line: lines.positionAt(s.span.start).line + 1 };
}

function reportedEvaluation(e: EvidenceItem): ReportedEvaluation {
  return {
    ruleId: e.ruleId,
    resource: e.resource,
    outcome: e.outcome,
    ...fromRange(e.range),
    ...(e.message !== undefined ? { message: e.message } : {}),
    ...(e.severity !== undefined ? { severity: e.severity } : {}),
    ...(e.suppression !== undefined
      ? { suppression: { origin: e.suppression.origin, marker: e.suppression.marker ?? e.suppression.origin, reason: e.suppression.reason === '' ? null : e.suppression.reason, expires: e.suppression.expires ?? null, line: (e.suppression.range?.start.line ?? e.range.start.line) + 1 } }
      : {}),
  };
}

/** Code-unit order: the same everywhere (no locale). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
