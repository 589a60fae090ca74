import type { YamlPiece } from '../../parsing/yaml-stream-trees';
import type { Span } from '../span';
import { extractKubernetesPiece, kubernetesFile, objectsOf, type KubernetesDocument, type KubernetesPiece } from './extract';
import type { K8sFile } from './types';
import type { YComment, YEntry, YNode } from './yaml';

/**
 * The Kubernetes model of a YAML stream kept up to date piece by piece (parsing/yaml-stream-trees.ts):
 * a piece whose text did not change since its model was extracted keeps that model — the same
 * objects when it did not move, a copy with shifted spans when an edit before it moved it — and
 * only the pieces that changed are parsed and extracted again. The result is the model a
 * from-scratch extraction of the same text gives (test/unit/model/kubernetes-incremental.test.ts).
 *
 * Entries are keyed by the piece objects, so the pieces a re-cut drops are forgotten with them.
 */
export class KubernetesPieceModels {
  private readonly memo = new WeakMap<YamlPiece, { readonly uri: string; readonly revision: number; readonly start: number; readonly model: KubernetesPiece }>();

  /** The model of `text` (of document `uri`) from its current pieces. */
  file(uri: string, text: string, pieces: readonly YamlPiece[]): K8sFile {
    const models = pieces.map((piece) => {
      const known = this.memo.get(piece);
      if (known !== undefined && known.uri === uri && known.revision === piece.revision && known.start === piece.start) return known.model;
      const model =
        known !== undefined && known.uri === uri && known.revision === piece.revision
          ? shiftPiece(uri, known.model, piece.start - known.start)
          : extractKubernetesPiece(uri, piece.tree(), text, piece.start, piece.end);
      this.memo.set(piece, { uri, revision: piece.revision, start: piece.start, model });
      return model;
    });
    return kubernetesFile(uri, models);
  }
}

/**
 * A piece's model moved by `delta`: its documents copied with every span shifted, and its objects
 * found again in the copies — so an object's root, pod spec, pod metadata and containers point into
 * the copied root exactly as a fresh extraction's do. An anchored node and its aliases stay one node.
 */
export function shiftPiece(uri: string, piece: KubernetesPiece, delta: number): KubernetesPiece {
  const documents = piece.documents.map((doc): KubernetesDocument => {
    const copier = new ShiftedCopy(delta, doc.anchored);
    return { root: doc.root && copier.node(doc.root), hasErrors: doc.hasErrors, anchored: copier.anchoredCopies(doc.anchored) };
  });
  return {
    documents,
    objects: objectsOf(uri, documents),
    comments: piece.comments.map((c): YComment => ({ text: c.text, span: shift(c.span, delta) })),
    isKubernetes: piece.isKubernetes,
    hasErrors: piece.hasErrors,
  };
}

function shift(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** A typed deep copy of one document's nodes with shifted spans; anchored nodes are copied once. */
class ShiftedCopy {
  private readonly anchored: ReadonlySet<YNode>;
  private readonly copies = new Map<YNode, YNode>();

  constructor(
    private readonly delta: number,
    anchored: readonly YNode[],
  ) {
    this.anchored = new Set(anchored);
  }

  /** The copies of the anchored nodes (each reached from the root, so copied by now; an unreached one is copied here). */
  anchoredCopies(anchored: readonly YNode[]): YNode[] {
    return anchored.map((n) => this.node(n));
  }

  node(n: YNode): YNode {
    const shared = this.anchored.size > 0 && this.anchored.has(n);
    if (shared) {
      const known = this.copies.get(n);
      if (known !== undefined) return known;
    }
    const copy = this.copy(n);
    if (shared) this.copies.set(n, copy);
    return copy;
  }

  private copy(n: YNode): YNode {
    const span = shift(n.span, this.delta);
    switch (n.kind) {
      case 'map':
        return { kind: 'map', style: n.style, entries: n.entries.map((e) => this.entry(e)), span };
      case 'seq':
        return { kind: 'seq', style: n.style, items: n.items.map((i) => this.node(i)), span };
      case 'scalar':
        return { kind: 'scalar', value: n.value, raw: n.raw, quoted: n.quoted, span };
      case 'opaque':
        return { kind: 'opaque', span };
    }
  }

  private entry(e: YEntry): YEntry {
    return { key: e.key, keySpan: shift(e.keySpan, this.delta), value: e.value && this.node(e.value), span: shift(e.span, this.delta) };
  }
}
