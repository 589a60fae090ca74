import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { defaultSettings, FRAMEWORK_IDS, type FrameworkName } from '../common/settings';
import { CONFIG_FILE_NAME } from '../server/src/config/config-file';
import { configuredFinisher } from '../server/src/config/finish-analysis';
import { WorkspaceConfiguration, type ConfigRoot } from '../server/src/config/workspace-configuration';
import type { ReportedProblem } from '../server/src/evidence/evidence-report';
import { position } from '../server/src/evidence/evidence-report';
import { LineIndex } from '../server/src/model/line-index';
import { Grammars } from '../server/src/parsing/grammars';
import { allRules } from '../server/src/rules';
import { ScanPool } from '../server/src/workspace/parallel-scan';
import { planProjectScan, ScanThread, type ScannedFile, type ScanUnit } from '../server/src/workspace/project-scan';
import { WorkspaceIndex } from '../server/src/workspace/workspace-index';

/** A mistake in how the CLI was called or in its inputs: exit code 2. */
export class UsageError extends Error {}

export interface ProjectOptions {
  readonly paths: readonly string[];
  /** --config: one repository file for every path (default: each directory argument's own .hciac.yaml). */
  readonly configPath: string | undefined;
  /** --framework (repeatable or comma-separated); overrides the configuration's frameworks. */
  readonly frameworks: readonly string[];
  /** Threads that load and analyse (1: this thread only; more: this thread and jobs - 1 workers). */
  readonly jobs: number;
  readonly wasmDir: string;
  /** The script a scan worker starts (the CLI bundle itself). */
  readonly workerScript: string;
  /** --today: evaluate suppression expiries as of this day (default: today, UTC). */
  readonly today: string | undefined;
}

/** The scanned files: what the evidence report reads. */
export interface ProjectScan {
  readonly files: ScannedFiles;
  /** The files that were asked for (context-only files of their modules are loaded but not listed). */
  readonly uris: readonly string[];
  readonly truncated: boolean;
}

/** A scanned project: its files' analyses (with the configuration applied) and how to name its files. */
export interface Project {
  readonly scan: ProjectScan;
  readonly config: WorkspaceConfiguration;
  /** The scanned roots (directories, or files' directories) with their display names. */
  readonly roots: readonly { readonly name: string; readonly dir: string }[];
  /** Problems of the repository files, positioned in them. */
  readonly configProblems: readonly ReportedProblem[];
  readonly ruleErrors: readonly string[];
  /** A path relative to the working directory, with `/` separators (stable across platforms). */
  displayPath(uri: string): string;
}

/**
 * Reads the configuration, scans the paths with the same parser, model, engine and post-filter as
 * the language server, and returns the project. A path argument stands for a workspace folder: its
 * `.hciac.yaml` applies to its files, exactly as in the editor.
 */
export async function openProject(options: ProjectOptions): Promise<Project> {
  const frameworks = checkFrameworks(options.frameworks);
  clockFor(options.today); // a bad --today is a usage error before any work
  const roots: ConfigRoot[] = [];
  const rootDirs: { name: string; dir: string }[] = [];
  const fixedConfig = options.configPath === undefined ? undefined : await readConfig(path.resolve(options.configPath), true);
  for (const p of options.paths) {
    const abs = path.resolve(p);
    const info = await stat(abs).catch(() => undefined);
    if (info === undefined) throw new UsageError(`cannot read ${p}`);
    const dir = info.isDirectory() ? abs : path.dirname(abs);
    rootDirs.push({ name: displayPath(dir) || '.', dir });
    const rootUri = URI.file(abs).toString();
    if (fixedConfig !== undefined) {
      roots.push({ rootUri, configUri: fixedConfig.uri, text: fixedConfig.text });
    } else {
      const configFile = path.join(info.isDirectory() ? abs : process.cwd(), CONFIG_FILE_NAME);
      const found = await readConfig(configFile, false);
      roots.push({ rootUri, configUri: URI.file(configFile).toString(), text: found?.text });
    }
  }
  const setup: ScanSetup = { roots, frameworks, today: options.today, wasmDir: options.wasmDir };
  // Workers boot (bundle, grammars, configuration) while this thread lists the files.
  const pool = ScanPool.start<ScanSetup, readonly ScanUnit[], UnitResult>(options.workerScript, options.jobs, setup);
  const config = projectConfiguration(setup);
  const plan = await planProjectScan(options.paths, config.primary);
  const run = await unitRunner(setup);
  const results = await pool.run(plan.units.length, plan.units, (task) => run(plan.units, task));
  const files = new ScannedFiles(results.flatMap((r) => r.files));
  // Sorted and once each: which thread meets a failing rule first (and how often) depends on --jobs.
  const ruleErrors = [...new Set(results.flatMap((r) => r.ruleErrors))].sort();
  const scan: ProjectScan = { files, uris: plan.requested, truncated: plan.truncated };

  const configProblems: ReportedProblem[] = [];
  const seen = new Set<string>();
  for (const scope of config.all) {
    if (!scope.hasFile || seen.has(scope.configUri)) continue;
    seen.add(scope.configUri);
    const text = roots.find((r) => r.configUri === scope.configUri)?.text ?? '';
    const lines = new LineIndex(text);
    for (const p of scope.problems) configProblems.push({ file: displayPath(URI.parse(scope.configUri).fsPath), code: p.code, severity: p.severity, message: p.message, ...position(lines, p.span) });
  }
  return { scan, config, roots: rootDirs, configProblems, ruleErrors, displayPath: (uri) => displayPath(URI.parse(uri).fsPath) };
}

/** What every scan thread builds its configuration, rules and post-filter from (plain data: it is sent to workers). */
export interface ScanSetup {
  readonly roots: readonly ConfigRoot[];
  readonly frameworks: readonly FrameworkName[] | undefined;
  readonly today: string | undefined;
  readonly wasmDir: string;
}

/** One unit's files and the rule failures met while analysing them. */
export interface UnitResult {
  readonly files: readonly ScannedFile[];
  readonly ruleErrors: readonly string[];
}

function projectConfiguration(setup: ScanSetup): WorkspaceConfiguration {
  return new WorkspaceConfiguration(defaultSettings, setup.roots, true, setup.frameworks === undefined ? {} : { frameworks: [...setup.frameworks] });
}

/**
 * Prepares a thread (this one or a scan worker) to run units of the plan: the grammars, the
 * configuration's rules and post-filter, one index for the thread's units.
 */
export async function unitRunner(setup: ScanSetup): Promise<(units: readonly ScanUnit[], task: number) => UnitResult> {
  const config = projectConfiguration(setup);
  const grammars = await Grammars.load({ wasmDir: setup.wasmDir });
  const ruleErrors: string[] = [];
  const index = new WorkspaceIndex(config.ruleSet(allRules), (ruleId, error) => ruleErrors.push(`rule ${ruleId} failed: ${error instanceof Error ? error.message : String(error)}`));
  index.setFinisher(configuredFinisher(config, allRules, clockFor(setup.today)));
  const thread = new ScanThread(index, grammars, config.primary);
  return (units, task) => ({ files: thread.run(units[task]!), ruleErrors: ruleErrors.splice(0) });
}

/** The scanned files by URI: each file's text and finished analysis. */
export class ScannedFiles {
  private readonly byUri: ReadonlyMap<string, ScannedFile>;

  constructor(files: readonly ScannedFile[]) {
    this.byUri = new Map(files.map((f) => [f.uri, f]));
  }

  uris(): IterableIterator<string> {
    return this.byUri.keys();
  }

  get(uri: string): ScannedFile | undefined {
    return this.byUri.get(uri);
  }

  analysis(uri: string): ScannedFile['analysis'] {
    const file = this.byUri.get(uri);
    if (file === undefined) throw new Error(`not scanned: ${uri}`);
    return file.analysis;
  }
}

function displayPath(fsPath: string): string {
  return path.relative(process.cwd(), fsPath).split(path.sep).join('/');
}

async function readConfig(file: string, required: boolean): Promise<{ uri: string; text: string } | undefined> {
  try {
    return { uri: URI.file(file).toString(), text: await readFile(file, 'utf8') };
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read the configuration ${file}: ${(error as Error).message}`);
  }
}

function checkFrameworks(values: readonly string[]): FrameworkName[] | undefined {
  const ids = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (ids.length === 0) return undefined;
  const known: readonly string[] = FRAMEWORK_IDS;
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`unknown --framework ${unknown.join(', ')} (${FRAMEWORK_IDS.join(', ')})`);
  return FRAMEWORK_IDS.filter((id) => ids.includes(id));
}

function clockFor(today: string | undefined): () => Date {
  if (today === undefined) return () => new Date();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) throw new UsageError(`--today takes a date YYYY-MM-DD, not "${today}"`);
  const fixed = new Date(`${today}T00:00:00Z`);
  return () => fixed;
}
