import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Settings } from '../../../common/settings';
import type { RuleErrorHandler } from '../engine/analyze';
import type { FileAnalysis } from '../engine/finding';
import { RuleSet } from '../engine/rule-set';
import { moduleCalls } from '../model/terraform/module-calls';
import { fileKindOf, type FileKind } from '../parsing/file-kind';
import type { Grammars } from '../parsing/grammars';
import { allRules } from '../rules';
import { findIacFiles, readTextSync, type FoundFile } from './scanner';
import { buildSource, type SourceLimits } from './source-file';
import { WorkspaceIndex } from './workspace-index';

/**
 * A project scan (the CLI's way in) in two steps. `planProjectScan` lists the files asked for and
 * cuts them into units that can be analysed independently: every Kubernetes/YAML file in one unit
 * (rules read the workspace's objects), and the Terraform directories in groups that call one
 * another as local modules. A `ScanThread` then loads and analyses units — on the calling thread or
 * on worker threads (parallel-scan.ts), with the same results: each unit's analyses read only the
 * directories it loads itself (its own, and every directory its local module calls reach).
 */
export interface ScanPlan {
  /** The files that were asked for, sorted (context-only files of their modules are loaded but not listed). */
  readonly requested: readonly string[];
  readonly units: readonly ScanUnit[];
  readonly truncated: boolean;
}

/** Files analysed together. */
export interface ScanUnit {
  readonly files: readonly UnitFile[];
  /** What the unit costs to load and analyse, roughly (bytes on disk): larger units are started first. */
  readonly cost: number;
}

export interface UnitFile {
  readonly path: string;
  readonly kind: FileKind;
  /** Asked for (reported); otherwise only context of its module. */
  readonly requested: boolean;
}

/** A scanned file's text and finished analysis, as a unit returns them. */
export interface ScannedFile {
  readonly uri: string;
  readonly text: string;
  readonly analysis: FileAnalysis;
}

/** Lists the files under `paths` and plans their analysis (reads the Terraform files to see which local modules they call). */
export async function planProjectScan(paths: readonly string[], settings: Pick<Settings, 'exclude' | 'maxFiles'>): Promise<ScanPlan> {
  const requested = new Map<string, FoundFile>();
  let truncated = false;
  for (const p of paths) {
    const found = await findIacFiles(path.resolve(p), { exclude: settings.exclude, maxFiles: settings.maxFiles - requested.size });
    truncated ||= found.truncated;
    for (const file of found.files) requested.set(file.path, file);
  }
  const yaml: UnitFile[] = [];
  const terraformDirs = new Set<string>();
  for (const file of [...requested.values()].sort((a, b) => compare(a.path, b.path))) {
    if (file.kind === 'yaml') yaml.push({ ...file, requested: true });
    else terraformDirs.add(path.dirname(file.path));
  }
  const units: ScanUnit[] = [];
  if (yaml.length > 0) units.push({ files: yaml, cost: yaml.reduce((sum, f) => sum + fileSize(f.path), 0) * YAML_COST_FACTOR });
  const listed = new Map<string, { path: string; kind: FileKind }[]>();
  const filesOf = (dir: string): { path: string; kind: FileKind }[] => listed.get(dir) ?? listed.set(dir, terraformFilesOf(dir)).get(dir)!;
  for (const group of moduleGroups([...terraformDirs].sort(compare), filesOf)) {
    const files = group.dirs.flatMap((dir) => {
      // The directory's other Terraform files are the module context of the requested ones.
      const all = new Map<string, FileKind>(filesOf(dir).map((f) => [f.path, f.kind]));
      for (const f of requested.values()) if (f.kind !== 'yaml' && path.dirname(f.path) === dir) all.set(f.path, f.kind);
      return [...all].sort((a, b) => compare(a[0], b[0])).map(([file, kind]) => ({ path: file, kind, requested: requested.has(file) }));
    });
    units.push({ files, cost: group.bytes });
  }
  units.sort((a, b) => b.cost - a.cost);
  return { requested: [...requested.keys()].sort(compare).map((f) => URI.file(f).toString()), units, truncated };
}

/** YAML parses and models about twice as fast as Terraform per byte, and has no module calls to follow. */
const YAML_COST_FACTOR = 0.5;

/**
 * The Terraform directories grouped so that a directory and the local modules it calls (as far as
 * a look at its `source = "./…"` lines tells) fall in one group: a unit then loads each module once.
 * A call this misses costs a second load of that module in another unit, never a different result.
 */
function moduleGroups(dirs: readonly string[], filesOf: (dir: string) => readonly { path: string }[]): { dirs: string[]; bytes: number }[] {
  const parent = new Map<string, string>();
  const root = (dir: string): string => {
    let r = dir;
    while (parent.get(r) !== r) r = parent.get(r) ?? (parent.set(r, r), r);
    parent.set(dir, r);
    return r;
  };
  const bytes = new Map<string, number>();
  for (const dir of dirs) {
    root(dir);
    let size = 0;
    for (const file of filesOf(dir)) {
      const text = readTextSync(file.path);
      if (text === undefined) continue;
      size += text.length;
      for (const source of localModuleSources(text)) {
        const a = root(dir);
        const b = root(path.resolve(dir, source));
        if (a !== b) parent.set(a, b);
      }
    }
    bytes.set(dir, size);
  }
  const groups = new Map<string, { dirs: string[]; bytes: number }>();
  for (const dir of dirs) {
    const key = root(dir);
    const group = groups.get(key) ?? { dirs: [], bytes: 0 };
    group.dirs.push(dir);
    group.bytes += bytes.get(dir) ?? 0;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** `source = "./…"` / `"../…"` lines: a hint for grouping only (the model decides what is a module call). */
function localModuleSources(text: string): string[] {
  return [...text.matchAll(/\bsource\s*=\s*"\s*(\.\.?(?:[/\\][^"]*)?)\s*"/g)].map((m) => m[1]!.replace(/\\/g, '/'));
}

/** The Terraform files (.tf, .tfvars) of a directory, sorted; none when it cannot be read. */
function terraformFilesOf(dir: string): { path: string; kind: FileKind }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.sort(compare).flatMap((name) => {
    const kind = fileKindOf(name);
    return kind === 'terraform' || kind === 'terraform-vars' ? [{ path: path.join(dir, name), kind }] : [];
  });
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Loads and analyses units into one index. Directories are loaded once per thread; loading a unit
 * also loads every directory its local module calls reach (outside the scanned paths too), so a
 * unit's analyses never depend on which other units ran on the same thread.
 */
export class ScanThread {
  private readonly loadedDirs = new Set<string>();

  constructor(
    readonly index: WorkspaceIndex,
    private readonly grammars: Grammars,
    private readonly limits: SourceLimits,
  ) {}

  /** Loads the unit's files and the local modules they call. */
  load(unit: ScanUnit): void {
    // A Terraform directory an earlier unit reached through a module call holds its files already.
    const fresh = unit.files.filter((file) => file.kind === 'yaml' || !this.loadedDirs.has(path.dirname(file.path)));
    for (const file of fresh) if (file.kind !== 'yaml') this.loadedDirs.add(path.dirname(file.path));
    const loaded = fresh.flatMap((file) => (this.upsert(file.path, file.kind) ? [file.path] : []));
    // Local modules called from the loaded files, transitively.
    let added = loaded;
    while (added.length > 0) {
      const next: string[] = [];
      for (const file of added) {
        const model = this.index.get(URI.file(file).toString())?.model;
        if (model?.kind !== 'terraform') continue;
        for (const call of moduleCalls(model.file)) {
          if (call.source.kind === 'local') next.push(...this.loadDir(path.resolve(path.dirname(file), call.source.path)));
        }
      }
      added = next;
    }
  }

  /** Loads the unit and returns the text and finished analysis of each of its requested files. */
  run(unit: ScanUnit): ScannedFile[] {
    this.load(unit);
    return unit.files.flatMap((file) => {
      if (!file.requested) return [];
      const uri = URI.file(file.path).toString();
      const source = this.index.get(uri);
      return source === undefined ? [] : [{ uri, text: source.text, analysis: this.index.analysis(uri) }];
    });
  }

  private loadDir(dir: string): string[] {
    if (this.loadedDirs.has(dir)) return [];
    this.loadedDirs.add(dir);
    return terraformFilesOf(dir).flatMap((file) => (this.upsert(file.path, file.kind) ? [file.path] : []));
  }

  private upsert(file: string, kind: FileKind): boolean {
    const text = readTextSync(file);
    if (text === undefined) return false;
    this.index.upsert(buildSource(URI.file(file).toString(), kind, text, undefined, this.grammars, this.limits));
    return true;
  }
}

export interface ProjectScan {
  readonly index: WorkspaceIndex;
  /** The files that were asked for (context-only files of their modules are indexed but not listed). */
  readonly uris: readonly string[];
  readonly truncated: boolean;
}

/**
 * Indexes the IaC files under the given paths with the same parser, model and engine as the
 * language server, on this thread (tools and tests read the models; the CLI runs the units of a
 * plan in parallel instead). A single .tf file is analysed with the rest of its directory as module context.
 */
export async function scanProject(paths: readonly string[], grammars: Grammars, settings: Settings, onRuleError: RuleErrorHandler): Promise<ProjectScan> {
  const disabled = new Set(Object.entries(settings.rules).filter(([, level]) => level === 'off').map(([id]) => id));
  const plan = await planProjectScan(paths, settings);
  const thread = new ScanThread(new WorkspaceIndex(new RuleSet(allRules, disabled), onRuleError), grammars, settings);
  for (const unit of plan.units) thread.load(unit);
  return { index: thread.index, uris: plan.requested, truncated: plan.truncated };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
