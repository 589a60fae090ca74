import {
  OUTCOME_PRECEDENCE,
  type ControlCatalogResult,
  type ControlStatusResult,
  type EvidenceItem,
  type EvidenceOutcome,
  type FileCompliance,
  type FileControlStatus,
  type ProtocolRange,
  type SuppressionInfo,
  type WorkspaceControlStatus,
} from '../../../common/protocol';
import type { FileAnalysis, Finding, SuppressedFinding, Suppression } from '../engine/finding';
import { LineIndex } from '../model/line-index';
import type { Span } from '../model/span';
import { allRules } from '../rules';
import { allControls, catalogVersion, controlLabel, FRAMEWORK_NAMES, type FrameworkId } from '../rules/catalog';
import type { Rule } from '../rules/types';
import { productVersion } from '../version';

/**
 * The evidence model: which controls each file satisfies, violates, has exceptions for or cannot
 * decide, and where. Protocol-free: the language server answers `healthcareIac/controlStatus` with it
 * and the CLI builds `hciac evidence` and its reports from it, so both say the same.
 */

/** What the model reads: the workspace index (editor) or a project scan (CLI). */
export interface AnalysisSource {
  uris(): Iterable<string>;
  get(uri: string): { readonly text: string } | undefined;
  analysis(uri: string): FileAnalysis;
}

/** Per control id, the implemented rules mapped to it. */
const rulesByControl: ReadonlyMap<string, readonly Rule[]> = (() => {
  const map = new Map<string, Rule[]>();
  for (const rule of allRules) for (const c of rule.meta.controls) map.set(c.id, [...(map.get(c.id) ?? []), rule]);
  return map;
})();
const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));
const controlOrder: ReadonlyMap<string, number> = new Map(allControls().map((c, i) => [c.id, i]));

export function toProtocolRange(lines: LineIndex, span: Span): ProtocolRange {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

/** The catalog as panels show it: frameworks (enabled first, in the given order), controls, rules. */
export function controlCatalog(frameworks: readonly string[], enabledRules: ReadonlySet<string>, docUri: (ruleId: string) => string): ControlCatalogResult {
  const rank = (id: string): number => {
    const i = frameworks.indexOf(id);
    return i < 0 ? frameworks.length + Object.keys(FRAMEWORK_NAMES).indexOf(id) : i;
  };
  return {
    catalogVersion,
    productVersion,
    frameworks: (Object.keys(FRAMEWORK_NAMES) as FrameworkId[]).sort((a, b) => rank(a) - rank(b)).map((id) => ({ id, name: FRAMEWORK_NAMES[id], enabled: frameworks.includes(id) })),
    controls: allControls().map((c) => ({
      id: c.id,
      framework: c.framework,
      label: controlLabel(c.id),
      title: c.title,
      ...(c.intent !== undefined ? { intent: c.intent } : {}),
      ...(c.designation !== undefined ? { designation: c.designation } : {}),
      ...(c.iacEvidence !== undefined ? { iacEvidence: c.iacEvidence } : {}),
      ruleIds: (rulesByControl.get(c.id) ?? []).map((r) => r.id),
    })),
    rules: [...allRules]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => ({ id: r.id, title: r.meta.title, severity: r.meta.severity, platform: r.platform, controls: r.meta.controls.map((c) => c.id), enabled: enabledRules.has(r.id), docUri: docUri(r.id) })),
  };
}

/** Memo per analysis object (a changed file gets a new one) and per set of frameworks. */
const fileMemo = new WeakMap<FileAnalysis, { frameworks: string; file: FileCompliance | undefined }>();

/** Control status of the requested files (default: every file with evidence) and of the workspace. */
export function controlStatus(source: AnalysisSource, frameworks: readonly string[], uris?: readonly string[]): ControlStatusResult {
  const key = frameworks.join(',');
  const enabled = new Set(frameworks);
  const ofFile = (uri: string): FileCompliance | undefined => {
    const file = source.get(uri);
    if (file === undefined) return undefined;
    const analysis = source.analysis(uri);
    const memo = fileMemo.get(analysis);
    if (memo !== undefined && memo.frameworks === key) return memo.file;
    const result = fileCompliance(analysis, lineIndexOf(file), enabled);
    fileMemo.set(analysis, { frameworks: key, file: result });
    return result;
  };
  const everyFile = [...source.uris()].sort().flatMap((uri) => ofFile(uri) ?? []);
  const controls = workspaceControls(everyFile, frameworks);
  if (uris === undefined) return { frameworks, files: everyFile, absent: [], controls };
  const files: FileCompliance[] = [];
  const absent: string[] = [];
  for (const uri of [...new Set(uris)].sort()) {
    const file = ofFile(uri);
    if (file === undefined) absent.push(uri);
    else files.push(file);
  }
  return { frameworks, files, absent, controls };
}

const lineIndexes = new WeakMap<object, LineIndex>();

/** One line index per file text owner (the index's SourceFile), built once. */
export function lineIndexOf(file: { readonly text: string }): LineIndex {
  let index = lineIndexes.get(file);
  if (index === undefined) {
    index = new LineIndex(file.text);
    lineIndexes.set(file, index);
  }
  return index;
}

/**
 * A file's evidence and control statuses. Violated evaluations carry their finding's message and
 * severity, and become `suppressed` (with the exception's reason, expiry and origin) when an applied
 * suppression accepted the finding; a control's status is the first outcome of OUTCOME_PRECEDENCE
 * among its evidence. Undefined when no rule evaluated anything in the file.
 */
export function fileCompliance(analysis: FileAnalysis, index: LineIndex, frameworks: ReadonlySet<string>): FileCompliance | undefined {
  if (analysis.evaluations.length === 0) return undefined;
  const findings = new Map<string, Finding>();
  for (const f of analysis.findings) findings.set(evaluationKey(f.ruleId, f.resource, f.span), f);
  const suppressed = new Map<string, SuppressedFinding>();
  for (const s of analysis.suppressed) suppressed.set(evaluationKey(s.finding.ruleId, s.finding.resource, s.finding.span), s);
  const evidence: EvidenceItem[] = [];
  const byControl = new Map<string, number[]>();
  for (const e of analysis.evaluations) {
    const key = evaluationKey(e.ruleId, e.resource, e.span);
    const accepted = e.outcome === 'violated' && !findings.has(key) ? suppressed.get(key) : undefined;
    const finding = e.outcome === 'violated' ? (findings.get(key) ?? accepted?.finding) : undefined;
    const item: EvidenceItem = {
      outcome: accepted !== undefined ? 'suppressed' : e.outcome,
      ruleId: e.ruleId,
      resource: e.resource,
      range: toProtocolRange(index, e.span),
      ...(finding !== undefined ? { message: finding.message, severity: finding.severity } : {}),
      ...(e.outcome === 'unknown' && e.reason !== undefined ? { message: e.reason } : {}),
      ...(accepted !== undefined ? { suppression: suppressionInfo(accepted.suppression, index) } : {}),
    };
    const at = evidence.push(item) - 1;
    for (const c of rulesById.get(e.ruleId)?.meta.controls ?? []) {
      if (!frameworks.has(c.framework)) continue;
      byControl.set(c.id, [...(byControl.get(c.id) ?? []), at]);
    }
  }
  const controls: FileControlStatus[] = [...byControl]
    .sort(([a], [b]) => (controlOrder.get(a) ?? Infinity) - (controlOrder.get(b) ?? Infinity))
    .map(([controlId, indices]) => ({ controlId, status: worst(indices.map((i) => evidence[i]!.outcome)), evidence: indices }));
  return { uri: analysis.uri, evidence, controls, findings: evidence.filter((e) => e.outcome === 'violated').length };
}

/** Every control of the enabled frameworks (catalog order) with its status over the files. */
export function workspaceControls(files: readonly FileCompliance[], frameworks: readonly string[]): WorkspaceControlStatus[] {
  const counts = new Map<string, Record<EvidenceOutcome, number>>();
  for (const file of files) {
    for (const c of file.controls) {
      const perStatus = counts.get(c.controlId) ?? { violated: 0, suppressed: 0, unknown: 0, satisfied: 0 };
      perStatus[c.status] += 1;
      counts.set(c.controlId, perStatus);
    }
  }
  return allControls()
    .filter((c) => frameworks.includes(c.framework))
    .map((c) => {
      const files = counts.get(c.id) ?? { violated: 0, suppressed: 0, unknown: 0, satisfied: 0 };
      return { controlId: c.id, status: OUTCOME_PRECEDENCE.find((s) => files[s] > 0) ?? 'not-evaluated', files };
    });
}

export function suppressionInfo(s: Suppression, index: LineIndex): SuppressionInfo {
  return { reason: s.reason ?? '', ...(s.expires !== undefined ? { expires: s.expires } : {}), origin: s.origin, marker: s.marker, range: toProtocolRange(index, s.span) };
}

function worst(outcomes: readonly EvidenceOutcome[]): EvidenceOutcome {
  return OUTCOME_PRECEDENCE.find((s) => outcomes.includes(s)) ?? 'satisfied';
}

function evaluationKey(ruleId: string, resource: string, span: Span): string {
  return `${ruleId}\u0000${resource}\u0000${span.start}\u0000${span.end}`;
}
