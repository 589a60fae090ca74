import * as vscode from 'vscode';
import type { ComplianceStore } from '../compliance/compliance-store';
import { controlExplanation, rulesOf } from '../compliance/control-explanation';
import { STATUS_LABEL } from '../compliance/outcomes';
import { displayPath } from '../views/controls-tree';
import { statusCodicon } from '../views/status-icons';
import { openMarkdown } from './open-markdown';

const SCHEME = 'hciac-explain';
/** Path prefix of rule pages under SCHEME (control ids never start with it). */
const RULES = '/rules/';

/**
 * Read-only Markdown documents: `hciac-explain:/<control id>.md` (kept current as the workspace
 * changes) and `hciac-explain:/rules/<rule id>.md` (the rule's page shipped with the extension, so
 * the explanation can link to it: the Markdown preview does not follow `file:` links).
 */
export class ControlExplanations implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly store: ComplianceStore) {
    this.disposables = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      store.onDidChange(() => {
        for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === SCHEME && !doc.uri.path.startsWith(RULES)) this.changed.fire(doc.uri);
      }),
    ];
  }

  uriFor(controlId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: SCHEME, path: `/${controlId}.md` });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const snap = this.store.snapshot;
    if (uri.path.startsWith(RULES)) {
      const rule = snap?.rules.get(uri.path.slice(RULES.length).replace(/\.md$/, ''));
      if (rule === undefined) return '# Unknown rule\n\nThis rule is not in this version.\n';
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(rule.docUri)));
    }
    const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const control = snap?.controls.get(id);
    if (snap === undefined || control === undefined) return `# ${id}\n\nThis control is not in the catalog of this version.\n`;
    // Relative links: the preview resolves them against this document, so they stay in this scheme.
    return controlExplanation(control, snap, displayPath, (rule) => `${RULES.slice(1)}${rule.id}.md`);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** A control id from a command argument: a tree node or summary message carrying one, or the id itself. */
export function controlIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && 'controlId' in arg && typeof arg.controlId === 'string') return arg.controlId;
  return undefined;
}

/** "Explain Control…": the control given (tree, summary) or one picked from the catalog, as a Markdown preview. */
export async function explainControl(store: ComplianceStore, explanations: ControlExplanations, arg: unknown): Promise<void> {
  const snap = store.snapshot ?? (await store.refreshNow());
  if (snap === undefined) {
    void vscode.window.showWarningMessage('Healthcare IaC: the language server is not running.');
    return;
  }
  const controlId = controlIdOf(arg) ?? (await pickControl(store));
  if (controlId === undefined) return;
  await openMarkdown(explanations.uriFor(controlId));
}

type ControlPick = vscode.QuickPickItem & { readonly controlId?: string };

async function pickControl(store: ComplianceStore): Promise<string | undefined> {
  const snap = store.snapshot;
  if (snap === undefined) return undefined;
  const status = new Map(snap.workspace.map((c) => [c.controlId, c.status]));
  const items: ControlPick[] = [];
  for (const framework of snap.catalog.frameworks) {
    const controls = snap.catalog.controls.filter((c) => c.framework === framework.id);
    if (controls.length === 0) continue;
    items.push({ label: `${framework.name}${framework.enabled ? '' : ' (not enabled)'}`, kind: vscode.QuickPickItemKind.Separator });
    for (const control of controls) {
      const rules = rulesOf(control, snap.rules);
      const shown = status.get(control.id);
      items.push({
        label: `${shown !== undefined ? `$(${statusCodicon(shown)}) ` : ''}${control.label}`,
        description: control.title,
        detail: `${rules.length === 0 ? 'No rule evidences it' : `Evidenced by ${rules.map((r) => r.id).join(', ')}`}${shown !== undefined ? ` · workspace: ${STATUS_LABEL[shown]}` : ''}`,
        controlId: control.id,
      });
    }
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Explain Control', placeHolder: 'Control (type a section, a title or a rule id)', matchOnDescription: true, matchOnDetail: true });
  return picked?.controlId;
}
