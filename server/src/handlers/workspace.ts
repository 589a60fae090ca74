import { URI } from 'vscode-uri';
import { FileChangeType, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { guardAsync } from '../protocol/guard';
import type { Session } from '../session';
import { parseOnWorker, type ParseRequest } from '../workspace/parse-worker';
import { findIacFiles } from '../workspace/scanner';
import { ScanWorkspaceRequest, WorkspaceScannedNotification, type ScanWorkspaceParams, type ScanWorkspaceResult, type WorkspaceScannedParams } from '../../../common/protocol';

/** How long the background scan loads files before their analyses are published. */
const SCAN_BATCH_MS = 1000;

/** From how many files the background scan parses on a worker thread. */
const WORKER_MIN_FILES = 50;

/** A scan asked for by a request ("Scan Workspace"): its progress and cancellation come with it. */
export interface ScanControl {
  readonly progress: WorkDoneProgressReporter;
  readonly token: CancellationToken;
}

/** Where the background scan parses: a worker started from the server's own script, with the grammars in `wasmDir`. */
export interface ScanParser {
  readonly script: string;
  readonly wasmDir: string;
}

/**
 * The whole workspace is analysed in the background, not only open files: a bounded, cancellable
 * scan with progress after `initialized`, then file-watcher events keep the index current. The
 * request `healthcareIac/scanWorkspace` runs the same scan again on demand. A new scan cancels the
 * one running. Files are read and modelled on a worker thread (parse-worker.ts; on this thread when
 * none can run) and published in batches.
 */
export function registerWorkspace(
  connection: Connection,
  session: Session,
  progressSupported: boolean,
  /** Analyses and publishes what is pending (the diagnostics publisher's flush). */
  publishNow: () => void,
  parser: ScanParser | undefined,
): { scan(control?: ScanControl): Promise<WorkspaceScannedParams | undefined> } {
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
      // Files are analysed and published per batch, not per file: a module's files, the modules that
      // call it and (when workspace-level facts change) every Kubernetes file would be analysed again
      // for each file loaded.
      const batch = new Set<string>();
      let batchStarted = performance.now();
      const publishBatch = (): void => {
        session.affected([...batch]);
        batch.clear();
        publishNow();
        batchStarted = performance.now();
      };
      const indexed = (affected: readonly string[]): void => {
        for (const uri of affected) batch.add(uri);
        loaded++;
        if (performance.now() - batchStarted >= SCAN_BATCH_MS) publishBatch();
        if (loaded % 25 === 0) progress?.report(`${loaded} files`);
      };
      const load = async (): Promise<void> => {
        const requests: ParseRequest[] = [];
        for (const folder of session.workspaceFolders) {
          const root = URI.parse(folder).fsPath;
          const budget = session.settings.maxFiles - requests.length;
          if (budget <= 0) break;
          const { files, truncated } = await findIacFiles(root, { exclude: session.settingsFor(folder).exclude, maxFiles: budget, isCancelled: cancelled });
          truncatedAny ||= truncated;
          if (truncated) session.log.warn(`workspace scan stopped at healthcareIac.maxFiles (${session.settings.maxFiles}) files`);
          for (const file of files) {
            const uri = URI.file(file.path).toString();
            requests.push({ uri, kind: file.kind, limits: { maxFileSize: session.settingsFor(uri).maxFileSize } });
          }
        }
        // A worker costs its start (the bundle, the grammars): small workspaces are read here.
        if (parser !== undefined && requests.length >= WORKER_MIN_FILES && !cancelled()) {
          await parseOnWorker(parser.script, parser.wasmDir, requests, (request, source) => indexed(session.indexFromDisk(request.uri, source)), cancelled).catch((error: unknown) => {
            session.log.warn(`workspace scan: parsing on this thread (${error instanceof Error ? error.message : String(error)})`);
          });
        }
        // Without a worker (or after it failed), the files not indexed yet are read here.
        for (const request of requests.slice(loaded)) {
          if (cancelled()) break;
          indexed(await session.readFromDisk(request.uri));
          if (loaded % 25 === 0) await new Promise((resolve) => setImmediate(resolve)); // keep answering the editor
        }
        session.log.info(`workspace scan: ${loaded} files indexed`);
      };
      try {
        await session.whileScanning(async () => {
          try {
            await load();
          } finally {
            publishBatch();
          }
        });
      } finally {
        progress?.done();
        session.releaseClosedModels(); // the scan no longer needs every Kubernetes model
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
