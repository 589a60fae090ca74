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
  /**
   * For a block judged per instance (`count`/`for_each` known and read by the block): the keys of
   * the instances this finding applies to (`[0]`, `["prod"]`), in instance order. For a finding
   * reported at a `module` block judged per instance: the keys of the call's instances.
   */
  readonly instances?: readonly string[];
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
  readonly code: 'helm-template' | 'binary-file' | 'file-too-large' | 'nested-too-deep' | 'partially-analysed' | 'internal-error' | 'remote-module-source' | 'module-source-missing';
  readonly message: string;
  readonly span: Span;
}

/** Who wrote a suppression: this product's syntax, or a peer tool's marker honoured through the rule metadata. */
export type SuppressionOrigin = 'hciac' | 'checkov' | 'tfsec' | 'trivy' | 'kics' | 'kube-linter' | 'kube-score' | 'polaris';

/**
 * An exception written in a file (comment or annotation), after policy: `applied` suppressions
 * move the findings they match to `FileAnalysis.suppressed`; `rejected` ones suppress nothing and
 * carry a problem saying why (no reason, expired, forbidden by policy, …).
 */
export interface Suppression {
  readonly origin: SuppressionOrigin;
  /** The marker as written, e.g. `hciac:ignore aws-efs-encrypted` or `checkov:skip=CKV_AWS_42`. */
  readonly marker: string;
  /** The rules it suppresses: named directly, or mapped from the peer's ids. */
  readonly ruleIds: readonly string[];
  readonly reason: string | undefined;
  /** `YYYY-MM-DD`, the last day the exception holds. */
  readonly expires: string | undefined;
  /** Where the marker is written. */
  readonly span: Span;
  /** What it covers: the whole file, a resource/object, one attribute/entry/container, or one line. */
  readonly scope: 'file' | 'resource' | 'node' | 'line';
  readonly target: Span;
  readonly status: 'applied' | 'rejected';
  /** How many findings it suppressed. */
  readonly matched: number;
}

/** A finding an applied suppression accepted: not published as a diagnostic, listed in panels and exports. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly suppression: Suppression;
}

/** A diagnostic about the file that is not a rule finding: a suppression or configuration mistake. */
export interface AnalysisProblem {
  readonly code: 'hciac-suppression' | 'hciac-config';
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  readonly span: Span;
}

export interface FileAnalysis {
  readonly uri: string;
  /** Findings to publish (suppressed ones are in `suppressed`). */
  readonly findings: readonly Finding[];
  /** The engine's evaluations, before suppressions (a suppressed finding's evaluation stays `violated`). */
  readonly evaluations: readonly Evaluation[];
  readonly notes: readonly AnalysisNote[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly suppressions: readonly Suppression[];
  readonly problems: readonly AnalysisProblem[];
}
