import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver/node';
import type { Settings, EditorSeverity } from '../../../common/settings';
import type { AnalysisNote, AnalysisProblem, FileAnalysis, Finding } from '../engine/finding';
import { LineIndex } from '../model/line-index';
import type { Span } from '../model/span';

export const DIAGNOSTIC_SOURCE = 'hciac';

/** Maps spans of one text to LSP ranges; cached per text so each file is indexed once per version. */
const indexes = new WeakMap<object, LineIndex>();

export function lineIndexFor(owner: object, text: string): LineIndex {
  let index = indexes.get(owner);
  if (index === undefined) {
    index = new LineIndex(text);
    indexes.set(owner, index);
  }
  return index;
}

export function toRange(index: LineIndex, span: Span): Range {
  return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
}

const SEVERITY: Readonly<Record<EditorSeverity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The editor severity of a finding: the per-rule setting wins over the catalog-severity mapping. */
export function editorSeverity(finding: Pick<Finding, 'ruleId' | 'severity'>, settings: Settings): EditorSeverity | undefined {
  const level = settings.rules[finding.ruleId];
  if (level === 'off') return undefined;
  return level ?? settings.severity[finding.severity];
}

const docUris = new Map<string, string>();

export function ruleDocUri(docsDir: string, ruleId: string): string {
  // Every diagnostic of every publication carries one: build each URL once.
  const key = `${docsDir}\0${ruleId}`;
  let uri = docUris.get(key);
  if (uri === undefined) docUris.set(key, (uri = pathToFileURL(path.join(docsDir, `${ruleId}.md`)).toString()));
  return uri;
}

export interface DiagnosticData {
  readonly ruleId: string;
  readonly fixable: boolean;
}

export function toDiagnostic(finding: Finding, index: LineIndex, settings: Settings, docsDir: string, indexOf: (uri: string) => LineIndex | undefined): Diagnostic | undefined {
  const severity = editorSeverity(finding, settings);
  if (severity === undefined) return undefined;
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of finding.related) {
    const other = r.uri === finding.uri ? index : indexOf(r.uri);
    if (other !== undefined) related.push({ location: { uri: r.uri, range: toRange(other, r.span) }, message: r.message });
  }
  const data: DiagnosticData = { ruleId: finding.ruleId, fixable: finding.fix !== undefined };
  return {
    range: toRange(index, finding.span),
    severity: SEVERITY[severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocUri(docsDir, finding.ruleId) },
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}

/**
 * Everything published for one file: its notes, then its findings (rules turned off are dropped),
 * then suppression and configuration problems. Suppressed findings are not published: the controls
 * panel, summaries and exports list them. `indexOf` maps the other files named in related information.
 */
export function fileDiagnostics(analysis: FileAnalysis, index: LineIndex, settings: Settings, docsDir: string, indexOf: (uri: string) => LineIndex | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = analysis.notes.map((n) => noteToDiagnostic(n, index));
  for (const finding of analysis.findings) {
    const d = toDiagnostic(finding, index, settings, docsDir, indexOf);
    if (d !== undefined) diagnostics.push(d);
  }
  for (const problem of analysis.problems) diagnostics.push(problemToDiagnostic(problem, index));
  return diagnostics;
}

/** A suppression or configuration mistake (code `hciac-suppression` / `hciac-config`). */
export function problemToDiagnostic(problem: AnalysisProblem, index: LineIndex): Diagnostic {
  return { range: toRange(index, problem.span), severity: SEVERITY[problem.severity], source: DIAGNOSTIC_SOURCE, code: problem.code, message: problem.message };
}

export function noteToDiagnostic(note: AnalysisNote, index: LineIndex): Diagnostic {
  return { range: toRange(index, note.span), severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code: note.code, message: note.message };
}
