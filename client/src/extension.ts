import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ComplianceStore } from './compliance/compliance-store';
import { ControlExplanations } from './commands/explain-control';
import { CommandId } from './commands/ids';
import { registerCommands } from './commands/register-commands';
import { CLIENT_NAME, createLanguageClient } from './language-client';
import { ComplianceStatusBar } from './status/status-bar';
import { ControlsView } from './views/controls-view';

let client: LanguageClient | undefined;

/** Composition only: output channel, language client, the compliance views, commands. No compliance logic lives here. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  client = createLanguageClient(context, output);
  const store = new ComplianceStore(client, output);
  const controls = new ControlsView(store, context.workspaceState);
  const explanations = new ControlExplanations(store);
  context.subscriptions.push(
    output,
    store,
    controls,
    explanations,
    new ComplianceStatusBar(store, CommandId.showControls),
    registerCommands({ extensionUri: context.extensionUri, client, output, store, controls, explanations }),
    // The server reads `trusted` at start (initializationOptions): restart it once trust is granted.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
  );
  await client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
