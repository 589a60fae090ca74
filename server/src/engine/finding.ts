import type { FixEdit } from '../fixes/fix-edit';
import type { Span } from '../model/span';
import type { CatalogSeverity } from '../rules/catalog';
import type { FixMeta, Related } from '../rules/types';

/** A rule violation at a place in a file. Protocol-free: the LSP layer and the CLI render it. */
export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly severity: CatalogSeverity;
  readonly uri: string;
  readonly span: Span;
  readonly related: readonly Related[];
  /** Control ids of the shipped catalog that this finding breaks. */
  readonly controls: readonly string[];
  /** The resource or object the finding is about: `aws_s3_bucket.phi`, `Deployment/portal`. */
  readonly resource: string;
  /** The whole resource block or object the finding belongs to. */
  readonly extent: Span;
  readonly fix?: FixMeta & { readonly fixId: string; readonly edits: readonly FixEdit[] };
}

/** What one rule concluded about one resource: the evidence behind control status. */
export interface Evaluation {
  readonly ruleId: string;
  readonly uri: string;
  readonly resource: string;
  readonly span: Span;
  readonly outcome: 'satisfied' | 'violated' | 'unknown';
  readonly reason?: string;
}

/** A file-level statement that is not a finding: why a file was not (fully) analysed. */
export interface AnalysisNote {
  readonly code: 'helm-template' | 'binary-file' | 'file-too-large' | 'internal-error';
  readonly message: string;
  readonly span: Span;
}

export interface FileAnalysis {
  readonly uri: string;
  readonly findings: readonly Finding[];
  readonly evaluations: readonly Evaluation[];
  readonly notes: readonly AnalysisNote[];
}
