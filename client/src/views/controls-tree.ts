import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ControlInfo, EvidenceItem, FileCompliance, FileControlStatus } from '../../../common/protocol';
import type { ComplianceSnapshot, ComplianceStore } from '../compliance/compliance-store';
import { countStatuses, describeCounts, STATUS_LABEL, worstStatus } from '../compliance/outcomes';
import { statusIcon } from './status-icons';

export const CONTROLS_VIEW_ID = 'healthcareIac.controls';
export type Grouping = 'file' | 'control';

/** The nodes of the tree; context menus read `contextValue`, commands receive the node. */
export type ControlsNode =
  | { readonly kind: 'file'; readonly uri: string }
  | { readonly kind: 'framework'; readonly framework: string }
  | { readonly kind: 'control'; readonly controlId: string }
  | { readonly kind: 'fileControl'; readonly uri: string; readonly controlId: string; readonly under: Grouping }
  | { readonly kind: 'untouched'; readonly uri: string }
  | { readonly kind: 'untouchedControl'; readonly uri: string; readonly controlId: string }
  | { readonly kind: 'evidence'; readonly uri: string; readonly controlId: string; readonly index: number; readonly under: Grouping };

/** The workspace-relative path of a file URI, as the panel, the summary and copied evidence show it. */
export function displayPath(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
}

/**
 * The controls panel: file → control → evidence, or (toggled) framework → control → file →
 * evidence. Data comes from the ComplianceStore; every refresh of the store refreshes the tree.
 */
export class ControlsTreeProvider implements vscode.TreeDataProvider<ControlsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ControlsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ComplianceStore,
    private groupingValue: Grouping,
  ) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  get grouping(): Grouping {
    return this.groupingValue;
  }

  set grouping(value: Grouping) {
    this.groupingValue = value;
    this.changed.fire(undefined);
  }

  getChildren(node?: ControlsNode): ControlsNode[] {
    const snap = this.store.snapshot;
    if (snap === undefined) return [];
    if (node === undefined) {
      if (this.groupingValue === 'file') return [...snap.files.keys()].map((uri) => ({ kind: 'file', uri }));
      return snap.frameworks.map((framework) => ({ kind: 'framework', framework }));
    }
    switch (node.kind) {
      case 'file': {
        const file = snap.files.get(node.uri);
        if (file === undefined) return [];
        const touched: ControlsNode[] = file.controls.map((c) => ({ kind: 'fileControl', uri: node.uri, controlId: c.controlId, under: 'file' }));
        return untouchedControls(snap, file).length > 0 ? [...touched, { kind: 'untouched', uri: node.uri }] : touched;
      }
      case 'framework':
        return snap.workspace.filter((c) => snap.controls.get(c.controlId)?.framework === node.framework).map((c) => ({ kind: 'control', controlId: c.controlId }));
      case 'control':
        return filesTouching(snap, node.controlId).map((file) => ({ kind: 'fileControl', uri: file.uri, controlId: node.controlId, under: 'control' }));
      case 'fileControl': {
        const status = fileControl(snap, node.uri, node.controlId);
        return (status?.evidence ?? []).map((index) => ({ kind: 'evidence', uri: node.uri, controlId: node.controlId, index, under: node.under }));
      }
      case 'untouched': {
        const file = snap.files.get(node.uri);
        return file === undefined ? [] : untouchedControls(snap, file).map((c) => ({ kind: 'untouchedControl', uri: node.uri, controlId: c.id }));
      }
      case 'untouchedControl':
      case 'evidence':
        return [];
    }
  }

  getParent(node: ControlsNode): ControlsNode | undefined {
    switch (node.kind) {
      case 'file':
      case 'framework':
        return undefined;
      case 'control': {
        const framework = this.store.snapshot?.controls.get(node.controlId)?.framework;
        return framework === undefined ? undefined : { kind: 'framework', framework };
      }
      case 'fileControl':
        return node.under === 'file' ? { kind: 'file', uri: node.uri } : { kind: 'control', controlId: node.controlId };
      case 'untouched':
        return { kind: 'file', uri: node.uri };
      case 'untouchedControl':
        return { kind: 'untouched', uri: node.uri };
      case 'evidence':
        return { kind: 'fileControl', uri: node.uri, controlId: node.controlId, under: node.under };
    }
  }

  getTreeItem(node: ControlsNode): vscode.TreeItem {
    const snap = this.store.snapshot;
    const item = snap === undefined ? new vscode.TreeItem('…') : treeItem(snap, node);
    item.id = nodeId(node);
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Stable ids keep expansion and selection across refreshes. */
function nodeId(node: ControlsNode): string {
  switch (node.kind) {
    case 'file':
      return `file|${node.uri}`;
    case 'framework':
      return `framework|${node.framework}`;
    case 'control':
      return `control|${node.controlId}`;
    case 'fileControl':
      return `${node.under}|${node.uri}|${node.controlId}`;
    case 'untouched':
      return `untouched|${node.uri}`;
    case 'untouchedControl':
      return `untouched|${node.uri}|${node.controlId}`;
    case 'evidence':
      return `${node.under}|${node.uri}|${node.controlId}|${node.index}`;
  }
}

function treeItem(snap: ComplianceSnapshot, node: ControlsNode): vscode.TreeItem {
  const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
  switch (node.kind) {
    case 'file': {
      const file = snap.files.get(node.uri);
      const statuses = countStatuses((file?.controls ?? []).map((c) => c.status));
      const item = new vscode.TreeItem(path.posix.basename(vscode.Uri.parse(node.uri).path), Collapsed);
      const dir = path.posix.dirname(displayPath(node.uri));
      item.description = [dir === '.' ? '' : dir, describeCounts(statuses)].filter((s) => s !== '').join(' · ');
      item.iconPath = statusIcon(worstStatus((file?.controls ?? []).map((c) => c.status)));
      item.resourceUri = vscode.Uri.parse(node.uri);
      item.tooltip = new vscode.MarkdownString(`**${displayPath(node.uri)}**\n\n${(file?.findings ?? 0)} findings · controls: ${describeCounts(statuses) || 'none touched'}`);
      item.contextValue = 'file';
      return item;
    }
    case 'framework': {
      const name = snap.catalog.frameworks.find((f) => f.id === node.framework)?.name ?? node.framework;
      const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
      const statuses = countStatuses(snap.workspace.filter((c) => snap.controls.get(c.controlId)?.framework === node.framework).map((c) => c.status));
      item.description = describeCounts(statuses);
      item.contextValue = 'framework';
      return item;
    }
    case 'control': {
      const control = snap.controls.get(node.controlId);
      const status = snap.workspace.find((c) => c.controlId === node.controlId);
      const touched = status !== undefined && status.status !== 'not-evaluated';
      const item = new vscode.TreeItem(controlTitle(control, node.controlId), touched ? Collapsed : vscode.TreeItemCollapsibleState.None);
      item.iconPath = statusIcon(status?.status ?? 'not-evaluated');
      item.description = status === undefined || status.status === 'not-evaluated' ? 'no file evidences this control' : `${describeCounts(status.files)} (files)`;
      item.tooltip = controlTooltip(control, status === undefined ? 'not evaluated' : STATUS_LABEL[status.status]);
      item.contextValue = 'control';
      return item;
    }
    case 'fileControl': {
      const control = snap.controls.get(node.controlId);
      const file = snap.files.get(node.uri);
      const status = fileControl(snap, node.uri, node.controlId);
      const label = node.under === 'file' ? controlTitle(control, node.controlId) : displayPath(node.uri);
      const item = new vscode.TreeItem(label, Collapsed);
      const evidence = (status?.evidence ?? []).map((i) => file?.evidence[i]).filter((e): e is EvidenceItem => e !== undefined);
      item.description = `${STATUS_LABEL[status?.status ?? 'satisfied']} · ${describeCounts(countStatuses(evidence.map((e) => e.outcome)))} (evidence)`;
      item.iconPath = statusIcon(status?.status ?? 'not-evaluated');
      item.tooltip = controlTooltip(control, STATUS_LABEL[status?.status ?? 'satisfied']);
      item.contextValue = 'fileControl';
      return item;
    }
    case 'untouched': {
      const file = snap.files.get(node.uri);
      const count = file === undefined ? 0 : untouchedControls(snap, file).length;
      const item = new vscode.TreeItem(`Not touched by this file (${count})`, Collapsed);
      item.iconPath = statusIcon('not-touched');
      item.tooltip = 'Controls of the enabled frameworks that no rule evaluated in this file.';
      item.contextValue = 'untouched';
      return item;
    }
    case 'untouchedControl': {
      const control = snap.controls.get(node.controlId);
      const item = new vscode.TreeItem(controlTitle(control, node.controlId));
      item.description = 'not touched';
      item.iconPath = statusIcon('not-touched');
      item.tooltip = controlTooltip(control, 'not touched by this file');
      item.contextValue = 'control';
      return item;
    }
    case 'evidence': {
      const e = snap.files.get(node.uri)?.evidence[node.index];
      if (e === undefined) return new vscode.TreeItem('(gone)');
      const item = new vscode.TreeItem(`${e.resource}`);
      item.description = `${STATUS_LABEL[e.outcome]} · ${e.ruleId} · line ${e.range.start.line + 1}`;
      item.iconPath = statusIcon(e.outcome);
      item.tooltip = evidenceTooltip(e, snap.rules.get(e.ruleId)?.title);
      item.contextValue = 'evidence';
      const selection = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
      item.command = { command: 'vscode.open', title: 'Go to Evidence', arguments: [vscode.Uri.parse(node.uri), { selection, preserveFocus: true } satisfies vscode.TextDocumentShowOptions] };
      return item;
    }
  }
}

function controlTitle(control: ControlInfo | undefined, id: string): string {
  return control === undefined ? id : `${control.label} ${control.title}`;
}

function controlTooltip(control: ControlInfo | undefined, status: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  if (control === undefined) return md.appendText(status);
  md.appendMarkdown('**').appendText(control.label).appendMarkdown('** — ').appendText(control.title).appendMarkdown('\n\nStatus: **').appendText(status).appendMarkdown('**\n\n');
  if (control.intent !== undefined) md.appendText(control.intent).appendMarkdown('\n\n');
  if (control.iacEvidence !== undefined) md.appendText(`How far infrastructure code can evidence it: ${control.iacEvidence}`);
  return md;
}

function evidenceTooltip(e: EvidenceItem, ruleTitle: string | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(STATUS_LABEL[e.outcome]).appendMarkdown('** — ').appendText(`${e.ruleId}${ruleTitle !== undefined ? `: ${ruleTitle}` : ''}`).appendMarkdown('\n\n');
  md.appendText(`Resource ${e.resource}, line ${e.range.start.line + 1}`).appendMarkdown('\n\n');
  if (e.message !== undefined) md.appendText(e.message).appendMarkdown('\n\n');
  if (e.suppression !== undefined) {
    const s = e.suppression;
    md.appendText(`Suppressed by ${s.origin}: “${s.reason}”${s.expires !== undefined ? `, expires ${s.expires}` : ', no expiry'}`);
  }
  return md;
}

function fileControl(snap: ComplianceSnapshot, uri: string, controlId: string): FileControlStatus | undefined {
  return snap.files.get(uri)?.controls.find((c) => c.controlId === controlId);
}

function filesTouching(snap: ComplianceSnapshot, controlId: string): FileCompliance[] {
  return [...snap.files.values()].filter((f) => f.controls.some((c) => c.controlId === controlId));
}

function untouchedControls(snap: ComplianceSnapshot, file: FileCompliance): ControlInfo[] {
  const touched = new Set(file.controls.map((c) => c.controlId));
  const out: ControlInfo[] = [];
  for (const { controlId } of snap.workspace) {
    const control = snap.controls.get(controlId);
    if (control !== undefined && !touched.has(controlId)) out.push(control);
  }
  return out;
}
