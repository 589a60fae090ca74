import type { Tree } from 'web-tree-sitter';
import type { AnalysisNote } from '../engine/finding';
import type { K8sFile } from '../model/kubernetes/types';
import { extractTerraform } from '../model/terraform/extract';
import type { TfFile } from '../model/terraform/types';
import { looksBinary, looksLikeTemplate, type FileKind } from '../parsing/file-kind';
import type { Grammars } from '../parsing/grammars';
import { LineIndex } from '../model/line-index';
import { MAX_MODEL_NESTING, NestingTooDeep } from '../model/nesting';
import { YAML_MAX_BLOCK_DEPTH, YAML_MAX_ROWS, yamlBlockNestingExceeds, yamlReadableLength } from '../parsing/parser-limits';
import { kubernetesFileOf, type OpenYamlSource } from './kubernetes-source';

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
 * Builds the model of a file, or says with one note why it was not (fully) analysed: above the size
 * limit, binary data, a Helm template, nesting deeper than the parser or the model can take, YAML
 * past the scanner's line limit, or a failure while reading it. Never throws for bad input. With
 * `tree` (an open document's incremental tree, asked for only when the file is analysed) it only
 * extracts; without, it parses from scratch and frees the tree before returning.
 */
export function buildSource(
  uri: string,
  kind: FileKind,
  text: string,
  version: number | undefined,
  grammars: Grammars,
  limits: SourceLimits,
  tree?: () => Tree,
  /** An open document's incremental Terraform extraction (model/terraform/incremental.ts); undefined: extract whole. */
  updateTerraform?: (tree: Tree) => TfFile | undefined,
  /** An open YAML document's checks and model, kept piece by piece (kubernetes-source.ts); undefined: from the text. */
  openYaml?: OpenYamlSource,
): SourceFile {
  const base = { uri, kind, text, version };
  if (text.length > limits.maxFileSize) {
    return notAnalysed(base, 'file-too-large', `Healthcare IaC Compliance did not analyse this file: it is larger than healthcareIac.maxFileSize (${limits.maxFileSize} bytes).`);
  }
  if (looksBinary(text)) {
    return notAnalysed(base, 'binary-file', 'Healthcare IaC Compliance did not analyse this file: it contains binary data (NUL bytes or invalid UTF-8).');
  }
  if (kind === 'yaml' && looksLikeTemplate(text) && /^\s*(kind|apiVersion)\s*:/m.test(text)) {
    return notAnalysed(base, 'helm-template', 'Healthcare IaC Compliance did not analyse this file: it contains template syntax ({{ … }}, e.g. a Helm chart template). Render it (helm template) and scan the output.');
  }
  if (kind === 'yaml' && (openYaml?.nestingExceeds() ?? yamlBlockNestingExceeds(text))) {
    return notAnalysed(base, 'nested-too-deep', `Healthcare IaC Compliance did not analyse this file: its YAML is nested deeper than ${YAML_MAX_BLOCK_DEPTH} block levels, more than the YAML parser can take.`);
  }
  let own: Tree | undefined;
  try {
    if (kind === 'yaml') {
      const readable = yamlReadableLength(text);
      if (readable < text.length) {
        return partialKubernetesSource(base, kubernetesFileOf(uri, text.slice(0, readable), grammars), readable);
      }
      const file = openYaml?.file() ?? kubernetesFileOf(uri, text, grammars);
      return { ...base, model: file.isKubernetes ? { kind: 'kubernetes', file } : { kind: 'none' }, notes: [] };
    }
    const t = tree?.() ?? (own = grammars.parse('terraform', text));
    return { ...base, model: { kind: 'terraform', file: updateTerraform?.(t) ?? extractTerraform(uri, kind, t, text) }, notes: [] };
  } catch (error) {
    if (error instanceof NestingTooDeep) {
      return notAnalysed(base, 'nested-too-deep', `Healthcare IaC Compliance did not analyse this file: its expressions or blocks are nested deeper than ${MAX_MODEL_NESTING} levels.`);
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 120) : 'unknown error';
    return notAnalysed(base, 'internal-error', `Healthcare IaC Compliance could not analyse this file (${reason}). Other files are not affected; please report this.`);
  } finally {
    own?.delete();
  }
}

type SourceBase = Pick<SourceFile, 'uri' | 'kind' | 'text' | 'version'>;

function notAnalysed(base: SourceBase, code: AnalysisNote['code'], message: string): SourceFile {
  return { ...base, model: { kind: 'none' }, notes: [{ code, span: { start: 0, end: 0 }, message }] };
}

/**
 * A YAML file longer than the YAML scanner can count: the documents before the last document
 * boundary within the limit (`readable` characters) are analysed, and one note says where analysis
 * stopped. Plain YAML (no Kubernetes object anywhere) stays unanalysed, without a note.
 */
function partialKubernetesSource(base: SourceBase, prefix: K8sFile, readable: number): SourceFile {
  if (!prefix.isKubernetes && !/^(apiVersion|kind)\s*:/m.test(base.text.slice(readable))) return { ...base, model: { kind: 'none' }, notes: [] };
  const limit = `the YAML parser cannot count more than ${YAML_MAX_ROWS} line breaks (a CRLF counts as two)`;
  const message =
    readable === 0
      ? `Healthcare IaC Compliance did not analyse this file: ${limit}, and no document boundary (---) comes before that. Split the file to analyse it.`
      : `Healthcare IaC Compliance analysed this file only up to line ${new LineIndex(base.text).positionAt(readable).line}: ${limit}. Split the file to analyse the rest.`;
  return { ...base, model: { kind: 'kubernetes', file: { ...prefix, isKubernetes: true } }, notes: [{ code: 'partially-analysed', span: { start: 0, end: 0 }, message }] };
}
