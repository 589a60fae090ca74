import { URI } from 'vscode-uri';
import { FileChangeType, type Connection } from 'vscode-languageserver/node';
import { guardAsync } from '../protocol/guard';
import type { Session } from '../session';
import { findIacFiles } from '../workspace/scanner';
import { WorkspaceScannedNotification, type WorkspaceScannedParams } from '../../../common/protocol';

/**
 * The whole workspace is analysed in the background, not only open files: a bounded, cancellable
 * scan with progress after `initialized`, then file-watcher events keep the index current.
 */
export function registerWorkspace(connection: Connection, session: Session, progressSupported: boolean): { scan(): Promise<void> } {
  let generation = 0;

  const scan = async (): Promise<void> => {
    const mine = ++generation;
    await guardAsync(session.once, 'workspaceScan', async () => {
      const progress = progressSupported ? await connection.window.createWorkDoneProgress() : undefined;
      progress?.begin('Healthcare IaC: scanning workspace', 0, undefined, true);
      const cancelled = () => mine !== generation || (progress?.token.isCancellationRequested ?? false);
      let loaded = 0;
      let truncatedAny = false;
      try {
        for (const folder of session.workspaceFolders) {
          const root = URI.parse(folder).fsPath;
          const budget = session.settings.maxFiles - loaded;
          if (budget <= 0) break;
          const { files, truncated } = await findIacFiles(root, { exclude: session.settings.exclude, maxFiles: budget, isCancelled: cancelled });
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
      if (mine === generation) {
        const params: WorkspaceScannedParams = { files: loaded, cancelled: cancelled(), truncated: truncatedAny };
        void connection.sendNotification(WorkspaceScannedNotification, params);
      }
    }, undefined);
  };

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (session.documents.isOpen(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) session.affected(session.index.remove(change.uri));
      else void session.loadFromDisk(change.uri);
    }
  });

  return { scan };
}
