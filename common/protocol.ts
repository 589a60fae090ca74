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
