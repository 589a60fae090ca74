import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TestClient } from '../harness/lsp-client';

const RULE = 'aws-rds-instance-storage-encrypted';
/** The diagnostics of the rule under test (other rules may also report on the same resource). */
const ours = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.filter((d) => d.code === RULE);
const RDS_BAD = 'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n';

describe('protocol: diagnostics from the bundled server over stdio', function () {
  let client: TestClient | undefined;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hciac-proto-'));
  });
  afterEach(async () => {
    if (client) await client.stop();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a finding with rule id, source, doc link and control, and clears it after an incremental fix', async () => {
    client = await TestClient.start();
    const uri = pathToFileURL(path.join(dir, 'main.tf')).toString();
    await client.open(uri, RDS_BAD);
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.equal(ours(first).length, 1);
    const d = first.diagnostics.find((x) => x.code === RULE)!;
    assert.equal(d.source, 'hciac');
    assert.equal(d.code, 'aws-rds-instance-storage-encrypted');
    assert.match(String(d.message), /HIPAA §164\.312\(a\)\(2\)\(iv\)/);
    assert.deepEqual(d.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 27 } });
    const href = String(d.codeDescription?.href);
    assert.ok(href.startsWith('file://'), 'doc link is a local file');
    assert.ok(existsSync(fileURLToPath(href)), `doc page exists: ${href}`);

    // Replace `false` with `true` through a ranged (incremental) change.
    await client.change(uri, 2, [{ range: { start: { line: 2, character: 22 }, end: { line: 2, character: 27 } }, text: 'true' }]);
    const second = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(ours(second), []);

    // Type it back character by character: every version gets its own publication.
    await client.change(uri, 3, [{ range: { start: { line: 2, character: 22 }, end: { line: 2, character: 26 } }, text: '' }]);
    let version = 3;
    for (const ch of 'false') {
      version += 1;
      await client.change(uri, version, [{ range: { start: { line: 2, character: 22 + 'false'.indexOf(ch) }, end: { line: 2, character: 22 + 'false'.indexOf(ch) } }, text: ch }]);
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === version);
    assert.equal(ours(last).length, 1);

    // Closing a file that does not exist on disk clears its diagnostics.
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('analyses the workspace in the background: closed files get diagnostics, variables resolve across files', async () => {
    writeFileSync(path.join(dir, 'rds.tf'), 'resource "aws_db_instance" "phi" {\n  storage_encrypted = var.encrypt\n}\n');
    writeFileSync(path.join(dir, 'variables.tf'), 'variable "encrypt" {\n  type    = bool\n  default = true\n}\n');
    writeFileSync(path.join(dir, 'terraform.tfvars'), 'encrypt = false\n');
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    const scan = await client.waitForScan();
    assert.equal(scan.files, 3);
    const rds = pathToFileURL(path.join(dir, 'rds.tf')).toString();
    const published = await client.waitForDiagnostics(rds, (p) => ours(p).length > 0);
    const d = ours(published)[0]! as (typeof published.diagnostics)[number];
    assert.deepEqual(d.range.start, { line: 1, character: 22 });
    assert.equal(d.relatedInformation?.[0]?.location.uri, pathToFileURL(path.join(dir, 'terraform.tfvars')).toString());
  });

  it('editing an open file re-evaluates the other files of its module', async () => {
    writeFileSync(path.join(dir, 'rds.tf'), 'resource "aws_db_instance" "phi" {\n  storage_encrypted = var.encrypt\n}\n');
    writeFileSync(path.join(dir, 'variables.tf'), 'variable "encrypt" {\n  default = false\n}\n');
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    await client.waitForScan();
    const rds = pathToFileURL(path.join(dir, 'rds.tf')).toString();
    await client.waitForDiagnostics(rds, (p) => ours(p).length === 1);
    const vars = pathToFileURL(path.join(dir, 'variables.tf')).toString();
    await client.open(vars, 'variable "encrypt" {\n  default = false\n}\n');
    const cleared = client.nextDiagnostics(rds, (p) => ours(p).length === 0);
    await client.change(vars, 2, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 17 } }, text: 'true' }]);
    await cleared;
  });

  it('Helm templates get one information note; binary and broken files do not crash the server or flood it', async () => {
    client = await TestClient.start();
    const helm = pathToFileURL(path.join(dir, 'templates', 'deployment.yaml')).toString();
    await client.open(helm, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n');
    const h = await client.waitForDiagnostics(helm);
    assert.equal(h.diagnostics.length, 1);
    assert.equal(h.diagnostics[0]!.severity, 3);
    assert.equal(h.diagnostics[0]!.code, 'helm-template');

    const bin = pathToFileURL(path.join(dir, 'blob.tf')).toString();
    await client.open(bin, 'PK\u0003\u0004\u0000\u0000\u0000binary\uFFFD\uFFFD');
    const b = await client.waitForDiagnostics(bin);
    assert.deepEqual(b.diagnostics.map((x) => x.code), ['binary-file']);

    const broken = pathToFileURL(path.join(dir, 'broken.tf')).toString();
    await client.open(broken, 'resource "aws_db_instance" "phi" {\n  storage_encrypted = \nresource "x" {{{{ "unterminated\n');
    const k = await client.waitForDiagnostics(broken);
    assert.ok(k.diagnostics.length <= 1, `no error storm: ${k.diagnostics.length} diagnostics`);

    const yaml = pathToFileURL(path.join(dir, 'half.yaml')).toString();
    await client.open(yaml, 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext: {privileged: tr');
    await client.waitForDiagnostics(yaml);
    // Still serving: a fresh file gets its diagnostics.
    const ok = pathToFileURL(path.join(dir, 'ok.tf')).toString();
    await client.open(ok, RDS_BAD);
    assert.equal(ours(await client.waitForDiagnostics(ok)).length, 1);
  });

  it('offers the quick fix as a versioned edit, and settings can turn a rule off', async () => {
    client = await TestClient.start();
    const uri = pathToFileURL(path.join(dir, 'main.tf')).toString();
    await client.open(uri, RDS_BAD);
    const diagnostics = ours(await client.waitForDiagnostics(uri, (p) => ours(p).length === 1)) as import('vscode-languageserver').Diagnostic[];
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics },
    })) as { title: string; kind: string; edit: { documentChanges: { textDocument: { version: number }; edits: { newText: string }[] }[] } }[];
    const fix = actions.find((a) => a.kind === 'quickfix');
    assert.ok(fix, 'a quick fix is offered');
    assert.match(fix.title, /storage_encrypted = true/);
    assert.equal(fix.edit.documentChanges[0]!.textDocument.version, 1);
    assert.equal(fix.edit.documentChanges[0]!.edits[0]!.newText, 'true');
    // The RDS fix replaces the instance: it is review-only and never part of fix-all.
    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics: [], only: ['source.fixAll'] } })) as typeof actions;
    const fixAllEdits = fixAll.flatMap((a) => a.edit.documentChanges.flatMap((c) => c.edits as unknown as { range: unknown; newText: string }[]));
    assert.ok(!fixAllEdits.some((e) => JSON.stringify(e.range) === JSON.stringify(diagnostics[0]!.range)), 'the review-class fix is not part of fix-all');

    const cleared = client.nextDiagnostics(uri, (p) => ours(p).length === 0);
    await client.setSettings({ rules: { 'aws-rds-instance-storage-encrypted': 'off' } });
    await cleared;
  });

  it('exits cleanly on shutdown + exit', async () => {
    const c = await TestClient.start();
    assert.equal(await c.stop(), 0);
    client = undefined;
  });
});
