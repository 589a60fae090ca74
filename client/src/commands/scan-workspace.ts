import * as vscode from 'vscode';
import { RequestType, WorkDoneProgress, type LanguageClient, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { ScanWorkspaceRequest, type ScanWorkspaceParams, type ScanWorkspaceResult } from '../../../common/protocol';

const scanWorkspaceRequest = new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>(ScanWorkspaceRequest);
let nextToken = 0;

/** "Scan Workspace": re-reads every IaC file from disk, with a cancellable progress notification. */
export async function scanWorkspace(client: LanguageClient): Promise<ScanWorkspaceResult | undefined> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Healthcare IaC: scanning workspace', cancellable: true },
    async (progress, cancellation) => {
      const workDoneToken = `hciac-scan-${++nextToken}`;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'report') progress.report({ message: (value as WorkDoneProgressReport).message });
      });
      try {
        return await client.sendRequest(scanWorkspaceRequest, { workDoneToken }, cancellation);
      } catch (error) {
        if (cancellation.isCancellationRequested) return undefined; // the client may drop the answer once cancelled
        throw error;
      } finally {
        listener.dispose();
      }
    },
  );
  if (result === undefined) {
    void vscode.window.showInformationMessage('Healthcare IaC: scan cancelled.');
    return undefined;
  }
  const files = `${result.files} ${result.files === 1 ? 'file' : 'files'}`;
  if (result.cancelled) void vscode.window.showInformationMessage(`Healthcare IaC: scan cancelled after ${files}.`);
  else if (result.truncated) void vscode.window.showWarningMessage(`Healthcare IaC: scanned ${files}; stopped at healthcareIac.maxFiles.`);
  else vscode.window.setStatusBarMessage(`$(check) Healthcare IaC: scanned ${files}`, 5000);
  return result;
}
