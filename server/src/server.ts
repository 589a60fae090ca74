import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './language-server';

// Process entry of the bundled server (dist/server/server.js): stdio, IPC or socket, chosen by argv.
const connection = createConnection(ProposedFeatures.all);
startServer(connection, {
  assets: { wasmDir: path.join(__dirname, '..', 'wasm') },
  docsDir: path.join(__dirname, '..', '..', 'docs', 'rules'),
});
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));
