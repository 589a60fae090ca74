import * as vscode from 'vscode';
import type { RuleInfo } from '../../../common/protocol';
import type { ComplianceStore } from '../compliance/compliance-store';
import { openMarkdown } from './open-markdown';

type RulePick = vscode.QuickPickItem & { readonly rule?: RuleInfo };

/** "Show Rules…": every rule with its severity and controls; picking one opens its documentation. */
export async function showRules(store: ComplianceStore): Promise<void> {
  const snap = store.snapshot ?? (await store.refreshNow());
  if (snap === undefined) {
    void vscode.window.showWarningMessage('Healthcare IaC: the language server is not running.');
    return;
  }
  const enabledFrameworks = new Set(snap.frameworks);
  const items: RulePick[] = [];
  for (const [title, enabled] of [['Enabled', true], ['Turned off', false]] as const) {
    const rules = snap.catalog.rules.filter((r) => r.enabled === enabled);
    if (rules.length === 0) continue;
    items.push({ label: `${title} (${rules.length})`, kind: vscode.QuickPickItemKind.Separator });
    for (const rule of rules) {
      const controls = rule.controls.filter((id) => enabledFrameworks.has(snap.controls.get(id)?.framework ?? '')).map((id) => snap.controls.get(id)?.label ?? id);
      items.push({ label: rule.id, description: `${rule.severity} · ${rule.title}`, detail: controls.join(', '), rule });
    }
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Healthcare IaC Rules', placeHolder: 'Rule (type an id, a title or a control)', matchOnDescription: true, matchOnDetail: true });
  if (picked?.rule !== undefined) await openMarkdown(vscode.Uri.parse(picked.rule.docUri));
}

/** "Open Rule Documentation" for a rule id or a panel item that carries one. */
export async function openRuleDoc(store: ComplianceStore, ruleId: string | undefined): Promise<void> {
  if (ruleId === undefined) return showRules(store);
  const rule = store.snapshot?.rules.get(ruleId);
  if (rule === undefined) {
    void vscode.window.showWarningMessage(`Healthcare IaC: no rule ${ruleId} in this version.`);
    return;
  }
  await openMarkdown(vscode.Uri.parse(rule.docUri));
}
