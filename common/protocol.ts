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
