import * as vscode from 'vscode';
import { expiryProblem, reasonProblem, suppressionComment, type SuppressArguments } from '../../../common/suppression-comment';

/**
 * "Suppress <rule> with justification…": asks for the reason (required) and an optional expiry, then
 * inserts `# hciac:ignore <rule> reason="…" [expires=…]` above the resource. Nothing is written
 * unless the user confirms, and a document changed since the code action was computed is not edited.
 */
export async function suppressWithJustification(arg: unknown): Promise<void> {
  if (!isSuppressArguments(arg)) return;
  const reason = await vscode.window.showInputBox({
    title: `Suppress ${arg.ruleId}`,
    prompt: 'Why is this exception acceptable? (recorded in the file, the controls panel and evidence exports)',
    ignoreFocusOut: true,
    validateInput: (value) => reasonProblem(value),
  });
  if (reason === undefined) return;
  const today = new Date().toISOString().slice(0, 10);
  const expiry = await vscode.window.showInputBox({
    title: `Suppress ${arg.ruleId}: expiry`,
    prompt: 'Expiry date YYYY-MM-DD (leave empty for none; a policy may require one)',
    ignoreFocusOut: true,
    validateInput: (value) => expiryProblem(value, today),
  });
  if (expiry === undefined) return;
  const uri = vscode.Uri.parse(arg.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  if (arg.version !== null && document.version !== arg.version) {
    void vscode.window.showWarningMessage('The file changed since the finding was reported; run the quick fix again.');
    return;
  }
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(arg.line, 0), `${arg.indent}${suppressionComment(arg.ruleId, reason, expiry)}${eol}`);
  await vscode.workspace.applyEdit(edit);
}

function isSuppressArguments(value: unknown): value is SuppressArguments {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.uri === 'string' && typeof v.ruleId === 'string' && typeof v.line === 'number' && typeof v.indent === 'string' && (v.version === null || typeof v.version === 'number');
}
