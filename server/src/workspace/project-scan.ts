import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Settings } from '../../../common/settings';
import type { RuleErrorHandler } from '../engine/analyze';
import { RuleSet } from '../engine/rule-set';
import type { Grammars } from '../parsing/grammars';
import { moduleCalls } from '../model/terraform/module-calls';
import { fileKindOf } from '../parsing/file-kind';
import { allRules } from '../rules';
import { findIacFiles, readText } from './scanner';
import { buildSource, type SourceFile } from './source-file';
import { WorkspaceIndex } from './workspace-index';
import { readdir } from 'node:fs/promises';

export interface ProjectScan {
  readonly index: WorkspaceIndex;
  /** The files that were asked for (context-only files of their modules are indexed but not listed). */
  readonly uris: readonly string[];
  readonly truncated: boolean;
}

/**
 * Indexes the IaC files under the given paths with the same parser, model and engine as the
 * language server. A single .tf file is analysed with the rest of its directory as module context.
 */
/** Parses many files at once (e.g. on worker threads); without it files are parsed on this thread. */
export type BulkParser = (files: readonly { path: string; kind: NonNullable<ReturnType<typeof fileKindOf>> }[]) => Promise<(SourceFile | undefined)[]>;

export async function scanProject(paths: readonly string[], grammars: Grammars, settings: Settings, onRuleError: RuleErrorHandler, bulkParse?: BulkParser): Promise<ProjectScan> {
  const disabled = new Set(Object.entries(settings.rules).filter(([, level]) => level === 'off').map(([id]) => id));
  const index = new WorkspaceIndex(new RuleSet(allRules, disabled), onRuleError);
  const requested = new Set<string>();
  const contextDirs = new Set<string>();
  let truncated = false;
  for (const p of paths) {
    const found = await findIacFiles(path.resolve(p), { exclude: settings.exclude, maxFiles: settings.maxFiles - requested.size });
    truncated ||= found.truncated;
    for (const file of found.files) {
      requested.add(file.path);
      if (file.kind !== 'yaml') contextDirs.add(path.dirname(file.path));
    }
  }
  const all = new Set(requested);
  for (const dir of contextDirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const kind = fileKindOf(name);
      if (kind === 'terraform' || kind === 'terraform-vars') all.add(path.join(dir, name));
    }
  }
  const ordered = [...all].sort().flatMap((file) => {
    const kind = fileKindOf(file);
    return kind === undefined ? [] : [{ path: file, kind }];
  });
  const load = async (files: typeof ordered): Promise<void> => {
    if (bulkParse !== undefined) {
      for (const source of await bulkParse(files)) if (source !== undefined) index.upsert(source);
      return;
    }
    for (const file of files) {
      const text = await readText(file.path).catch(() => undefined);
      if (text === undefined) continue;
      index.upsert(buildSource(URI.file(file.path).toString(), file.kind, text, undefined, grammars, settings));
    }
  };
  await load(ordered);
  // Local modules called from outside the scanned paths (`source = "../../modules/db"`) are context too.
  const loadedDirs = new Set([...all].map((f) => path.dirname(f)));
  for (let round = 0; round < MODULE_SOURCE_ROUNDS; round++) {
    const missing = new Set<string>();
    for (const uri of index.uris()) {
      const model = index.get(uri)?.model;
      if (model?.kind !== 'terraform') continue;
      for (const call of moduleCalls(model.file)) {
        if (call.source.kind !== 'local') continue;
        const dir = path.resolve(path.dirname(URI.parse(uri).fsPath), call.source.path);
        if (!loadedDirs.has(dir)) missing.add(dir);
      }
    }
    if (missing.size === 0) break;
    const files: typeof ordered = [];
    for (const dir of [...missing].sort()) {
      loadedDirs.add(dir);
      for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
        const kind = fileKindOf(name);
        if (kind === 'terraform' || kind === 'terraform-vars') files.push({ path: path.join(dir, name), kind });
      }
    }
    await load(files);
  }
  const uris = [...requested].sort().map((f) => URI.file(f).toString());
  return { index, uris, truncated };
}

/** How many levels of local module calls outside the scanned paths are loaded as context. */
const MODULE_SOURCE_ROUNDS = 6;
