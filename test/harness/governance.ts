import { defaultSettings, type Settings } from '../../common/settings';
import { configuredFinisher } from '../../server/src/config/finish-analysis';
import { WorkspaceConfiguration } from '../../server/src/config/workspace-configuration';
import type { FileAnalysis } from '../../server/src/engine/finding';
import { fileKindOf } from '../../server/src/parsing/file-kind';
import { allRules } from '../../server/src/rules';
import { buildSource } from '../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../server/src/workspace/workspace-index';
import { grammars } from './assets';
import { TEST_ROOT } from './lint';

export interface GovernedProject {
  readonly index: WorkspaceIndex;
  readonly config: WorkspaceConfiguration;
  uri(name: string): string;
  analysis(name: string): FileAnalysis;
}

/**
 * An in-memory workspace analysed exactly as the editor and the CLI do: all shipped rules, the
 * folder's `.hciac.yaml` (when `config` is given) and the suppression post-filter, judged on `today`.
 */
export async function governedProject(
  files: Readonly<Record<string, string>>,
  options: { readonly config?: string; readonly today?: string; readonly trusted?: boolean; readonly editor?: Partial<Settings>; readonly only?: readonly string[] } = {},
): Promise<GovernedProject> {
  const g = await grammars();
  const errors: unknown[] = [];
  // `only`: every other rule is turned off in the editor settings, so a fixture shows just these rules.
  const off = options.only === undefined ? {} : Object.fromEntries(allRules.filter((r) => !options.only!.includes(r.id)).map((r) => [r.id, 'off' as const]));
  const editor: Settings = { ...defaultSettings, ...options.editor, rules: { ...off, ...options.editor?.rules } };
  const config = new WorkspaceConfiguration(editor, [{ rootUri: TEST_ROOT, configUri: `${TEST_ROOT}/.hciac.yaml`, text: options.config }], options.trusted ?? true);
  const index = new WorkspaceIndex(config.ruleSet(allRules), (_id, e) => errors.push(e));
  const today = new Date(`${options.today ?? '2026-06-01'}T12:00:00Z`);
  index.setFinisher(configuredFinisher(config, allRules, () => today));
  const all = options.config === undefined ? files : { ...files, '.hciac.yaml': options.config };
  for (const [name, text] of Object.entries(all)) {
    const kind = fileKindOf(name);
    if (kind === undefined) throw new Error(`not an IaC file name: ${name}`);
    index.upsert(buildSource(`${TEST_ROOT}/${name}`, kind, text, undefined, g, { maxFileSize: 10 * 1024 * 1024 }));
  }
  const uri = (name: string) => `${TEST_ROOT}/${name}`;
  return {
    index,
    config,
    uri,
    analysis: (name) => {
      const a = index.analysis(uri(name));
      if (errors.length > 0) throw errors[0];
      return a;
    },
  };
}
