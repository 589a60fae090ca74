import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands/register-commands';
import { CLIENT_NAME, createLanguageClient } from './language-client';

let client: LanguageClient | undefined;

/** Composition only: output channel, language client, commands. No compliance logic lives here. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  client = createLanguageClient(context, output);
  context.subscriptions.push(output, registerCommands(client, output));
  await client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
