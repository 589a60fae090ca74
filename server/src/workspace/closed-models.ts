import type { AnalysisNote } from '../engine/finding';
import type { K8sFile } from '../model/kubernetes/types';
import type { TfFile } from '../model/terraform/types';
import type { FileKind } from '../parsing/file-kind';
import type { SourceFile, SourceModel } from './source-file';
import { dirOf } from './workspace-index';

/** What is released together: one Terraform directory (a module), or every Kubernetes file. */
export type ModelGroup = { readonly kind: 'terraform'; readonly dir: string } | { readonly kind: 'kubernetes' };

type ModelFile = TfFile | K8sFile;

/**
 * The models of closed files, kept while they are used and rebuilt from the text when needed again.
 * A closed file's analysis is memoised by the index, so its model is only read again when something
 * its analysis depends on changes (its module, a module it calls, the workspace's Kubernetes objects,
 * the configuration) or when an analysis follows a local module call into its directory: holding
 * every model of the workspace for that costs most of the server's memory.
 *
 * Models are released by group, and only by `trim`, which the caller runs between requests (never
 * during an analysis), together with what the index built from them (`onRelease`: a directory's
 * `TfModule`, the list of the workspace's Kubernetes objects), so nothing ever mixes a file's old and
 * new model objects. Terraform directories are kept while the most recently used ones fit `budget`;
 * the Kubernetes models — which every Kubernetes analysis reads all of, so typing in an open YAML
 * document needs them all — are kept while the caller says so. Reading a closed file's `model.kind`
 * never builds anything (the index asks it of every file).
 */
export class ClosedModels {
  /** Per Terraform directory, its files' models built so far; Map order is least recently used first. */
  private readonly directories = new Map<string, Map<string, Held>>();
  private terraformHeld = 0;
  private readonly kubernetes = new Map<string, Held>();

  constructor(
    /** How much Terraform source text (UTF-16 code units) the kept models may stand for. */
    private readonly budget: number,
    /** Called with each group whose models are released: drop what was built from them. */
    private readonly onRelease: (group: ModelGroup) => void,
  ) {}

  /**
   * The index's view of a file read from disk: its model is held here (and rebuilt with `rebuild`
   * after a release). Files without a model, and open documents, are returned as they are.
   */
  adopt(source: SourceFile, rebuild: (uri: string) => SourceModel): SourceFile {
    const model = source.model;
    if (model.kind === 'none' || source.version !== undefined) return source;
    // The closure keeps the URI and the kind, never the model it replaces.
    const uri = source.uri;
    const kind = model.kind;
    const closed = new ClosedFile(uri, source.kind, source.text, source.notes, kind, this, () => {
      const rebuilt = rebuild(uri);
      // The same text and limits give the same model; anything else is a bug worth seeing.
      if (rebuilt.kind !== kind) throw new Error(`a closed ${kind} file was rebuilt as ${rebuilt.kind}`);
      return rebuilt.file;
    });
    this.keep(closed, model.file);
    return closed;
  }

  /** The model of a closed file (rebuilt when it was released); marks its group as just used. */
  fileOf(source: ClosedFile): ModelFile {
    const held = this.groupOf(source).get(source.uri);
    if (held !== undefined && held.source === source) return held.file;
    const file = source.rebuild();
    this.keep(source, file);
    return file;
  }

  /** Releases the least recently used Terraform directories beyond the budget, and the Kubernetes models unless `keepKubernetes`. */
  trim(keepKubernetes: boolean): void {
    if (!keepKubernetes && this.kubernetes.size > 0) {
      this.kubernetes.clear();
      this.onRelease({ kind: 'kubernetes' });
    }
    for (const [dir, models] of this.directories) {
      if (this.terraformHeld <= this.budget) break;
      this.directories.delete(dir);
      for (const { source } of models.values()) this.terraformHeld -= source.text.length;
      this.onRelease({ kind: 'terraform', dir });
    }
  }

  /** The models held for the file's group, which counts as used from now on. */
  private groupOf(source: ClosedFile): Map<string, Held> {
    if (source.modelKind === 'kubernetes') return this.kubernetes;
    const dir = dirOf(source.uri);
    const models = this.directories.get(dir) ?? new Map<string, Held>();
    this.directories.delete(dir);
    this.directories.set(dir, models);
    return models;
  }

  private keep(source: ClosedFile, file: ModelFile): void {
    const models = this.groupOf(source);
    const previous = models.get(source.uri);
    models.set(source.uri, { source, file });
    if (source.modelKind === 'terraform') this.terraformHeld += source.text.length - (previous?.source.text.length ?? 0);
  }
}

interface Held {
  readonly source: ClosedFile;
  readonly file: ModelFile;
}

/** A closed file whose model lives in `ClosedModels`. */
class ClosedFile implements SourceFile {
  readonly version = undefined;
  readonly model: SourceModel;

  constructor(
    readonly uri: string,
    readonly kind: FileKind,
    readonly text: string,
    readonly notes: readonly AnalysisNote[],
    readonly modelKind: 'terraform' | 'kubernetes',
    models: ClosedModels,
    readonly rebuild: () => ModelFile,
  ) {
    this.model = new ClosedModel(this, models) as SourceModel;
  }
}

/** `{ kind, file }` whose `file` is fetched (or rebuilt) when read. */
class ClosedModel {
  readonly kind: 'terraform' | 'kubernetes';

  constructor(
    private readonly source: ClosedFile,
    private readonly models: ClosedModels,
  ) {
    this.kind = source.modelKind;
  }

  get file(): ModelFile {
    return this.models.fileOf(this.source);
  }
}
