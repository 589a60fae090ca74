import { extractKubernetes, extractKubernetesPiece, kubernetesFile } from '../model/kubernetes/extract';
import type { KubernetesPieceModels } from '../model/kubernetes/incremental';
import type { K8sFile } from '../model/kubernetes/types';
import type { Grammars } from '../parsing/grammars';
import type { ParsedDocument } from '../parsing/parsed-document';
import { yamlBlockNestingExceeds } from '../parsing/parser-limits';
import { hasDirectiveLine, pieceRanges, pieceSource } from '../parsing/yaml-stream';

/**
 * The Kubernetes model of a YAML text, from scratch: the stream is cut before its document marker
 * lines (parsing/yaml-stream.ts) and each piece parsed and extracted on its own, its tree freed at
 * once; a stream with a directive line (`%…`) is parsed whole. Open documents get the same model
 * from `openKubernetesFile`, piece by piece.
 */
export function kubernetesFileOf(uri: string, text: string, grammars: Grammars): K8sFile {
  if (hasDirectiveLine(text, 0, text.length)) {
    const tree = grammars.parse('yaml', text);
    try {
      return extractKubernetes(uri, tree, text);
    } finally {
      tree.delete();
    }
  }
  const pieces = pieceRanges(text, 0, text.length).map(({ start, end }) => {
    const tree = grammars.parse('yaml', pieceSource(text, start, end));
    try {
      return extractKubernetesPiece(uri, tree, text, start, end);
    } finally {
      tree.delete();
    }
  });
  return kubernetesFile(uri, pieces);
}

/** What buildSource reads of an open YAML document instead of computing it from the text. */
export interface OpenYamlSource {
  /** yamlBlockNestingExceeds of the text, from the pieces' cached effects. */
  nestingExceeds(): boolean;
  /** The Kubernetes model of the text (see openKubernetesFile). */
  file(): K8sFile;
}

export function openYamlSource(doc: ParsedDocument, models: KubernetesPieceModels): OpenYamlSource {
  return {
    nestingExceeds: () => doc.yamlBlockNestingExceeds() ?? yamlBlockNestingExceeds(doc.text),
    file: () => openKubernetesFile(doc, models),
  };
}

/**
 * The Kubernetes model of an open YAML document: only the pieces edited since the last call are
 * reparsed and extracted again, the others' models are reused (moved when an edit before them moved
 * them). A stream with a directive line uses the document's whole-stream tree.
 */
export function openKubernetesFile(doc: ParsedDocument, models: KubernetesPieceModels): K8sFile {
  const pieces = doc.yamlPieces();
  return pieces === undefined ? extractKubernetes(doc.uri, doc.tree, doc.text) : models.file(doc.uri, doc.text, pieces);
}
