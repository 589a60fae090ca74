import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { defaultSettings } from '../../common/settings';
import type { Finding } from '../../server/src/engine/finding';
import { LineIndex } from '../../server/src/model/line-index';
import { Grammars } from '../../server/src/parsing/grammars';
import { catalogVersion, type CatalogSeverity } from '../../server/src/rules/catalog';
import { scanProject } from '../../server/src/workspace/project-scan';
import { parseInWorkers } from '../../server/src/workspace/parallel-parse';
import { availableParallelism } from 'node:os';

const RANK: Readonly<Record<CatalogSeverity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

export interface ScanOptions {
  readonly paths: readonly string[];
  readonly format: string;
  readonly failOn: string;
  readonly wasmDir: string;
  /** Print resource usage (wall, CPU, peak RSS, files, bytes) as one JSON line on stderr. */
  readonly stats?: boolean;
  /** Worker threads for parsing; default: the number of CPU cores (1 parses on the main thread). */
  readonly jobs?: string | undefined;
}

/** A finding as the CLI reports it: 1-based line and column, path relative to the working directory. */
export interface CliFinding {
  readonly ruleId: string;
  readonly severity: CatalogSeverity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly resource: string;
  readonly controls: readonly string[];
  readonly fix?: { readonly title: string; readonly safety: string };
}

export async function runScan(options: ScanOptions): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json') {
    process.stderr.write(`hciac scan: unknown --format "${options.format}" (text or json)\n`);
    return 2;
  }
  if (options.failOn !== 'none' && !(options.failOn in RANK)) {
    process.stderr.write(`hciac scan: unknown --fail-on "${options.failOn}" (critical, high, medium, low or none)\n`);
    return 2;
  }
  const jobs = options.jobs === undefined ? Math.max(1, availableParallelism()) : Number(options.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    process.stderr.write(`hciac scan: --jobs takes a whole number from 1 to 64\n`);
    return 2;
  }
  const started = performance.now();
  const grammars = await Grammars.load({ wasmDir: options.wasmDir });
  const ruleErrors: string[] = [];
  const bulk = jobs > 1 ? (files: Parameters<typeof parseInWorkers>[1]) => parseInWorkers(__filename, files, jobs, options.wasmDir, defaultSettings) : undefined;
  const scan = await scanProject(
    options.paths,
    grammars,
    defaultSettings,
    (ruleId, error) => {
      ruleErrors.push(`rule ${ruleId} failed: ${error instanceof Error ? error.message : String(error)}`);
    },
    bulk,
  );
  const findings: CliFinding[] = [];
  const notes: { file: string; message: string }[] = [];
  for (const uri of scan.uris) {
    const source = scan.index.get(uri);
    if (source === undefined) continue;
    const analysis = scan.index.analysis(uri);
    const lines = new LineIndex(source.text);
    const file = path.relative(process.cwd(), URI.parse(uri).fsPath).split(path.sep).join('/');
    for (const note of analysis.notes) notes.push({ file, message: note.message });
    for (const f of sortFindings(analysis.findings)) findings.push(toCliFinding(f, file, lines));
  }
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of findings) counts[f.severity]++;
  const summary = { filesScanned: scan.uris.length, filesWithFindings: new Set(findings.map((f) => f.file)).size, findings: findings.length, ...counts, truncated: scan.truncated };

  if (options.format === 'json') {
    process.stdout.write(JSON.stringify({ tool: { name: 'hciac', version: typeof HCIAC_VERSION === 'string' ? HCIAC_VERSION : 'dev', catalogVersion }, findings, notes, summary }, null, 2) + '\n');
  } else {
    let current = '';
    for (const f of findings) {
      if (f.file !== current) {
        current = f.file;
        process.stdout.write(`\n${f.file}\n`);
      }
      process.stdout.write(`  ${f.line}:${f.column}  ${f.severity.padEnd(8)} ${f.ruleId}  ${f.message}\n`);
      process.stdout.write(`      resource: ${f.resource}   controls: ${f.controls.join(', ')}\n`);
    }
    for (const n of notes) process.stdout.write(`\n${n.file}\n  note: ${n.message}\n`);
    process.stdout.write(
      `\n${summary.findings} findings (${counts.critical} critical, ${counts.high} high, ${counts.medium} medium, ${counts.low} low) in ${summary.filesWithFindings} of ${summary.filesScanned} files${scan.truncated ? ' (stopped at the file limit)' : ''}\n`,
    );
  }
  for (const e of ruleErrors) process.stderr.write(`hciac: ${e}\n`);
  if (options.stats === true) {
    const usage = process.resourceUsage();
    let bytes = 0;
    for (const uri of scan.uris) bytes += Buffer.byteLength(scan.index.get(uri)?.text ?? '');
    const stats = { wallMs: performance.now() - started, cpuUserMs: usage.userCPUTime / 1000, cpuSystemMs: usage.systemCPUTime / 1000, maxRssKb: usage.maxRSS, files: scan.uris.length, bytes };
    process.stderr.write(`hciac-stats ${JSON.stringify(stats)}\n`);
  }
  if (options.failOn === 'none') return 0;
  const threshold = RANK[options.failOn as CatalogSeverity];
  return findings.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

function toCliFinding(f: Finding, file: string, lines: LineIndex): CliFinding {
  const start = lines.positionAt(f.span.start);
  const end = lines.positionAt(f.span.end);
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    message: f.message,
    resource: f.resource,
    controls: f.controls,
    ...(f.fix ? { fix: { title: f.fix.title, safety: f.fix.safety } } : {}),
  };
}

declare const HCIAC_VERSION: string | undefined;
