import type { Connection, InitializeResult } from 'vscode-languageserver/node';
import { productVersion } from './version';
import { serverCapabilities } from './capabilities';
import { registerCodeActions } from './handlers/code-actions';
import { registerConfiguration } from './handlers/configuration';
import { registerControlStatus } from './handlers/control-status';
import { registerDocumentSync } from './handlers/document-sync';
import { registerEvidenceExport } from './handlers/evidence';
import { registerProjectConfiguration } from './handlers/project-config';
import { registerDiagnosticsPublisher } from './handlers/publish-diagnostics';
import { registerWorkspace } from './handlers/workspace';
import { Grammars, type AssetLocation } from './parsing/grammars';
import { Session } from './session';
import type { Logger } from './util/logger';

export interface StartOptions {
  readonly assets: AssetLocation;
  /** Folder holding docs/rules/<id>.md, linked from each diagnostic. */
  readonly docsDir: string;
  /** The server's own script, started as the workspace scan's parse worker (see server.ts); without it the scan parses on this thread. */
  readonly workerScript?: string;
}

/** Wires the handlers to a connection. The session is built in `initialize`, after the grammars load. */
export function startServer(connection: Connection, options: StartOptions): void {
  const log: Logger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  let session: Session | undefined;

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    const grammars = await Grammars.load(options.assets);
    const s = new Session(connection, grammars, log, options.docsDir);
    session = s;
    s.profile = (params.initializationOptions as { profile?: unknown } | undefined)?.profile === true;
    s.workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (s.workspaceFolders.length === 0 && params.rootUri) s.workspaceFolders = [params.rootUri];
    const caps = params.capabilities;
    const publisher = registerDiagnosticsPublisher(connection, s);
    registerDocumentSync(connection, s);
    registerCodeActions(connection, s, caps);
    registerControlStatus(connection, s);
    const config = registerConfiguration(connection, s, caps.workspace?.configuration === true, caps.workspace?.didChangeConfiguration?.dynamicRegistration === true);
    const parser = options.workerScript === undefined ? undefined : { script: options.workerScript, wasmDir: options.assets.wasmDir };
    const workspace = registerWorkspace(connection, s, caps.window?.workDoneProgress === true, publisher.flushNow, parser);
    const projectConfig = registerProjectConfiguration(s, params.initializationOptions);
    registerEvidenceExport(connection, s);
    connection.onInitialized(() => {
      // Not awaited: initialize answers at once; settings, the folders' .hciac.yaml, then the background scan follow.
      void config.pull().then(() => projectConfig.load()).then(() => workspace.scan());
      if (caps.workspace?.workspaceFolders === true) {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          const removed = new Set(e.removed.map((f) => f.uri));
          s.workspaceFolders = [...s.workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
          void workspace.scan();
        });
      }
    });
    return { capabilities: serverCapabilities(caps), serverInfo: { name: 'hciac', version: productVersion } };
  });
  connection.onShutdown(() => session?.dispose());
  connection.listen();
}
