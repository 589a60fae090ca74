import { FRAMEWORK_IDS, type FrameworkName, type Settings } from '../../../common/settings';
import type { AnalysisProblem } from '../engine/finding';
import { RuleSet } from '../engine/rule-set';
import { DEFAULT_POLICY, type SuppressionPolicy } from '../engine/suppressions';
import type { Rule } from '../rules/types';
import { catalogCheck, catalogChecks, control } from '../rules/catalog';
import { readConfigFile, type ConfigFile, type FileSettings, type KnownIds } from './config-file';
import { applyConfigFile } from './effective-settings';

/** A workspace folder (editor) or scanned root (CLI) and its repository file, when it has one. */
export interface ConfigRoot {
  /** `file:` URI of the folder, without a trailing slash. */
  readonly rootUri: string;
  /** `file:` URI of its `.hciac.yaml`. */
  readonly configUri: string;
  /** The file's text; undefined when there is no file. */
  readonly text: string | undefined;
}

/** What applies to the files of one root. */
export interface ConfigScope {
  readonly rootUri: string;
  readonly configUri: string;
  readonly settings: Settings;
  readonly policy: SuppressionPolicy;
  /** Problems of the repository file (schema, unknown keys, keys ignored in Restricted Mode). */
  readonly problems: readonly AnalysisProblem[];
  readonly hasFile: boolean;
}

const catalogIds = new Set(catalogChecks().map((c) => c.id));

/** Rule and control ids as the catalog knows them (a catalog check not implemented yet is still a known id). */
export const CATALOG_IDS: KnownIds = {
  isRule: (id) => catalogIds.has(id),
  isControl: (id) => control(id) !== undefined,
};

/**
 * The configuration of a workspace: the editor's `healthcareIac.*` settings, merged with each root's
 * `.hciac.yaml` (the file wins per key, see applyConfigFile), and the Workspace Trust decision.
 * Shared by the language server (roots = workspace folders) and the CLI (roots = scanned directories
 * or --config). A file outside every root gets the editor settings and the default policy.
 */
export class WorkspaceConfiguration {
  private readonly scopes: readonly ConfigScope[];
  /** The editor settings with the overrides: what applies outside every root. */
  readonly editor: Settings;

  /** `overrides` win over both the editor settings and the files (the CLI's --framework). */
  constructor(editor: Settings, roots: readonly ConfigRoot[], readonly trusted: boolean, overrides: FileSettings = {}) {
    this.editor = { ...editor, ...overrides };
    this.scopes = roots.map((root) => scopeOf(editor, root, trusted, overrides));
  }

  /** The scopes in the order the roots were given. */
  get all(): readonly ConfigScope[] {
    return this.scopes;
  }

  scopeFor(uri: string): ConfigScope | undefined {
    let best: ConfigScope | undefined;
    for (const s of this.scopes) {
      const inside = uri === s.rootUri || uri.startsWith(`${s.rootUri}/`);
      if (inside && (best === undefined || s.rootUri.length > best.rootUri.length)) best = s;
    }
    return best;
  }

  settingsFor(uri: string): Settings {
    return this.scopeFor(uri)?.settings ?? this.editor;
  }

  policyFor(uri: string): SuppressionPolicy {
    return this.scopeFor(uri)?.policy ?? DEFAULT_POLICY;
  }

  /** The problems to show in a repository file (empty for any other file). */
  problemsFor(uri: string): readonly AnalysisProblem[] {
    return this.scopes.find((s) => s.configUri === uri)?.problems ?? [];
  }

  isConfigFile(uri: string): boolean {
    return this.scopes.some((s) => s.configUri === uri);
  }

  /** The settings of the first root (what scan limits and single-valued choices use); the editor's without roots. */
  get primary(): Settings {
    return this.scopes[0]?.settings ?? this.editor;
  }

  /** Every framework enabled in some scope, in catalog order. */
  frameworks(): FrameworkName[] {
    const all = this.scopes.length === 0 ? [this.editor] : this.scopes.map((s) => s.settings);
    return FRAMEWORK_IDS.filter((id) => all.some((s) => s.frameworks.includes(id)));
  }

  /** The rules the engine runs: every rule enabled in at least one scope (each file then keeps its own scope's). */
  ruleSet(rules: readonly Rule[]): RuleSet {
    const all = this.scopes.length === 0 ? [this.editor] : this.scopes.map((s) => s.settings);
    const disabled = new Set(rules.filter((r) => !all.some((s) => ruleEnabled(s, r))).map((r) => r.id));
    return new RuleSet(rules, disabled);
  }
}

/** A rule runs under settings when the product is enabled, the rule is not off, and it evidences an enabled framework. */
export function ruleEnabled(settings: Settings, rule: Rule): boolean {
  return settings.enable && settings.rules[rule.id] !== 'off' && rule.meta.controls.some((c) => settings.frameworks.includes(c.framework));
}

function scopeOf(editor: Settings, root: ConfigRoot, trusted: boolean, overrides: FileSettings): ConfigScope {
  if (root.text === undefined) return { rootUri: root.rootUri, configUri: root.configUri, settings: { ...editor, ...overrides }, policy: DEFAULT_POLICY, problems: [], hasFile: false };
  const file: ConfigFile = readConfigFile(root.text, CATALOG_IDS);
  const { settings, problems } = applyConfigFile(editor, file, trusted, (id) => (catalogIds.has(id) ? catalogCheck(id).severity : undefined));
  return { rootUri: root.rootUri, configUri: root.configUri, settings: { ...settings, ...overrides }, policy: file.policy, problems: [...file.problems, ...problems].sort((a, b) => a.span.start - b.span.start), hasFile: true };
}
