import * as vscode from 'vscode';
import type { ComplianceStore } from '../compliance/compliance-store';
import { CONTROLS_VIEW_ID, ControlsTreeProvider, type ControlsNode, type Grouping } from './controls-tree';

const GROUPING_KEY = 'healthcareIac.controls.grouping';
const GROUPING_CONTEXT = 'healthcareIac.controls.grouping';

/**
 * The controls panel as a view: the tree, its grouping (remembered per workspace, shown as the view's
 * description and as a context key for menus) and a badge counting the violated controls.
 */
export class ControlsView implements vscode.Disposable {
  private readonly provider: ControlsTreeProvider;
  private readonly view: vscode.TreeView<ControlsNode>;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: ComplianceStore,
    private readonly state: vscode.Memento,
  ) {
    this.provider = new ControlsTreeProvider(store, state.get<Grouping>(GROUPING_KEY) === 'control' ? 'control' : 'file');
    this.view = vscode.window.createTreeView(CONTROLS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables = [this.provider, this.view, store.onDidChange(() => this.updateBadge())];
    this.showGrouping();
  }

  async toggleGrouping(): Promise<void> {
    this.provider.grouping = this.provider.grouping === 'file' ? 'control' : 'file';
    await this.state.update(GROUPING_KEY, this.provider.grouping);
    this.showGrouping();
  }

  /** Opens the panel; in the by-file grouping, selects the given file. */
  async show(uri: string | undefined): Promise<void> {
    await vscode.commands.executeCommand(`${CONTROLS_VIEW_ID}.focus`);
    if (uri !== undefined && this.provider.grouping === 'file' && this.store.snapshot?.files.has(uri) === true) {
      await this.view.reveal({ kind: 'file', uri }, { select: true, focus: true, expand: true });
    }
  }

  private showGrouping(): void {
    this.view.description = this.provider.grouping === 'file' ? 'by file' : 'by control';
    void vscode.commands.executeCommand('setContext', GROUPING_CONTEXT, this.provider.grouping);
  }

  private updateBadge(): void {
    const violated = this.store.snapshot?.workspace.filter((c) => c.status === 'violated').length ?? 0;
    this.view.badge = violated === 0 ? undefined : { value: violated, tooltip: `${violated} controls violated in the workspace` };
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
