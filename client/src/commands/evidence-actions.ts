import * as vscode from 'vscode';
import type { EvidenceItem } from '../../../common/protocol';
import type { ComplianceStore } from '../compliance/compliance-store';
import { controlEvidenceText, evidenceText } from '../compliance/evidence-text';
import { displayPath, type ControlsNode } from '../views/controls-tree';

function isNode(arg: unknown): arg is ControlsNode {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && typeof arg.kind === 'string';
}

function evidenceOf(store: ComplianceStore, node: ControlsNode): EvidenceItem | undefined {
  return node.kind === 'evidence' ? store.snapshot?.files.get(node.uri)?.evidence[node.index] : undefined;
}

/** The rule id behind a command argument: a rule id, or an evidence item of the panel. */
export function ruleIdOf(store: ComplianceStore, arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  return isNode(arg) ? evidenceOf(store, arg)?.ruleId : undefined;
}

/** "Copy Evidence": an evidence item, or a control of a file with all its evidence, as plain text. */
export async function copyEvidence(store: ComplianceStore, arg: unknown): Promise<void> {
  const snap = store.snapshot;
  if (snap === undefined || !isNode(arg)) return;
  let text: string | undefined;
  if (arg.kind === 'evidence') {
    const item = evidenceOf(store, arg);
    if (item !== undefined) text = evidenceText(item, displayPath(arg.uri));
  } else if (arg.kind === 'fileControl') {
    const file = snap.files.get(arg.uri);
    const status = file?.controls.find((c) => c.controlId === arg.controlId);
    const control = snap.controls.get(arg.controlId);
    if (file !== undefined && status !== undefined && control !== undefined) {
      const items = status.evidence.map((i) => file.evidence[i]).filter((e): e is EvidenceItem => e !== undefined);
      text = controlEvidenceText(control, status.status, displayPath(arg.uri), items);
    }
  }
  if (text === undefined) return;
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage('$(copy) Evidence copied', 3000);
}
