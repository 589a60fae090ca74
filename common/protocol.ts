/**
 * Custom protocol between the extension client, the language server and tests. Method names are
 * public API: `healthcareIac/<noun or verb>`.
 */

/** Server → client notification: the background workspace scan finished (or was cancelled). */
export const WorkspaceScannedNotification = 'healthcareIac/workspaceScanned';
export interface WorkspaceScannedParams {
  /** Files read into the index by this scan. */
  readonly files: number;
  readonly cancelled: boolean;
  readonly truncated: boolean;
}

/**
 * Server → client notification, sent only when the client asked for it with
 * `initializationOptions.profile = true` (the benchmark does): where the time of one document
 * version went, in milliseconds.
 */
export const ProfileNotification = 'healthcareIac/profile';
export interface ProfileParams {
  readonly uri: string;
  readonly version: number;
  /** tree.edit + incremental reparse (all changes of the version). */
  readonly parseMs: number;
  /** Model extraction and index update. */
  readonly modelMs: number;
  /** Rule evaluation (the analysis of this file). */
  readonly rulesMs: number;
  /** Conversion to LSP diagnostics and sending. */
  readonly publishMs: number;
}

// ── Control status: the controls panel, the status bar and the compliance summary ────────────────
//
// Shape agreed for issue 5. The server answers from its workspace index (every analysed file, open
// or not); the client only displays it. A control's status in a file is the worst outcome of the
// evidence of the rules mapped to it: violated > suppressed > unknown > satisfied. A control of an
// enabled framework that no rule evaluated in a file is "not touched" by that file (absent from
// `FileCompliance.controls`).

/** A range as LSP has it (zero-based line, UTF-16 character), declared here so common/ imports nothing. */
export interface ProtocolRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/**
 * What one rule concluded about one resource. `satisfied`: the rule ran and found nothing;
 * `violated`: a finding; `suppressed`: a finding an exception (suppression comment or annotation)
 * accepted; `unknown`: the rule could not decide because a value is not statically known
 * ("cannot determine" — never a guess).
 */
export type EvidenceOutcome = 'satisfied' | 'violated' | 'suppressed' | 'unknown';

/** Precedence of outcomes when several pieces of evidence bear on one control (first wins). */
export const OUTCOME_PRECEDENCE: readonly EvidenceOutcome[] = ['violated', 'suppressed', 'unknown', 'satisfied'];

/** An accepted exception, as written in the file. */
export interface SuppressionInfo {
  readonly reason: string;
  /** `YYYY-MM-DD`, when present. */
  readonly expires?: string;
  /** The marker that suppressed it: `hciac`, `checkov`, `tfsec`, `trivy`, `kics`, `kube-linter`, … */
  readonly origin: string;
  /** The marker as written, e.g. `hciac:ignore aws-efs-encrypted`, `checkov:skip=CKV_AWS_42`. */
  readonly marker?: string;
  /** Where the marker (comment or annotation) is written, in the same file. */
  readonly range?: ProtocolRange;
}

/** One rule × resource evaluation of a file: the evidence behind its controls. */
export interface EvidenceItem {
  readonly outcome: EvidenceOutcome;
  readonly ruleId: string;
  /** `aws_s3_bucket.phi`, `Deployment/portal`, `main.tf` (whole-file rules). */
  readonly resource: string;
  /** Where: the resource header (satisfied), the finding (violated, suppressed), the unknown value (unknown). */
  readonly range: ProtocolRange;
  /** The finding's message (violated, suppressed) or why the value is unknown (unknown). */
  readonly message?: string;
  /** Catalog severity of the finding (violated, suppressed). */
  readonly severity?: 'critical' | 'high' | 'medium' | 'low';
  /** Present when `outcome` is `suppressed`. */
  readonly suppression?: SuppressionInfo;
}

/** One control's status in one file. */
export interface FileControlStatus {
  readonly controlId: string;
  readonly status: EvidenceOutcome;
  /** Indices into `FileCompliance.evidence`: the evaluations of the rules mapped to this control. */
  readonly evidence: readonly number[];
}

/** Everything the panel shows for one file. */
export interface FileCompliance {
  readonly uri: string;
  /** Rule × resource evaluations, in source order. */
  readonly evidence: readonly EvidenceItem[];
  /** Controls of the enabled frameworks this file touches, in catalog order. */
  readonly controls: readonly FileControlStatus[];
  /** Findings shown as diagnostics (violated evidence of rules that are not turned off). */
  readonly findings: number;
}

/** One control over the whole workspace. */
export interface WorkspaceControlStatus {
  readonly controlId: string;
  /** The worst status over the files; `not-evaluated` when no file touches the control. */
  readonly status: EvidenceOutcome | 'not-evaluated';
  /** How many files have each status for this control. */
  readonly files: Readonly<Record<EvidenceOutcome, number>>;
}

/**
 * Client → server request: control status of files and of the workspace. Without `uris`, every file
 * of the index that has evidence; with `uris`, only those (the ones without evidence — removed,
 * excluded, nothing evaluated — come back in `absent`). `controls` always covers the whole workspace.
 */
export const ControlStatusRequest = 'healthcareIac/controlStatus';
export interface ControlStatusParams {
  readonly uris?: readonly string[];
}
export interface ControlStatusResult {
  /** The enabled frameworks (framework ids of the catalog), HIPAA first. */
  readonly frameworks: readonly string[];
  /** Files with at least one evaluation, sorted by URI. */
  readonly files: readonly FileCompliance[];
  /** Requested URIs that have no evaluation (always empty without `uris`). */
  readonly absent: readonly string[];
  /** Every control of the enabled frameworks, in catalog order. */
  readonly controls: readonly WorkspaceControlStatus[];
}

/** Client → server request: the catalog as the client shows it (controls, rules, frameworks). */
export const ControlCatalogRequest = 'healthcareIac/controlCatalog';
export interface ControlInfo {
  readonly id: string;
  readonly framework: string;
  /** Short label: `HIPAA §164.312(b)`, `NIST AU-2`, `SOC 2 CC6.1`. */
  readonly label: string;
  readonly title: string;
  readonly intent?: string;
  /** `required` / `addressable` (HIPAA implementation specifications). */
  readonly designation?: string;
  /** How far IaC can evidence it: `direct`, `partial`, `indirect`, … (catalog wording). */
  readonly iacEvidence?: string;
  /** Rules mapped to this control (enabled or not). */
  readonly ruleIds: readonly string[];
}
export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly severity: 'critical' | 'high' | 'medium' | 'low';
  readonly platform: string;
  /** Control ids of every framework the rule maps to. */
  readonly controls: readonly string[];
  /** False when the rule is turned off (`healthcareIac.rules`, `healthcareIac.enable`). */
  readonly enabled: boolean;
  /** `file:` URI of the rule's documentation page shipped with the product. */
  readonly docUri: string;
}
export interface ControlCatalogResult {
  readonly catalogVersion: string;
  readonly productVersion: string;
  readonly frameworks: readonly { readonly id: string; readonly name: string; readonly enabled: boolean }[];
  /** Controls of every framework, in catalog order. */
  readonly controls: readonly ControlInfo[];
  /** The rules this version implements, sorted by id. */
  readonly rules: readonly RuleInfo[];
}

/**
 * Server → client notification: the analysis of these files may have changed (coalesced per turn of
 * the server's event loop; the client debounces before asking `healthcareIac/controlStatus`).
 * `catalogChanged`: enabled frameworks or rules changed; ask `healthcareIac/controlCatalog` again.
 */
export const FindingsChangedNotification = 'healthcareIac/findingsChanged';
export interface FindingsChangedParams {
  readonly uris: readonly string[];
  readonly catalogChanged: boolean;
}

/**
 * Client → server request: re-read the workspace from disk (the command "Scan Workspace"). Reports
 * work-done progress on `workDoneToken` when given; cancellable with `$/cancelRequest`.
 */
export const ScanWorkspaceRequest = 'healthcareIac/scanWorkspace';
export interface ScanWorkspaceParams {
  readonly workDoneToken?: string | number;
}
export type ScanWorkspaceResult = WorkspaceScannedParams;

/**
 * Client → server request: the compliance evidence of the workspace as documents — a Markdown
 * report, a JSON file and SARIF 2.1.0 (the command "Export Compliance Evidence…"; `hciac evidence`
 * writes the same documents). The server renders them from its evidence model (server/src/evidence/,
 * handled in server/src/handlers/evidence.ts); the client writes each `content` unchanged into the
 * folder the user picks, under `fileName` (a plain file name, no directories).
 */
export const ExportEvidenceRequest = 'healthcareIac/exportEvidence';
export type ExportEvidenceParams = Record<string, never>;
export interface EvidenceDocument {
  /** `hciac-evidence.md`, `hciac-evidence.json`, `hciac-evidence.sarif`. */
  readonly fileName: string;
  /** `text/markdown`, `application/json`, `application/sarif+json`. */
  readonly mediaType: string;
  readonly content: string;
}
export interface ExportEvidenceResult {
  readonly documents: readonly EvidenceDocument[];
}

/**
 * `initializationOptions` of the `initialize` request (every field optional). `trusted` is
 * `vscode.workspace.isTrusted`: in an untrusted workspace a repository `.hciac.yaml` may only make
 * analysis stricter (docs/configuration.md). A client that sends no `trusted` (other editors, tests)
 * is treated as trusted: Workspace Trust is VS Code's notion. The client restarts the server when the
 * user grants trust.
 */
export interface InitializationOptions {
  readonly trusted?: boolean;
  /** Send `healthcareIac/profile` notifications (the benchmark). */
  readonly profile?: boolean;
}
