import { CodeActionKind, TextDocumentSyncKind, type ClientCapabilities, type ServerCapabilities } from 'vscode-languageserver/node';
import { clientResolvesEdits, FIX_ALL_KIND } from './handlers/code-actions';

export function serverCapabilities(client: ClientCapabilities): ServerCapabilities {
  const literalActions = client.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    ...(literalActions ? { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: clientResolvesEdits(client) } } : {}),
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
