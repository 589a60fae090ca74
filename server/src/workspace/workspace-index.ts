import { analyzeKubernetes, analyzeTerraform, type RuleErrorHandler } from '../engine/analyze';
import type { FileAnalysis } from '../engine/finding';
import { analyzeModuleCalls, type ModuleCallAnalysis, type ModuleDirectory, type ModuleResolver } from '../engine/module-calls';
import type { RuleSet } from '../engine/rule-set';
import type { K8sObject } from '../model/kubernetes/types';
import { TfModule } from '../model/terraform/module';
import type { TfFile } from '../model/terraform/types';
import { changedTerraformKeys, ReusableResults, siblingChanges, StoredResults, type Sibling } from '../engine/result-reuse';
import type { K8sFile } from '../model/kubernetes/types';
import { canonicalUri, moduleSourceDir } from './module-paths';
import type { SourceFile } from './source-file';

/** Kinds whose content rules in other files may read through `workspaceObjects()`. */
const CONTEXT_KINDS = new Set(['Namespace', 'NetworkPolicy', 'ServiceAccount', 'LimitRange', 'ResourceQuota', 'Secret', 'ConfigMap', 'Kustomization']);

/**
 * What other Kubernetes files' analyses can depend on in this file: the text of its context objects
 * and the namespaces its objects use. Typing inside a Deployment leaves it unchanged, so only that
 * file is re-analysed; editing a NetworkPolicy changes it, so every Kubernetes file is.
 */
export function kubernetesContextSignature(source: SourceFile): string {
  if (source.model.kind !== 'kubernetes') return '';
  const parts: string[] = [];
  const namespaces = new Set<string>();
  for (const object of source.model.file.objects) {
    namespaces.add(object.namespace ?? '');
    if (CONTEXT_KINDS.has(object.kind)) parts.push(source.text.slice(object.span.start, object.span.end));
  }
  return JSON.stringify([[...namespaces].sort(), parts]);
}

/** The step after the engine: turns a file's raw analysis into what is published (see config/finish-analysis.ts). */
export type AnalysisFinisher = (analysis: FileAnalysis, source: SourceFile) => FileAnalysis;

const NOTHING = { findings: [], evaluations: [], suppressed: [], suppressions: [], problems: [] } as const;

/** The directory part of a URI or path: a Terraform module is one directory. */
export function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? '' : uri.slice(0, i);
}

/**
 * Every IaC file of the workspace (open documents override disk content), the Terraform modules
 * they form, and memoised analyses. An analysis is dropped when its file or any file of its module
 * changes; nothing else is recomputed.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, SourceFile>();
  private readonly dirs = new Map<string, Set<string>>();
  private readonly modules = new Map<string, TfModule>();
  private readonly analyses = new Map<string, FileAnalysis>();
  private k8sObjects: K8sObject[] | undefined;
  /** Per Kubernetes file, what other files' analyses may depend on (see kubernetesContextSignature). */
  private readonly k8sContext = new Map<string, string>();
  /** Per open document, its last analysis's results per target, for reuse by the next (engine/result-reuse.ts). */
  private readonly stored = new Map<string, StoredResults<TfFile | K8sFile>>();
  /** Bumped whenever workspace-level Kubernetes facts change (kubernetesContextSignature of any file). */
  private k8sContextEpoch = 0;
  /** Per module directory, the Terraform files whose analysis followed a local module call into it. */
  private readonly moduleCallers = new Map<string, Set<string>>();

  /** Runs on every analysis after the engine (project configuration, suppressions); identity by default. */
  private finish: AnalysisFinisher = (analysis) => analysis;

  constructor(
    private rules: RuleSet,
    private readonly onRuleError: RuleErrorHandler,
  ) {}

  setRules(rules: RuleSet): void {
    this.rules = rules;
    this.analyses.clear();
    this.stored.clear();
  }

  /** The rules in effect (the controls panel lists which rules are on). */
  get ruleSet(): RuleSet {
    return this.rules;
  }

  /** Replaces the post-engine step; every memoised analysis is dropped. */
  setFinisher(finish: AnalysisFinisher): void {
    this.finish = finish;
    this.analyses.clear();
  }

  get(uri: string): SourceFile | undefined {
    return this.files.get(uri);
  }

  uris(): IterableIterator<string> {
    return this.files.keys();
  }

  get size(): number {
    return this.files.size;
  }

  /** Adds or replaces a file; returns the URIs whose analysis may have changed. */
  upsert(source: SourceFile): string[] {
    const previous = this.files.get(source.uri);
    this.files.set(source.uri, source);
    const dir = dirOf(source.uri);
    let members = this.dirs.get(dir);
    if (members === undefined) this.dirs.set(dir, (members = new Set()));
    members.add(source.uri);
    return this.invalidate(source, previous);
  }

  /** Removes a file; returns the URIs whose analysis may have changed (the file itself included). */
  remove(uri: string): string[] {
    const previous = this.files.get(uri);
    if (previous === undefined) return [];
    this.files.delete(uri);
    this.stored.delete(uri);
    this.dirs.get(dirOf(uri))?.delete(uri);
    return [uri, ...this.invalidate(previous, undefined).filter((u) => u !== uri)];
  }

  analysis(uri: string): FileAnalysis {
    const memo = this.analyses.get(uri);
    if (memo !== undefined) return memo;
    const source = this.files.get(uri);
    const raw = this.analyze(uri);
    const analysis = source === undefined ? raw : this.finish(raw, source);
    this.analyses.set(uri, analysis);
    return analysis;
  }

  /**
   * The analysis `source` would have in place of the indexed file with its URI (same module, same
   * Kubernetes objects elsewhere, same post-engine step), without changing the index or its memos:
   * fix-all re-analyses the text its own edits produce with it.
   */
  analyzeInstead(source: SourceFile): FileAnalysis {
    const model = source.model;
    let raw: FileAnalysis = { uri: source.uri, ...NOTHING, notes: source.notes };
    if (model.kind === 'terraform') {
      const files = [...this.module(source.uri).files.filter((f) => f.uri !== source.uri), model.file].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
      const result = analyzeTerraform(model.file, new TfModule(dirOf(source.uri), files), source.text, this.rules, this.onRuleError);
      raw = { ...raw, ...result };
    } else if (model.kind === 'kubernetes') {
      const objects = [...this.kubernetesObjects().filter((o) => o.uri !== source.uri), ...model.file.objects];
      raw = { ...raw, ...analyzeKubernetes(model.file, source.text, this.rules, () => objects, this.onRuleError) };
    }
    return this.finish(raw, source);
  }

  /** The Terraform module (directory) a file belongs to. */
  module(uri: string): TfModule {
    return this.moduleOfDir(dirOf(uri));
  }

  /**
   * Drops the module built for a directory whose closed files' models were released
   * (closed-models.ts): it is rebuilt from their rebuilt models when next needed. Memoised analyses stay.
   */
  forgetModule(dir: string): void {
    this.modules.delete(dir);
  }

  /** Drops the list of the workspace's Kubernetes objects after closed files' models were released (rebuilt when next needed). */
  forgetKubernetesObjects(): void {
    this.k8sObjects = undefined;
  }

  private moduleOfDir(dir: string): TfModule {
    let module = this.modules.get(dir);
    if (module === undefined) {
      const files: TfFile[] = [];
      for (const member of [...(this.dirs.get(dir) ?? [])].sort()) {
        const source = this.files.get(member);
        if (source?.model.kind === 'terraform') files.push(source.model.file);
      }
      module = new TfModule(dir, files);
      this.modules.set(dir, module);
    }
    return module;
  }

  /** Every Kubernetes object in the workspace. */
  kubernetesObjects(): readonly K8sObject[] {
    if (this.k8sObjects === undefined) {
      this.k8sObjects = [];
      for (const source of this.files.values()) if (source.model.kind === 'kubernetes') this.k8sObjects.push(...source.model.file.objects);
    }
    return this.k8sObjects;
  }

  private analyze(uri: string): FileAnalysis {
    const source = this.files.get(uri);
    if (source === undefined) return { uri, ...NOTHING, notes: [] };
    const model = source.model;
    if (model.kind === 'terraform') {
      const module = this.module(uri);
      const siblings = this.siblingsOf(uri);
      const result = analyzeTerraform(model.file, module, source.text, this.rules, this.onRuleError, this.reuseFor(source, model.file, [this.rules, ...module.filesHoldingExpressions().filter((f) => f !== model.file)], module, siblings));
      const calls = this.followModuleCalls(uri, model.file, module);
      const findings = [...result.findings, ...calls.findings];
      return { uri, ...NOTHING, findings, evaluations: [...result.evaluations, ...calls.evaluations], notes: [...source.notes, ...calls.notes] };
    }
    if (model.kind === 'kubernetes') {
      const result = analyzeKubernetes(model.file, source.text, this.rules, () => this.kubernetesObjects(), this.onRuleError, this.reuseFor(source, model.file, [this.rules, this.k8sContextEpoch], model.file));
      return { uri, ...NOTHING, ...result, notes: source.notes };
    }
    return { uri, ...NOTHING, notes: source.notes };
  }

  /**
   * For an open document: the previous analysis's results it may reuse (when everything else it read
   * is the same objects as then) and the store for the next analysis. Files read from disk are
   * analysed whole and keep nothing (memory).
   */
  private reuseFor(
    source: SourceFile,
    model: TfFile | K8sFile,
    context: readonly unknown[],
    factSubject?: object,
    siblings?: ReadonlyMap<string, Sibling>,
  ): { previous?: ReusableResults; next?: StoredResults } {
    const previous = this.stored.get(source.uri);
    this.stored.delete(source.uri);
    // Open documents, and the files of a module being edited (typing in one re-analyses them all).
    if (source.version === undefined && !this.hasOpenDocument(dirOf(source.uri))) return {};
    const next = new StoredResults<TfFile | K8sFile>(source.text, model, context, factSubject, siblings);
    this.stored.set(source.uri, next);
    if (previous === undefined || previous.context[0] !== context[0]) return { next };
    const own =
      'blocks' in model && 'blocks' in previous.model ? changedTerraformKeys(previous.model, previous.text, model, source.text) : new Set(previous.text === source.text ? [] : ['file']);
    if (ReusableResults.sameContext(previous.context, context)) return { previous: new ReusableResults(previous, source.text, own, factSubject), next };
    // Another file of the module changed: diff it too, and leave alone results that point into it.
    const others = previous.siblings !== undefined && siblings !== undefined ? siblingChanges(previous.siblings, siblings) : undefined;
    if (others === undefined) return { next };
    return { previous: new ReusableResults(previous, source.text, new Set([...own, ...others.keys]), factSubject, others.uris), next };
  }

  /** The other Terraform files of a file's module, with their text. */
  private siblingsOf(uri: string): Map<string, Sibling> {
    const siblings = new Map<string, Sibling>();
    for (const member of this.dirs.get(dirOf(uri)) ?? []) {
      const s = this.files.get(member);
      if (member !== uri && s?.model.kind === 'terraform') siblings.set(member, { file: s.model.file, text: s.text });
    }
    return siblings;
  }

  private hasOpenDocument(dir: string): boolean {
    for (const member of this.dirs.get(dir) ?? []) if (this.files.get(member)?.version !== undefined) return true;
    return false;
  }

  /** The local module calls of a file, followed into their directories (which then invalidate this file). */
  private followModuleCalls(uri: string, file: TfFile, module: TfModule): ModuleCallAnalysis {
    const resolver: ModuleResolver = {
      resolve: (callerDir, sourcePath) => this.moduleDirectory(moduleSourceDir(callerDir, sourcePath)),
      directory: (dir) => this.moduleDirectory(dir).directory,
    };
    const calls = analyzeModuleCalls(file, module, this.rules, this.onRuleError, resolver);
    for (const dir of calls.dependencies) {
      let callers = this.moduleCallers.get(dir);
      if (callers === undefined) this.moduleCallers.set(dir, (callers = new Set()));
      callers.add(uri);
    }
    return calls;
  }

  /** A module directory with its Terraform files; `directory` is undefined when the index has none there. */
  private moduleDirectory(dir: string): { dir: string; directory: ModuleDirectory | undefined } {
    const key = this.dirs.has(dir) ? dir : [...this.dirs.keys()].find((d) => canonicalUri(d) === dir);
    if (key === undefined) return { dir, directory: undefined };
    const files = [...(this.dirs.get(key) ?? [])].sort().flatMap((u) => {
      const source = this.files.get(u);
      return source?.model.kind === 'terraform' ? [{ file: source.model.file, text: source.text }] : [];
    });
    return { dir: key, directory: files.length > 0 ? { dir: key, files, standalone: this.moduleOfDir(key) } : undefined };
  }

  private invalidate(source: SourceFile, previous: SourceFile | undefined): string[] {
    const terraform = source.model.kind === 'terraform' || previous?.model.kind === 'terraform';
    const kubernetes = source.model.kind === 'kubernetes' || previous?.model.kind === 'kubernetes';
    if (kubernetes) {
      this.k8sObjects = undefined;
      const before = this.k8sContext.get(source.uri) ?? '';
      const after = this.files.get(source.uri) === source && source.model.kind === 'kubernetes' ? kubernetesContextSignature(source) : '';
      if (after === '') this.k8sContext.delete(source.uri);
      else this.k8sContext.set(source.uri, after);
      if (before !== after) {
        this.k8sContextEpoch++;
        // Workspace-level facts changed (a NetworkPolicy, ServiceAccount, Namespace, … or the set of
        // namespaces in use): every Kubernetes file's analysis may change.
        const affected = [...this.files.values()].filter((f) => f.model.kind === 'kubernetes').map((f) => f.uri);
        for (const u of affected) this.analyses.delete(u);
        this.analyses.delete(source.uri);
        if (!affected.includes(source.uri)) affected.push(source.uri);
        return affected;
      }
    }
    if (!terraform) {
      this.analyses.delete(source.uri);
      return [source.uri];
    }
    const dir = dirOf(source.uri);
    this.modules.delete(dir);
    const affected = [...(this.dirs.get(dir) ?? [])].filter((u) => this.files.get(u)?.model.kind === 'terraform' || u === source.uri);
    // Files that call this directory as a local module (at any depth) are re-analysed with it.
    for (const caller of [...(this.moduleCallers.get(dir) ?? []), ...(this.moduleCallers.get(canonicalUri(dir)) ?? [])]) {
      if (!affected.includes(caller) && this.files.has(caller)) affected.push(caller);
    }
    this.moduleCallers.delete(dir);
    this.moduleCallers.delete(canonicalUri(dir));
    for (const u of affected) this.analyses.delete(u);
    if (!affected.includes(source.uri)) affected.push(source.uri);
    return affected;
  }
}
