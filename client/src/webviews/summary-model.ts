import type { EvidenceOutcome } from '../../../common/protocol';
import { countStatuses, type ShownStatus, type StatusCounts } from '../compliance/outcomes';
import type { ComplianceSnapshot } from '../compliance/snapshot';

/** How many rows the "top" tables show. */
export const TOP_ROWS = 10;

export interface FrameworkCoverage {
  readonly id: string;
  readonly name: string;
  /** Controls of the framework per workspace status. */
  readonly counts: StatusCounts;
  readonly total: number;
}

export interface ControlRow {
  readonly id: string;
  readonly framework: string;
  readonly label: string;
  readonly title: string;
  readonly status: ShownStatus;
  /** Files per status of this control. */
  readonly files: Readonly<Record<EvidenceOutcome, number>>;
  /** Violated evidence (findings) over the workspace. */
  readonly findings: number;
}

export interface RuleRow {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly findings: number;
  readonly files: number;
}

export interface SuppressionRow {
  readonly uri: string;
  readonly path: string;
  readonly line: number;
  readonly ruleId: string;
  readonly resource: string;
  readonly reason: string;
  readonly expires?: string;
  readonly expired: boolean;
  readonly origin: string;
}

export interface FileRow {
  readonly uri: string;
  readonly path: string;
  readonly findings: number;
  readonly violatedControls: number;
}

/** Everything the compliance summary shows; built from a snapshot, rendered by summary-html.ts. */
export interface SummaryData {
  readonly generatedAt: string;
  readonly productVersion: string;
  readonly catalogVersion: string;
  readonly totals: { readonly files: number; readonly findings: number; readonly suppressions: number; readonly unknown: number };
  readonly frameworks: readonly FrameworkCoverage[];
  readonly controls: readonly ControlRow[];
  readonly topControls: readonly ControlRow[];
  readonly topRules: readonly RuleRow[];
  readonly suppressions: readonly SuppressionRow[];
  readonly topFiles: readonly FileRow[];
}

/**
 * Aggregates a snapshot for display: counting and sorting what the server classified, nothing more.
 * `displayPath` turns a URI into the workspace-relative path shown; `now` dates the report and
 * decides which suppressions have expired.
 */
export function buildSummary(snap: ComplianceSnapshot, displayPath: (uri: string) => string, now: Date): SummaryData {
  const today = now.toISOString().slice(0, 10);
  const findingsPerControl = new Map<string, number>();
  const rules = new Map<string, { findings: number; files: Set<string> }>();
  const suppressions: SuppressionRow[] = [];
  const files: FileRow[] = [];
  let unknown = 0;

  for (const file of snap.files.values()) {
    for (const control of file.controls) {
      const violated = control.evidence.filter((i) => file.evidence[i]?.outcome === 'violated').length;
      if (violated > 0) findingsPerControl.set(control.controlId, (findingsPerControl.get(control.controlId) ?? 0) + violated);
    }
    for (const e of file.evidence) {
      if (e.outcome === 'unknown') unknown += 1;
      if (e.outcome === 'violated') {
        const rule = rules.get(e.ruleId) ?? { findings: 0, files: new Set<string>() };
        rule.findings += 1;
        rule.files.add(file.uri);
        rules.set(e.ruleId, rule);
      }
      if (e.outcome === 'suppressed' && e.suppression !== undefined) {
        const s = e.suppression;
        suppressions.push({
          uri: file.uri,
          path: displayPath(file.uri),
          line: e.range.start.line + 1,
          ruleId: e.ruleId,
          resource: e.resource,
          reason: s.reason,
          ...(s.expires !== undefined ? { expires: s.expires } : {}),
          expired: s.expires !== undefined && s.expires < today,
          origin: s.origin,
        });
      }
    }
    files.push({ uri: file.uri, path: displayPath(file.uri), findings: file.findings, violatedControls: file.controls.filter((c) => c.status === 'violated').length });
  }

  const controls: ControlRow[] = [];
  for (const status of snap.workspace) {
    const control = snap.controls.get(status.controlId);
    if (control === undefined) continue;
    controls.push({ id: control.id, framework: control.framework, label: control.label, title: control.title, status: status.status, files: status.files, findings: findingsPerControl.get(control.id) ?? 0 });
  }

  const frameworks = snap.frameworks.map((id): FrameworkCoverage => {
    const own = controls.filter((c) => c.framework === id);
    return { id, name: snap.catalog.frameworks.find((f) => f.id === id)?.name ?? id, counts: countStatuses(own.map((c) => c.status)), total: own.length };
  });

  const byFindings = <T extends { findings: number }>(a: T, b: T, tie: number): number => b.findings - a.findings || tie;
  return {
    generatedAt: now.toISOString(),
    productVersion: snap.catalog.productVersion,
    catalogVersion: snap.catalog.catalogVersion,
    totals: { files: snap.files.size, findings: files.reduce((n, f) => n + f.findings, 0), suppressions: suppressions.length, unknown },
    frameworks,
    controls,
    topControls: controls
      .filter((c) => c.files.violated > 0)
      .sort((a, b) => b.files.violated - a.files.violated || byFindings(a, b, 0))
      .slice(0, TOP_ROWS),
    topRules: [...rules]
      .map(([id, r]): RuleRow => {
        const info = snap.rules.get(id);
        return { id, title: info?.title ?? id, severity: info?.severity ?? '', findings: r.findings, files: r.files.size };
      })
      .sort((a, b) => byFindings(a, b, a.id.localeCompare(b.id)))
      .slice(0, TOP_ROWS),
    suppressions: suppressions.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line),
    topFiles: files
      .filter((f) => f.findings > 0)
      .sort((a, b) => byFindings(a, b, a.path.localeCompare(b.path)))
      .slice(0, TOP_ROWS),
  };
}
