import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ComplianceStore } from '../compliance/compliance-store';
import { displayPath } from '../views/controls-tree';
import { renderSummaryHtml } from './summary-html';
import { parseSummaryMessage, type SummaryMessage } from './summary-messages';
import { buildSummary } from './summary-model';

export const SUMMARY_VIEW_TYPE = 'healthcareIac.summary';

/** What the summary asks the rest of the extension to do (explain a control, open a rule page). */
export interface SummaryActions {
  explainControl(controlId: string): Thenable<unknown>;
  openRuleDoc(ruleId: string): Thenable<unknown>;
}

/**
 * The "Show Compliance Summary" webview: one panel, re-rendered from the store whenever the server's
 * data changes. Strict CSP with a fresh nonce per render, scripts only for buttons, resources only
 * from the extension's media folder, messages validated (unknown messages are logged and dropped).
 */
export class SummaryPanel implements vscode.Disposable {
  private static current: SummaryPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The data changed while the panel was hidden: render when it shows again. */
  private stale = false;
  private disposed = false;

  static show(extensionUri: vscode.Uri, store: ComplianceStore, actions: SummaryActions, log: vscode.LogOutputChannel): void {
    if (SummaryPanel.current !== undefined) {
      SummaryPanel.current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(SUMMARY_VIEW_TYPE, 'Compliance Summary', vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    });
    SummaryPanel.current = new SummaryPanel(panel, store, actions, log);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly store: ComplianceStore,
    private readonly actions: SummaryActions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      store.onDidChange(() => (panel.visible ? this.render() : (this.stale = true))),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.render();
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseSummaryMessage(raw);
        if (message === undefined) this.log.warn('compliance summary: ignored a message of unexpected shape from the webview');
        else void this.handle(message);
      }),
    );
    this.render();
    void store.refreshNow();
  }

  private render(): void {
    this.stale = false;
    const snap = this.store.snapshot;
    const nonce = randomBytes(16).toString('base64');
    if (snap === undefined) {
      this.panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head><body><p>Waiting for the Healthcare IaC language server…</p></body></html>`;
      return;
    }
    this.panel.webview.html = renderSummaryHtml(buildSummary(snap, displayPath, new Date()), { nonce, cspSource: this.panel.webview.cspSource });
  }

  private async handle(message: SummaryMessage): Promise<void> {
    const snap = this.store.snapshot;
    switch (message.type) {
      case 'refresh':
        await this.store.refreshNow();
        return;
      case 'openFile': {
        // Only files the summary lists: the webview must not be able to open anything else.
        if (snap?.files.has(message.uri) !== true) return this.log.warn('compliance summary: ignored a request to open a file it does not list');
        const position = new vscode.Position(message.line, 0);
        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside });
        return;
      }
      case 'explainControl':
        if (snap?.controls.has(message.controlId) !== true) return this.log.warn('compliance summary: ignored an unknown control id');
        await this.actions.explainControl(message.controlId);
        return;
      case 'openRuleDoc':
        if (snap?.rules.has(message.ruleId) !== true) return this.log.warn('compliance summary: ignored an unknown rule id');
        await this.actions.openRuleDoc(message.ruleId);
        return;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (SummaryPanel.current === this) SummaryPanel.current = undefined;
    vscode.Disposable.from(...this.disposables).dispose();
    this.panel.dispose();
  }
}
