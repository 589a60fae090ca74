import * as vscode from 'vscode';

/** Opens a Markdown document rendered (the built-in preview); as text if the preview is unavailable. */
export async function openMarkdown(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
}
