import { createHash } from 'node:crypto';
import type { AnalysisProblem } from '../engine/finding';
import { allRules } from '../rules';
import { controlLabel, type CatalogSeverity } from '../rules/catalog';
import type { Rule } from '../rules/types';
import type { EvidenceReport, ReportedException, ReportedFinding, ReportedProblem } from './evidence-report';

/** SARIF 2.1.0 (OASIS, errata 01): the subset this tool writes. */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly unknown[];
}

const LEVEL: Readonly<Record<CatalogSeverity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning reads `security-severity` (0–10) to rank results. */
const SECURITY_SEVERITY: Readonly<Record<CatalogSeverity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const PROBLEM_LEVEL: Readonly<Record<AnalysisProblem['severity'], 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * The report as one SARIF run: every shipped rule in `tool.driver.rules` (title, rationale, help URI
 * to the rule's page, controls in `properties`), one result per finding, suppressed findings as results
 * with `suppressions` (kind inSource, the justification, the marker and its origin), and suppression or
 * configuration mistakes as tool configuration notifications.
 */
export function toSarif(report: EvidenceReport, docUri: (ruleId: string) => string): SarifLog {
  const rules = [...allRules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = [
    ...report.findings.map((f) => result(f, ruleIndex, undefined)),
    ...report.suppressed.map((f) => result(f, ruleIndex, f.suppression)),
  ].sort((a, b) => compareResults(a, b));
  const git = report.roots.find((r) => r.git?.commit)?.git ?? null;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hciac',
            fullName: report.tool.fullName,
            version: report.tool.version,
            semanticVersion: /^\d+\.\d+\.\d+/.test(report.tool.version) ? report.tool.version : undefined,
            rules: rules.map((r) => ruleDescriptor(r, docUri(r.id))),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: report.generatedAt,
            toolConfigurationNotifications: report.problems.map(notification),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: results.map(({ sortKey: _, ...r }) => r),
        properties: {
          catalogVersion: report.tool.catalogVersion,
          frameworks: report.frameworks.map((f) => f.id),
          ...(git !== null ? { git: { commit: git.commit, branch: git.branch, dirty: git.dirty } } : {}),
        },
      },
    ],
  };
}

function ruleDescriptor(rule: Rule, helpUri: string): Record<string, unknown> {
  const controls = rule.meta.controls.map((c) => ({ id: c.id, framework: c.framework, label: controlLabel(c.id), basis: c.basis }));
  const hipaa = controls.filter((c) => c.framework === 'hipaa').map((c) => c.label);
  return {
    id: rule.id,
    shortDescription: { text: rule.meta.title },
    fullDescription: { text: rule.meta.rationale },
    helpUri,
    help: {
      text: `${rule.meta.title}\n\n${rule.meta.rationale}\n\nControls: ${controls.map((c) => c.label).join(', ')}`,
      markdown: `**${rule.meta.title}**\n\n${rule.meta.rationale}\n\nControls: ${controls.map((c) => c.label).join(', ')}`,
    },
    defaultConfiguration: { level: LEVEL[rule.meta.severity] },
    properties: {
      tags: ['security', 'compliance', ...(hipaa.length > 0 ? ['hipaa'] : []), rule.platform],
      precision: 'high',
      severity: rule.meta.severity,
      'security-severity': SECURITY_SEVERITY[rule.meta.severity],
      controls,
      equivalents: { checkov: rule.meta.equivalents.checkov.map((c) => c.id), kics: rule.meta.equivalents.kics.map((k) => k.id) },
    },
  };
}

function result(f: ReportedFinding, ruleIndex: ReadonlyMap<string, number>, suppression: ReportedException | undefined): Record<string, unknown> & { sortKey: string } {
  return {
    sortKey: `${f.file}\u0000${String(f.line).padStart(8, '0')}\u0000${String(f.column).padStart(8, '0')}\u0000${f.ruleId}`,
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file, f.line, f.column, f.endLine, f.endColumn)],
    partialFingerprints: { 'hciacFinding/v1': createHash('sha256').update(`${f.ruleId}\u0000${f.file}\u0000${f.resource}\u0000${f.message}`).digest('hex').slice(0, 32) },
    properties: { resource: f.resource, severity: f.severity, controls: f.controls },
    ...(suppression !== undefined
      ? {
          suppressions: [
            {
              kind: 'inSource',
              status: 'accepted',
              ...(suppression.reason !== null ? { justification: suppression.reason } : {}),
              location: location(f.file, suppression.line),
              properties: { origin: suppression.origin, marker: suppression.marker, ...(suppression.expires !== null ? { expires: suppression.expires } : {}) },
            },
          ],
        }
      : {}),
  };
}

function notification(p: ReportedProblem): Record<string, unknown> {
  return { descriptor: { id: p.code }, level: PROBLEM_LEVEL[p.severity], message: { text: p.message }, locations: [location(p.file, p.line, p.column, p.endLine, p.endColumn)] };
}

function location(file: string, line: number, column?: number, endLine?: number, endColumn?: number): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file), uriBaseId: 'SRCROOT' },
      region: { startLine: line, ...(column !== undefined ? { startColumn: column } : {}), ...(endLine !== undefined ? { endLine } : {}), ...(endColumn !== undefined ? { endColumn } : {}) },
    },
  };
}

function compareResults(a: { sortKey: string }, b: { sortKey: string }): number {
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}
