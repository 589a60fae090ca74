import { URI } from 'vscode-uri';
import type { Tree } from 'web-tree-sitter';
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
import { buildSource, type SourceFile } from './workspace/source-file';
import { updateTerraform } from './model/terraform/incremental';
import type { TfFile } from './model/terraform/types';
import { KubernetesPieceModels } from './model/kubernetes/incremental';
import { openYamlSource } from './workspace/kubernetes-source';
import { WorkspaceIndex } from './workspace/workspace-index';
import { ClosedModels } from './workspace/closed-models';
import { OnceLogger, ruleErrorLogger, type Logger } from './util/logger';

/**
 * How much closed Terraform text (UTF-16 code units) the kept models may stand for: a model takes
 * about ten times its text, so about 10 MB of models — the modules being worked on and the modules
 * they call stay; others are rebuilt (about 3 ms per 10 kB) when next needed.
 */
const CLOSED_MODELS_BUDGET = 1_000_000;

/** Everything a handler may need, wired once per server. Settings are held here, never in globals. */
export class Session {
  readonly documents: OpenDocuments;
  private readonly workspaceIndex: WorkspaceIndex;
  /** Open documents whose text changed since their model was built; rebuilt when the index is next read. */
  private readonly changedDocuments = new Map<string, { doc: ParsedDocument; kind: FileKind; parseMs: number }>();
  /** The models of closed files, while they are used (see closed-models.ts). */
  private readonly closedModels = new ClosedModels(CLOSED_MODELS_BUDGET, (group) =>
    group.kind === 'terraform' ? this.workspaceIndex.forgetModule(group.dir) : this.workspaceIndex.forgetKubernetesObjects(),
  );
  /** The models of open YAML documents' pieces, reused while a piece's text is unchanged. */
  private readonly kubernetesPieces = new KubernetesPieceModels();
  readonly once: OnceLogger;
  /** The effective settings of the first workspace folder (scan limits, single-valued choices); per file: settingsFor(uri). */
  settings: Settings = defaultSettings;
  workspaceFolders: string[] = [];
  /** The editor's healthcareIac.* settings merged with each folder's .hciac.yaml and the trust decision. */
  config = new WorkspaceConfiguration(defaultSettings, [], true);
  /** Workspace Trust as the client reports it (initializationOptions.trusted); without a report: trusted. */
  trusted = true;
  /** The text of each folder's .hciac.yaml by file URI (undefined: the folder has none). */
  readonly configTexts = new Map<string, string | undefined>();
  /** Today, for suppression expiries; replaced in tests. */
  clock: () => Date = () => new Date();
  private editorSettings: Settings = defaultSettings;
  /** Per open document, the parse and model time of its latest version (only when profiling). */
  readonly pendingProfile = new Map<string, { parseMs: number; modelMs: number }>();
  profile = false;
  /** Workspace scans running. */
  private scanning = 0;
  private readonly listeners: ((uris: readonly string[]) => void)[] = [];

  constructor(
    readonly connection: Connection,
    readonly grammars: Grammars,
    readonly log: Logger,
    readonly docsDir: string,
  ) {
    this.once = new OnceLogger(log);
    this.documents = new OpenDocuments(grammars);
    this.workspaceIndex = new WorkspaceIndex(new RuleSet(allRules), ruleErrorLogger(this.once));
    this.index.setFinisher(configuredFinisher(this.config, allRules, () => this.clock()));
  }

  /**
   * Every IaC file of the workspace. Open documents that changed since the last read get their model
   * rebuilt first, so every reader sees the latest text, and a burst of edits costs one rebuild.
   */
  get index(): WorkspaceIndex {
    this.syncChangedDocuments();
    return this.workspaceIndex;
  }

  /** The enabled rules (reading them does not rebuild changed documents). */
  get ruleSet(): RuleSet {
    return this.workspaceIndex.ruleSet;
  }

  /** An open document's text changed: its model is rebuilt at the next read of the index (see `index`). */
  documentChanged(doc: ParsedDocument, kind: FileKind, parseMs = 0): void {
    this.changedDocuments.set(doc.uri, { doc, kind, parseMs: (this.changedDocuments.get(doc.uri)?.parseMs ?? 0) + parseMs });
    this.affected([doc.uri]);
  }

  /** Rebuilds the models of the open documents that changed since the index was last read. */
  syncChangedDocuments(): void {
    if (this.changedDocuments.size === 0) return;
    const changed = [...this.changedDocuments.values()];
    this.changedDocuments.clear();
    for (const { doc, kind, parseMs } of changed) if (this.documents.get(doc.uri) === doc) this.refreshOpen(doc, kind, parseMs);
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

  /**
   * Re-extracts the model of an open document from its tree. The tree is (re)parsed, incrementally,
   * only when the file is analysed: never for a file over the size limit, binary data or a template.
   */
  refreshOpen(doc: ParsedDocument, kind: FileKind, parseMs = 0): void {
    const started = this.profile ? performance.now() : 0;
    let treeMs = 0;
    const tree = (): Tree => {
      const parseStarted = this.profile ? performance.now() : 0;
      const t = doc.tree;
      if (this.profile) treeMs = performance.now() - parseStarted;
      return t;
    };
    let regionTaken = false;
    // Reuses the blocks of the model this document had at its previous refresh that the edits since did not touch.
    const incremental = (current: Tree): TfFile | undefined => {
      const { since, region } = doc.takeChangedRegion();
      regionTaken = true;
      const previous = this.workspaceIndex.get(doc.uri);
      if (region === undefined || since === undefined || previous?.version !== since || previous.model.kind !== 'terraform') return undefined;
      if (previous.text.length + region.delta !== doc.text.length) return undefined;
      return updateTerraform(previous.model.file, current, doc.text, region);
    };
    const yaml = kind === 'yaml' ? openYamlSource(doc, this.kubernetesPieces) : undefined;
    const source = buildSource(doc.uri, kind, doc.text, doc.version, this.grammars, this.settingsFor(doc.uri), tree, incremental, yaml);
    treeMs += doc.takePieceParseMs();
    if (!regionTaken) doc.takeChangedRegion();
    const affected = this.index.upsert(source);
    if (this.profile) this.pendingProfile.set(doc.uri, { parseMs: parseMs + treeMs, modelMs: performance.now() - started - treeMs });
    this.affected(affected);
  }

  /** Reads a file from disk into the index (unless it is open: the editor's text wins). */
  async loadFromDisk(uri: string): Promise<void> {
    this.affected(await this.readFromDisk(uri));
  }

  /**
   * `loadFromDisk` without telling the listeners: returns the URIs whose analysis may have changed
   * (the workspace scan tells them once per batch, so a module is not re-analysed per file loaded).
   */
  async readFromDisk(uri: string): Promise<string[]> {
    if (this.documents.isOpen(uri)) return [];
    const kind = fileKindOf(uri);
    if (kind === undefined) return [];
    const text = await readText(URI.parse(uri).fsPath).catch(() => undefined);
    return this.indexFromDisk(uri, text === undefined ? undefined : buildSource(uri, kind, text, undefined, this.grammars, this.settingsFor(uri)));
  }

  /**
   * Indexes a file's model built from its text on disk (undefined: it cannot be read), unless the
   * file is open (the editor's text wins); returns the URIs whose analysis may have changed.
   */
  indexFromDisk(uri: string, source: SourceFile | undefined): string[] {
    if (this.documents.isOpen(uri)) return [];
    if (source === undefined) return this.index.remove(uri);
    return this.index.upsert(this.closedModels.adopt(source, this.rebuildFromText(source.kind, source.text)));
  }

  /** How a closed file's model is built again (capturing its text, never the model it replaces). */
  private rebuildFromText(kind: FileKind, text: string): (uri: string) => SourceFile['model'] {
    return (uri) => buildSource(uri, kind, text, undefined, this.grammars, this.settingsFor(uri)).model;
  }

  /** Releases the models of closed files not used lately (between requests: see closed-models.ts). */
  releaseClosedModels(): void {
    // An open YAML document's analysis reads every Kubernetes object of the workspace at each change;
    // so does each batch of a workspace scan.
    this.closedModels.trim(this.scanning > 0 || this.documents.hasOpen('yaml'));
  }

  /** Runs a workspace scan: the Kubernetes models stay while it runs (see releaseClosedModels). */
  async whileScanning<T>(scan: () => Promise<T>): Promise<T> {
    this.scanning++;
    try {
      return await scan();
    } finally {
      this.scanning--;
    }
  }

  dispose(): void {
    this.documents.dispose();
    this.grammars.dispose();
  }
}
