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
import { parseInWorkers } from '../server/src/workspace/parallel-parse';
import { scanProject, type ProjectScan } from '../server/src/workspace/project-scan';

/** A mistake in how the CLI was called or in its inputs: exit code 2. */
export class UsageError extends Error {}

export interface ProjectOptions {
  readonly paths: readonly string[];
  /** --config: one repository file for every path (default: each directory argument's own .hciac.yaml). */
  readonly configPath: string | undefined;
  /** --framework (repeatable or comma-separated); overrides the configuration's frameworks. */
  readonly frameworks: readonly string[];
  /** Worker threads for parsing (1 parses on the main thread). */
  readonly jobs: number;
  readonly wasmDir: string;
  /** The script a parse worker starts (the CLI bundle itself). */
  readonly workerScript: string;
  /** --today: evaluate suppression expiries as of this day (default: today, UTC). */
  readonly today: string | undefined;
}

/** A scanned project: the index (with the configuration applied) and how to name its files. */
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
  const clock = clockFor(options.today);
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
  const config = new WorkspaceConfiguration(defaultSettings, roots, true, frameworks === undefined ? {} : { frameworks });
  const settings = config.primary;
  const grammars = await Grammars.load({ wasmDir: options.wasmDir });
  const ruleErrors: string[] = [];
  const bulk = options.jobs > 1 ? (files: Parameters<typeof parseInWorkers>[1]) => parseInWorkers(options.workerScript, files, options.jobs, options.wasmDir, settings) : undefined;
  const scan = await scanProject(options.paths, grammars, settings, (ruleId, error) => ruleErrors.push(`rule ${ruleId} failed: ${error instanceof Error ? error.message : String(error)}`), bulk);
  scan.index.setRules(config.ruleSet(allRules));
  scan.index.setFinisher(configuredFinisher(config, allRules, clock));

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
