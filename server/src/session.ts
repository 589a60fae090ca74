import { URI } from 'vscode-uri';
import type { Connection } from 'vscode-languageserver/node';
import { defaultSettings, parseSettings, type Settings } from '../../common/settings';
import { CONFIG_FILE_NAME } from './config/config-file';
import { configuredFinisher } from './config/finish-analysis';
import { WorkspaceConfiguration, type ConfigRoot } from './config/workspace-configuration';
import { OpenDocuments } from './documents/open-documents';
import { RuleSet } from './engine/rule-set';
import { fileKindOf } from './parsing/file-kind';
import type { Grammars } from './parsing/grammars';
import type { ParsedDocument } from './parsing/parsed-document';
import type { FileKind } from './parsing/file-kind';
import { allRules } from './rules';
import { readText } from './workspace/scanner';
import { buildSource } from './workspace/source-file';
import { WorkspaceIndex } from './workspace/workspace-index';
import { describeError, OnceLogger, type Logger } from './util/logger';

/** Everything a handler may need, wired once per server. Settings are held here, never in globals. */
export class Session {
  readonly documents: OpenDocuments;
  readonly index: WorkspaceIndex;
  readonly once: OnceLogger;
  /** The effective settings of the first workspace folder (scan limits, single-valued choices); per file: settingsFor(uri). */
  settings: Settings = defaultSettings;
  workspaceFolders: string[] = [];
  /** The editor's healthcareIac.* settings merged with each folder's .hciac.yaml and the trust decision. */
  config = new WorkspaceConfiguration(defaultSettings, [], true);
  /** Workspace Trust as the client reports it (initializationOptions.isTrusted); without a report: trusted. */
  trusted = true;
  /** The text of each folder's .hciac.yaml by file URI (undefined: the folder has none). */
  readonly configTexts = new Map<string, string | undefined>();
  /** Today, for suppression expiries; replaced in tests. */
  clock: () => Date = () => new Date();
  private editorSettings: Settings = defaultSettings;
  /** Per open document, the parse and model time of its latest version (only when profiling). */
  readonly pendingProfile = new Map<string, { parseMs: number; modelMs: number }>();
  profile = false;
  private readonly listeners: ((uris: readonly string[]) => void)[] = [];

  constructor(
    readonly connection: Connection,
    readonly grammars: Grammars,
    readonly log: Logger,
    readonly docsDir: string,
  ) {
    this.once = new OnceLogger(log);
    this.documents = new OpenDocuments(grammars);
    this.index = new WorkspaceIndex(new RuleSet(allRules), (ruleId, error) =>
      this.once.error(`rule:${ruleId}`, `rule ${ruleId} failed and was skipped: ${describeError(error)}`),
    );
    this.index.setFinisher(configuredFinisher(this.config, allRules, () => this.clock()));
  }

  /** Subscribes to "the analysis of these files may have changed". */
  onAffected(listener: (uris: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  affected(uris: readonly string[]): void {
    if (uris.length === 0) return;
    for (const listener of this.listeners) listener(uris);
  }

  applySettings(raw: unknown): string[] {
    const { settings, problems } = parseSettings(raw);
    this.editorSettings = settings;
    this.reconfigure();
    return problems;
  }

  /** The repository file of each workspace folder (`<folder>/.hciac.yaml`). */
  configRoots(): ConfigRoot[] {
    return this.workspaceFolders.map((folder) => {
      const rootUri = folder.replace(/\/+$/, '');
      const configUri = `${rootUri}/${CONFIG_FILE_NAME}`;
      return { rootUri, configUri, text: this.configTexts.get(configUri) };
    });
  }

  /** Rebuilds the configuration (editor settings, repository files, trust); every analysis is redone. */
  reconfigure(): void {
    const roots = this.configRoots();
    this.config = new WorkspaceConfiguration(this.editorSettings, roots, this.trusted);
    this.settings = this.config.primary;
    this.index.setRules(this.config.ruleSet(allRules));
    this.index.setFinisher(configuredFinisher(this.config, allRules, () => this.clock()));
    this.affected([...new Set([...this.index.uris(), ...roots.map((r) => r.configUri)])]);
  }

  settingsFor(uri: string): Settings {
    return this.config.settingsFor(uri);
  }

  /** Re-extracts the model of an open document from its current tree. */
  refreshOpen(doc: ParsedDocument, kind: FileKind, parseMs = 0): void {
    const started = this.profile ? performance.now() : 0;
    const source = buildSource(doc.uri, kind, doc.text, doc.version, this.grammars, this.settingsFor(doc.uri), doc.tree);
    const affected = this.index.upsert(source);
    if (this.profile) this.pendingProfile.set(doc.uri, { parseMs, modelMs: performance.now() - started });
    this.affected(affected);
  }

  /** Reads a file from disk into the index (unless it is open: the editor's text wins). */
  async loadFromDisk(uri: string): Promise<void> {
    if (this.documents.isOpen(uri)) return;
    const kind = fileKindOf(uri);
    if (kind === undefined) return;
    let text: string;
    try {
      text = await readText(URI.parse(uri).fsPath);
    } catch {
      this.affected(this.index.remove(uri));
      return;
    }
    if (this.documents.isOpen(uri)) return; // opened while we were reading
    this.affected(this.index.upsert(buildSource(uri, kind, text, undefined, this.grammars, this.settingsFor(uri))));
  }

  dispose(): void {
    this.documents.dispose();
    this.grammars.dispose();
  }
}
