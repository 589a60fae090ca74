import type { Tree } from 'web-tree-sitter';
import type { AnalysisNote } from '../engine/finding';
import { extractKubernetes } from '../model/kubernetes/extract';
import type { K8sFile } from '../model/kubernetes/types';
import { extractTerraform } from '../model/terraform/extract';
import type { TfFile } from '../model/terraform/types';
import { looksBinary, looksLikeTemplate, type FileKind } from '../parsing/file-kind';
import type { Grammars } from '../parsing/grammars';
import { parseOrThrow } from '../parsing/parsed-document';

export type SourceModel =
  | { readonly kind: 'terraform'; readonly file: TfFile }
  | { readonly kind: 'kubernetes'; readonly file: K8sFile }
  | { readonly kind: 'none' };

/** A file's text and model as the index holds it. Closed files keep no syntax tree. */
export interface SourceFile {
  readonly uri: string;
  readonly kind: FileKind;
  readonly text: string;
  /** The editor's version for open documents; undefined for files read from disk. */
  readonly version: number | undefined;
  readonly model: SourceModel;
  /** Why the file was not (fully) analysed. */
  readonly notes: readonly AnalysisNote[];
}

export interface SourceLimits {
  readonly maxFileSize: number;
}

/**
 * Builds the model of a file. With `tree` (an open document's incremental tree) it only extracts;
 * without, it parses from scratch and frees the tree before returning.
 */
export function buildSource(uri: string, kind: FileKind, text: string, version: number | undefined, grammars: Grammars, limits: SourceLimits, tree?: Tree): SourceFile {
  const base = { uri, kind, text, version };
  const whole = { start: 0, end: 0 };
  if (text.length > limits.maxFileSize) {
    return { ...base, model: { kind: 'none' }, notes: [{ code: 'file-too-large', span: whole, message: `Healthcare IaC Compliance did not analyse this file: it is larger than healthcareIac.maxFileSize (${limits.maxFileSize} bytes).` }] };
  }
  if (looksBinary(text)) {
    return { ...base, model: { kind: 'none' }, notes: [{ code: 'binary-file', span: whole, message: 'Healthcare IaC Compliance did not analyse this file: it contains binary data (NUL bytes or invalid UTF-8).' }] };
  }
  if (kind === 'yaml' && looksLikeTemplate(text) && /^\s*(kind|apiVersion)\s*:/m.test(text)) {
    return { ...base, model: { kind: 'none' }, notes: [{ code: 'helm-template', span: whole, message: 'Healthcare IaC Compliance did not analyse this file: it contains template syntax ({{ … }}, e.g. a Helm chart template). Render it (helm template) and scan the output.' }] };
  }
  const grammar = kind === 'yaml' ? 'yaml' : 'terraform';
  const own = tree === undefined ? parseOrThrow(grammars.parser(grammar), text) : undefined;
  try {
    const t = tree ?? own!;
    if (kind === 'yaml') {
      const file = extractKubernetes(uri, t, text);
      return { ...base, model: file.isKubernetes ? { kind: 'kubernetes', file } : { kind: 'none' }, notes: [] };
    }
    return { ...base, model: { kind: 'terraform', file: extractTerraform(uri, kind, t, text) }, notes: [] };
  } finally {
    own?.delete();
  }
}
