import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './language-server';
import { isParseWorkerData, serveParseWorker } from './workspace/parse-worker';

if (!isMainThread && isParseWorkerData(workerData)) {
  // The workspace scan's parse worker: this same script, started by the server (workspace/parse-worker.ts).
  void serveParseWorker(workerData, (parsed) => parentPort!.postMessage(parsed));
} else {
  // Process entry of the bundled server (dist/server/server.js): stdio, IPC or socket, chosen by argv.
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, {
    assets: { wasmDir: path.join(__dirname, '..', 'wasm') },
    docsDir: path.join(__dirname, '..', '..', 'docs', 'rules'),
    workerScript: __filename,
  });
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));
}
