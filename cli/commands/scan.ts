import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { EvidenceReport } from '../../server/src/evidence/evidence-report';
import { toSarif } from '../../server/src/evidence/sarif';
import type { CatalogSeverity } from '../../server/src/rules/catalog';
import { renderScanJson } from '../formats/json';
import { renderJunit } from '../formats/junit';
import { renderScanMarkdown } from '../formats/markdown';
import { renderText } from '../formats/text';
import { writeOutput } from '../output';
import { openProject, UsageError, type Project, type ProjectOptions } from '../project';
import { projectReport } from '../report';

const RANK: Readonly<Record<CatalogSeverity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

export const SCAN_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** Exit codes (docs/cli.md): findings at or above --fail-on → 1; usage, unreadable input or invalid configuration → 2. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export interface ScanOptions extends ProjectOptions {
  readonly format: string;
  readonly failOn: string;
  /** Folder of docs/rules/<id>.md (SARIF help URIs). */
  readonly docsDir: string;
  /** Print resource usage (wall, CPU, peak RSS, files, bytes) as one JSON line on stderr. */
  readonly stats?: boolean;
  readonly output: string | undefined;
}

export async function runScan(options: ScanOptions): Promise<number> {
  const format = options.format as ScanFormat;
  if (!SCAN_FORMATS.includes(format)) throw new UsageError(`unknown --format "${options.format}" (${SCAN_FORMATS.join(', ')})`);
  checkFailOn(options.failOn);
  const started = performance.now();
  const project = await openProject(options);
  const report = await projectReport(project, { git: false, now: new Date() });
  await writeOutput(render(format, report, options.docsDir), options.output);
  reportSideChannels(project, format !== 'text');
  if (options.stats === true) printStats(project, started);
  return exitCode(project, report, options.failOn);
}

export function render(format: ScanFormat, report: EvidenceReport, docsDir: string): string {
  switch (format) {
    case 'text':
      return renderText(report);
    case 'json':
      return renderScanJson(report);
    case 'sarif':
      return JSON.stringify(toSarif(report, (id) => ruleDocUri(docsDir, id)), null, 2) + '\n';
    case 'junit':
      return renderJunit(report);
    case 'markdown':
      return renderScanMarkdown(report);
  }
}

export function ruleDocUri(docsDir: string, ruleId: string): string {
  return pathToFileURL(path.join(docsDir, `${ruleId}.md`)).toString();
}

export function checkFailOn(failOn: string): void {
  if (failOn !== 'none' && !(failOn in RANK)) throw new UsageError(`unknown --fail-on "${failOn}" (critical, high, medium, low or none)`);
}

/** Rule failures and (for machine formats, whose output is a file or a pipe) configuration problems go to stderr. */
export function reportSideChannels(project: Project, configProblems: boolean): void {
  if (configProblems) for (const p of project.configProblems) process.stderr.write(`hciac: ${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  for (const e of project.ruleErrors) process.stderr.write(`hciac: ${e}\n`);
}

/** 2 when a repository file has errors (the gate would run under a policy nobody wrote); else 1 when findings reach --fail-on. */
export function exitCode(project: Project, report: EvidenceReport, failOn: string): number {
  if (project.configProblems.some((p) => p.severity === 'error')) return EXIT.usage;
  if (failOn === 'none') return EXIT.ok;
  const threshold = RANK[failOn as CatalogSeverity];
  return report.findings.some((f) => RANK[f.severity] >= threshold) ? EXIT.findings : EXIT.ok;
}

function printStats(project: Project, started: number): void {
  const usage = process.resourceUsage();
  let bytes = 0;
  for (const uri of project.scan.uris) bytes += Buffer.byteLength(project.scan.files.get(uri)?.text ?? '');
  const stats = { wallMs: performance.now() - started, cpuUserMs: usage.userCPUTime / 1000, cpuSystemMs: usage.systemCPUTime / 1000, maxRssKb: usage.maxRSS, files: project.scan.uris.length, bytes };
  process.stderr.write(`hciac-stats ${JSON.stringify(stats)}\n`);
}

