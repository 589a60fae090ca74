import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../common/protocol';

export const CLIENT_ID = 'healthcareIac';
export const CLIENT_NAME = 'Healthcare IaC Compliance';

/** Terraform with or without HashiCorp's extension (by language id and by file pattern), and YAML. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', language: 'terraform-vars' },
  { scheme: 'file', pattern: '**/*.tf' },
  { scheme: 'file', pattern: '**/*.tfvars' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'terraform' },
  { scheme: 'untitled', language: 'yaml' },
];

/** The bundled server, started over IPC; the library's default restart policy applies. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // IaC files and the repository configuration (.hciac.yaml: named, since `*` need not match dotfiles).
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.tf,*.tfvars,*.yaml,*.yml,.hciac.yaml}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { fileEvents: watcher },
    outputChannel: output,
    // Evaluated at every (re)start: the server decides what an untrusted workspace may configure.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
    initializationFailedHandler: (error) => {
      void vscode.window
        .showErrorMessage(`${CLIENT_NAME} could not start: ${error instanceof Error ? error.message : String(error)}`, 'Open Logs')
        .then((choice) => choice === 'Open Logs' && output.show());
      return false;
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
