import * as vscode from 'vscode';
import { RequestType, type LanguageClient } from 'vscode-languageclient/node';
import { ExportEvidenceRequest, type EvidenceDocument, type ExportEvidenceParams, type ExportEvidenceResult } from '../../../common/protocol';
import { openMarkdown } from './open-markdown';

const exportEvidenceRequest = new RequestType<ExportEvidenceParams, ExportEvidenceResult, void>(ExportEvidenceRequest);

/** `hciac-evidence-20261125-152000`: each export gets its own folder, so earlier evidence is never overwritten. */
export function exportFolderName(now: Date): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return `hciac-evidence-${stamp}`;
}

/** A document name from the server, accepted only as a plain file name (no separators, no `..`). */
export function isPlainFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name) && !name.includes('..');
}

/**
 * "Export Compliance Evidence…": asks the server for the documents, asks the user for a folder, and
 * writes the documents unchanged into a new, timestamped folder inside it.
 */
export async function exportEvidence(client: LanguageClient, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Export Compliance Evidence',
    openLabel: 'Export Here',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    ...(vscode.workspace.workspaceFolders?.[0] !== undefined ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  const parent = picked?.[0];
  if (parent === undefined) return undefined;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Healthcare IaC: exporting compliance evidence' }, async () => {
    let documents: readonly EvidenceDocument[];
    try {
      documents = (await client.sendRequest(exportEvidenceRequest, {})).documents;
    } catch (error) {
      log.error(`evidence export failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('Healthcare IaC: the evidence export failed; see the output for details.');
      return undefined;
    }
    const rejected = documents.filter((d) => !isPlainFileName(d.fileName));
    if (rejected.length > 0 || documents.length === 0) {
      log.error(`evidence export: the server sent ${documents.length} documents, ${rejected.length} with unusable names`);
      void vscode.window.showErrorMessage('Healthcare IaC: the evidence export returned no usable documents.');
      return undefined;
    }
    const folder = vscode.Uri.joinPath(parent, exportFolderName(new Date()));
    await vscode.workspace.fs.createDirectory(folder);
    const encoder = new TextEncoder();
    for (const d of documents) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, d.fileName), encoder.encode(d.content));
    log.info(`evidence export: ${documents.map((d) => d.fileName).join(', ')} written to ${folder.fsPath}`);
    const report = documents.find((d) => d.fileName.endsWith('.md'));
    void vscode.window.showInformationMessage(`Compliance evidence written to ${vscode.workspace.asRelativePath(folder)}`, ...(report !== undefined ? ['Open Report'] : [])).then((choice) => {
      if (choice === 'Open Report' && report !== undefined) void openMarkdown(vscode.Uri.joinPath(folder, report.fileName));
    });
    return folder;
  });
}
