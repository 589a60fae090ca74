import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CommandId } from './ids';

/** Every command of the extension is registered here, once. */
export function registerCommands(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.restartServer, () => client.restart()),
    vscode.commands.registerCommand(CommandId.showOutput, () => output.show()),
  );
}
