import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComplianceStore } from '../compliance/compliance-store';
import { countStatuses, describeCounts, STATUS_LABEL, type ShownStatus } from '../compliance/outcomes';
import { statusCodicon } from '../views/status-icons';

const SHOWN: readonly ShownStatus[] = ['violated', 'suppressed', 'unknown', 'satisfied'];
const TERRAFORM_LANGUAGES = new Set(['terraform', 'terraform-vars']);

/**
 * The active file's findings and control status: `$(shield) 2 findings $(error) 3 $(pass) 9`.
 * Hidden for files the server does not analyse; clicking it opens the controls panel.
 */
export class ComplianceStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: ComplianceStore,
    clickCommand: string,
  ) {
    this.item = vscode.window.createStatusBarItem('healthcareIac.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Healthcare Compliance';
    this.item.command = clickCommand;
    this.disposables = [this.item, store.onDidChange(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update())];
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const snap = this.store.snapshot;
    if (document === undefined || snap === undefined) return this.item.hide();
    const file = snap.files.get(document.uri.toString());
    const name = path.posix.basename(document.uri.path);
    if (file === undefined) {
      if (!TERRAFORM_LANGUAGES.has(document.languageId)) return this.item.hide();
      this.item.text = '$(shield) no controls';
      this.item.tooltip = `Healthcare compliance: no rule evaluated ${name}.`;
      this.item.accessibilityInformation = { label: `Healthcare compliance of ${name}: no control touched` };
      return this.item.show();
    }
    const counts = countStatuses(file.controls.map((c) => c.status));
    const findings = `${file.findings} ${file.findings === 1 ? 'finding' : 'findings'}`;
    this.item.text = ['$(shield)', findings, ...SHOWN.filter((s) => counts[s] > 0).map((s) => `$(${statusCodicon(s)}) ${counts[s]}`)].join(' ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**Healthcare compliance** of ').appendText(name).appendMarkdown('\n\n');
    tooltip.appendMarkdown(`| Controls | |\n|---|--:|\n${SHOWN.map((s) => `| ${STATUS_LABEL[s]} | ${counts[s]} |`).join('\n')}\n\n`);
    tooltip.appendText(`${findings}. Click to open the controls panel.`);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Healthcare compliance of ${name}: ${findings}; controls ${describeCounts(counts, SHOWN) || 'none touched'}` };
    this.item.show();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
