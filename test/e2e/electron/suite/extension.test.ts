import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * The scenarios of test/e2e/code-server.e2e.ts through the VS Code API, in a real VS Code with the
 * extension under development: compliance diagnostics in a Terraform file, findings of closed files
 * from the background scan, and a quick fix that changes the file on disk and clears the finding.
 * Waits on VS Code events (diagnostics changes), never on sleeps.
 */

const EXTENSION_ID = 'hciac.healthcare-iac-compliance';
const workspace = process.env.HCIAC_E2E_WORKSPACE ?? '';
const fileUri = (...parts: string[]): vscode.Uri => vscode.Uri.file(path.join(workspace, ...parts));

/** The rule id of a diagnostic (`code` is `{ value, target }` when the server sends a documentation link). */
function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Resolves with the file's diagnostics once `accept` holds (checked now and on every change). */
function diagnosticsWhere(uri: vscode.Uri, accept: (ds: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'hciac');
      if (!accept(ds)) return false;
      resolve(ds);
      return true;
    };
    if (check()) return;
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && check()) subscription.dispose();
    });
  });
}

const hasRule = (rule: string) => (ds: readonly vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === rule);

describe('e2e (test-electron): the extension in a real VS Code', () => {
  before(async () => {
    assert.ok(workspace !== '', 'HCIAC_E2E_WORKSPACE names the copied examples/ folder');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    await extension.activate();
  });

  it('shows compliance diagnostics in a Terraform file, with rule id, source and HIPAA control', async () => {
    const rds = fileUri('terraform', 'phi-platform', 'rds.tf');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(rds));
    const ds = await diagnosticsWhere(rds, hasRule('aws-rds-instance-storage-encrypted'));
    const finding = ds.find((d) => ruleOf(d) === 'aws-rds-instance-storage-encrypted')!;
    assert.equal(finding.source, 'hciac');
    assert.match(finding.message, /HIPAA §164\.312/);
  });

  it('reports findings of files that were never opened (background workspace scan)', async () => {
    const cronjob = fileUri('kubernetes', 'patient-portal', 'cronjob.yaml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === cronjob.toString()), 'cronjob.yaml is not open');
    await diagnosticsWhere(cronjob, hasRule('k8s-no-privileged-containers'));
  });

  it('applies a quick fix from the code action provider: the file changes on disk and the finding clears', async () => {
    const kms = fileUri('terraform', 'phi-platform', 'kms.tf');
    const document = await vscode.workspace.openTextDocument(kms);
    await vscode.window.showTextDocument(document);
    const ds = await diagnosticsWhere(kms, hasRule('aws-kms-key-rotation-enabled'));
    const finding = ds.find((d) => ruleOf(d) === 'aws-kms-key-rotation-enabled')!;
    // The last argument asks VS Code to resolve the actions' edits (the server may compute them lazily).
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', kms, finding.range, vscode.CodeActionKind.QuickFix.value, 50);
    const fix = actions.find((a) => /enable_key_rotation/.test(a.title));
    assert.ok(fix?.edit, `a quick fix is offered (got: ${actions.map((a) => a.title).join('; ')})`);
    const remaining = ds.filter((d) => ruleOf(d) === 'aws-kms-key-rotation-enabled').length;
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the fix applies');
    assert.ok(await document.save(), 'the file is saved');
    assert.match(readFileSync(kms.fsPath, 'utf8'), /enable_key_rotation\s*=\s*true/);
    await diagnosticsWhere(kms, (now) => now.filter((d) => ruleOf(d) === 'aws-kms-key-rotation-enabled').length < remaining);
  });
});
