import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { defaultSettings, type Settings } from '../../common/settings';
import { configuredFinisher } from '../../server/src/config/finish-analysis';
import { WorkspaceConfiguration } from '../../server/src/config/workspace-configuration';
import { LineIndex } from '../../server/src/model/line-index';
import { fileKindOf } from '../../server/src/parsing/file-kind';
import { fileDiagnostics } from '../../server/src/protocol/convert';
import { allRules } from '../../server/src/rules';
import { buildSource } from '../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../server/src/workspace/workspace-index';
import { grammars, repoRoot } from './assets';

/** Where the bundled server links rule pages from (dist/server/../../docs/rules). */
export const bundledDocsDir = path.join(repoRoot, 'docs', 'rules');

export interface FreshFile {
  readonly text: string;
  /** The editor version of an open document; undefined for a file read from disk. */
  readonly version?: number;
}

export interface FreshDiagnostics {
  readonly diagnostics: Diagnostic[];
  /** Rules that threw (the server skips them too, but a throwing rule is a bug to report). */
  readonly ruleErrors: readonly { ruleId: string; error: unknown }[];
}

/**
 * The diagnostics a freshly started server (no workspace folder, default settings) would publish for
 * `target`, computed in-process: every file parsed from scratch (no incremental tree), a new index
 * with the same rules, suppression post-filter and conversion as the server's session and publisher.
 * The reference side of differential tests against the bundled server.
 */
export async function freshDiagnostics(files: ReadonlyMap<string, FreshFile>, target: string, settings: Settings = defaultSettings): Promise<FreshDiagnostics> {
  const g = await grammars();
  const ruleErrors: { ruleId: string; error: unknown }[] = [];
  // Wired as the server's session is without workspace folders: editor settings only, trusted, the
  // suppression post-filter judged today.
  const config = new WorkspaceConfiguration(settings, [], true);
  const index = new WorkspaceIndex(config.ruleSet(allRules), (ruleId, error) => ruleErrors.push({ ruleId, error }));
  index.setFinisher(configuredFinisher(config, allRules, () => new Date()));
  for (const [uri, file] of files) {
    const kind = fileKindOf(uri);
    if (kind === undefined) throw new Error(`not an IaC file name: ${uri}`);
    index.upsert(buildSource(uri, kind, file.text, file.version, g, settings));
  }
  const lineIndexOf = (uri: string): LineIndex | undefined => {
    const source = index.get(uri);
    return source === undefined ? undefined : new LineIndex(source.text);
  };
  const analysis = index.analysis(target);
  const diagnostics = fileDiagnostics(analysis, lineIndexOf(target) ?? new LineIndex(''), settings, bundledDocsDir, lineIndexOf);
  return { diagnostics, ruleErrors };
}
