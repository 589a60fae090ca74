import { URI } from 'vscode-uri';
import { FileChangeType, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { guardAsync } from '../protocol/guard';
import type { Session } from '../session';
import { findIacFiles } from '../workspace/scanner';
import { ScanWorkspaceRequest, WorkspaceScannedNotification, type ScanWorkspaceParams, type ScanWorkspaceResult, type WorkspaceScannedParams } from '../../../common/protocol';

/** A scan asked for by a request ("Scan Workspace"): its progress and cancellation come with it. */
export interface ScanControl {
  readonly progress: WorkDoneProgressReporter;
  readonly token: CancellationToken;
}

/**
 * The whole workspace is analysed in the background, not only open files: a bounded, cancellable
 * scan with progress after `initialized`, then file-watcher events keep the index current. The
 * request `healthcareIac/scanWorkspace` runs the same scan again on demand. A new scan cancels the
 * one running.
 */
export function registerWorkspace(connection: Connection, session: Session, progressSupported: boolean): { scan(control?: ScanControl): Promise<WorkspaceScannedParams | undefined> } {
  let generation = 0;

  const scan = async (control?: ScanControl): Promise<WorkspaceScannedParams | undefined> => {
    const mine = ++generation;
    return guardAsync(session.once, 'workspaceScan', async () => {
      const own = control === undefined && progressSupported ? await connection.window.createWorkDoneProgress() : undefined;
      const progress = control?.progress ?? own;
      progress?.begin('Healthcare IaC: scanning workspace', 0, undefined, true);
      const token = control?.token ?? own?.token;
      const cancelled = () => mine !== generation || (token?.isCancellationRequested ?? false);
      let loaded = 0;
      let truncatedAny = false;
      try {
        for (const folder of session.workspaceFolders) {
          const root = URI.parse(folder).fsPath;
          const budget = session.settings.maxFiles - loaded;
          if (budget <= 0) break;
          const { files, truncated } = await findIacFiles(root, { exclude: session.settingsFor(folder).exclude, maxFiles: budget, isCancelled: cancelled });
          truncatedAny ||= truncated;
          if (truncated) session.log.warn(`workspace scan stopped at healthcareIac.maxFiles (${session.settings.maxFiles}) files`);
          for (const file of files) {
            if (cancelled()) break;
            await session.loadFromDisk(URI.file(file.path).toString());
            loaded++;
            if (loaded % 25 === 0) {
              progress?.report(`${loaded} files`);
              await new Promise((resolve) => setImmediate(resolve)); // keep answering the editor
            }
          }
        }
        session.log.info(`workspace scan: ${loaded} files indexed`);
      } finally {
        progress?.done();
      }
      const params: WorkspaceScannedParams = { files: loaded, cancelled: cancelled(), truncated: truncatedAny };
      if (mine === generation) void connection.sendNotification(WorkspaceScannedNotification, params);
      return params;
    }, undefined);
  };

  connection.onRequest(ScanWorkspaceRequest, async (params: ScanWorkspaceParams | undefined, token): Promise<ScanWorkspaceResult | ResponseError> => {
    const progress = connection.window.attachWorkDoneProgress(params?.workDoneToken);
    return (await scan({ progress, token })) ?? new ResponseError(LSPErrorCodes.RequestFailed, 'the workspace scan failed; see the Healthcare IaC output');
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (session.documents.isOpen(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) session.affected(session.index.remove(change.uri));
      else void session.loadFromDisk(change.uri);
    }
  });

  return { scan };
}
