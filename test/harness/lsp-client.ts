import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver';
import { WorkspaceScannedNotification, type WorkspaceScannedParams } from '../../common/protocol';
import { repoRoot } from './assets';

export interface PublishedDiagnostics {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: Diagnostic[];
}

type Waiter<T> = { readonly match: (value: T) => boolean; readonly resolve: (value: T) => void };

/**
 * A real LSP client talking to the *bundled* server (dist/server/server.js) over stdio, as an
 * editor would. Readiness is awaited on protocol events, never on sleeps.
 */
export class TestClient {
  readonly published: PublishedDiagnostics[] = [];
  readonly logs: string[] = [];
  /** Everything the server process wrote to stderr. */
  stderr = '';
  scanned: WorkspaceScannedParams | undefined;
  private diagnosticWaiters: Waiter<PublishedDiagnostics>[] = [];
  private scanWaiters: ((p: WorkspaceScannedParams) => void)[] = [];
  /** Resolves with the exit code when the server process ends (whether asked to or not). */
  readonly exited: Promise<number | null>;

  private constructor(
    readonly connection: MessageConnection,
    private readonly child: ChildProcess,
    private settings: unknown,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.push(p);
      this.diagnosticWaiters = this.diagnosticWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    connection.onNotification(WorkspaceScannedNotification, (p: WorkspaceScannedParams) => {
      this.scanned = p;
      for (const w of this.scanWaiters.splice(0)) w(p);
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', () => undefined);
    connection.onNotification('window/showMessage', (p: { message: string }) => {
      this.logs.push(`showMessage: ${p.message}`);
    });
  }

  /**
   * `nodeOptions` go before the server script (e.g. `--require <hook>`); `env` replaces the server's environment.
   * `editSupport` declares what VS Code declares: `codeAction/resolve` of edits, LSP 3.18 snippet edits.
   */
  static async start(
    options: {
      workspaceFolders?: readonly string[];
      settings?: unknown;
      initializationOptions?: unknown;
      serverPath?: string;
      nodeOptions?: readonly string[];
      env?: NodeJS.ProcessEnv;
      editSupport?: { readonly resolve?: boolean; readonly snippets?: boolean };
    } = {},
  ): Promise<TestClient> {
    const script = options.serverPath ?? path.join(repoRoot, 'dist', 'server', 'server.js');
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: '/', ...(options.env !== undefined ? { env: options.env } : {}) });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(connection, child, options.settings ?? {});
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      client.stderr += chunk;
    });
    connection.listen();
    const folders = (options.workspaceFolders ?? []).map((f) => ({ uri: f, name: path.basename(f) }));
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: folders.length > 0 ? folders : null,
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            ...(options.editSupport?.resolve === true ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}),
          },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        },
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, ...(options.editSupport?.snippets === true ? { snippetEditSupport: true } : {}) },
        },
        window: { workDoneProgress: true },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves with the first publication (already received or future) that matches. */
  waitForDiagnostics(uri: string, match: (p: PublishedDiagnostics) => boolean = () => true): Promise<PublishedDiagnostics> {
    const seen = [...this.published].reverse().find((p) => p.uri === uri && match(p));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.diagnosticWaiters.push({ match: (p) => p.uri === uri && match(p), resolve }));
  }

  /** Resolves with the next publication for `uri` (ignores those already received). */
  nextDiagnostics(uri: string, match: (p: PublishedDiagnostics) => boolean = () => true): Promise<PublishedDiagnostics> {
    return new Promise((resolve) => this.diagnosticWaiters.push({ match: (p) => p.uri === uri && match(p), resolve }));
  }

  waitForScan(): Promise<WorkspaceScannedParams> {
    if (this.scanned !== undefined) return Promise.resolve(this.scanned);
    return new Promise((resolve) => this.scanWaiters.push(resolve));
  }

  latest(uri: string): PublishedDiagnostics | undefined {
    return [...this.published].reverse().find((p) => p.uri === uri);
  }

  open(uri: string, text: string, languageId = uri.endsWith('.yaml') || uri.endsWith('.yml') ? 'yaml' : 'terraform', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: readonly unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async setSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  async stop(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  kill(): void {
    this.child.kill();
  }
}
