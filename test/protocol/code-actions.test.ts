import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver';
import { LineIndex } from '../../server/src/model/line-index';
import { fileKindOf } from '../../server/src/parsing/file-kind';
import { buildSource } from '../../server/src/workspace/source-file';
import { grammars, repoRoot } from '../harness/assets';
import { TestClient } from '../harness/lsp-client';

/** An edit as the server sends it: a plain TextEdit or an LSP 3.18 SnippetTextEdit. */
type AnyEdit = { range: Range; newText: string } | { range: Range; snippet: { kind: 'snippet'; value: string } };
interface DocumentEdit {
  textDocument: { uri: string; version: number | null };
  edits: AnyEdit[];
}
type Action = CodeAction & { edit?: { documentChanges?: DocumentEdit[] } };

/** Applies LSP edits the way an editor does (ranges of the original text, insertions at one point in array order). */
function applyLspEdits(text: string, edits: readonly AnyEdit[]): string {
  const index = new LineIndex(text);
  const offsetOf = (p: Range['start']): number => {
    for (let o = 0; o <= text.length; o++) {
      const q = index.positionAt(o);
      if (q.line === p.line && q.character === p.character) return o;
    }
    throw new Error(`position ${p.line}:${p.character} is not in the text`);
  };
  const spans = edits.map((e, i) => ({ start: offsetOf(e.range.start), end: offsetOf(e.range.end), text: 'newText' in e ? e.newText : e.snippet.value, i }));
  spans.sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function onlyEditOf(action: Action, uri: string): DocumentEdit {
  const changes = action.edit?.documentChanges ?? [];
  assert.equal(changes.length, 1, `${action.title}: one document edited`);
  assert.equal(changes[0]!.textDocument.uri, uri);
  return changes[0]!;
}

async function parses(uri: string, text: string): Promise<boolean> {
  const source = buildSource(uri, fileKindOf(uri)!, text, undefined, await grammars(), { maxFileSize: 1 << 22 });
  return source.model.kind !== 'none' && !source.model.file.hasErrors;
}

const of = (rule: string) => (p: { diagnostics: Diagnostic[] }) => p.diagnostics.filter((d) => d.code === rule);

describe('protocol: code actions of the bundled server', function () {
  let client: TestClient | undefined;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hciac-actions-'));
  });
  afterEach(async () => {
    if (client) await client.stop();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<Action[]> =>
    client!.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<Action[]>;

  it('a quick fix for one finding: preferred when safe, a versioned TextDocumentEdit that clears the finding', async () => {
    client = await TestClient.start();
    const uri = pathToFileURL(path.join(dir, 'rds.tf')).toString();
    const text = 'resource "aws_db_instance" "reporting" {\n  engine              = "postgres"\n  storage_encrypted   = true\n  publicly_accessible = true\n}\n';
    await client.open(uri, text, 'terraform', 7);
    const [diagnostic] = of('aws-rds-not-publicly-accessible')(await client.waitForDiagnostics(uri, (p) => p.version === 7));
    assert.ok(diagnostic);
    const actions = await request(uri, diagnostic.range, [diagnostic]);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title === 'Set publicly_accessible = false');
    assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    const change = onlyEditOf(fix, uri);
    assert.equal(change.textDocument.version, 7, 'the edit names the version it was computed for');
    const fixed = applyLspEdits(text, change.edits);
    assert.equal(fixed, text.replace('publicly_accessible = true', 'publicly_accessible = false'));
    await client.change(uri, 8, [{ text: fixed }]);
    assert.deepEqual(of('aws-rds-not-publicly-accessible')(await client.waitForDiagnostics(uri, (p) => p.version === 8)), []);
  });

  it('"Fix all <rule> problems in this file": only that rule\'s safe fixes, offered from two fixable findings on', async () => {
    client = await TestClient.start();
    const uri = pathToFileURL(path.join(dir, 'kms.tf')).toString();
    const key = (name: string) => `resource "aws_kms_key" "${name}" {\n  description = "${name}"\n}\n`;
    const text = `${key('documents')}\n${key('claims')}\n${key('audit')}\nresource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = "trail"\n}\n`;
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri, (p) => of('aws-kms-key-rotation-enabled')(p).length === 3);
    const rotation = of('aws-kms-key-rotation-enabled')(published);
    const validation = of('aws-cloudtrail-log-file-validation')(published);
    assert.equal(validation.length, 1, 'a safe finding of another rule is in the file too');

    const actions = await request(uri, rotation[1]!.range, [rotation[1]!]);
    const all = actions.find((a) => a.title === 'Fix all aws-kms-key-rotation-enabled problems in this file');
    assert.ok(all, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(all.kind, 'quickfix');
    const change = onlyEditOf(all, uri);
    assert.equal(change.textDocument.version, 1);
    assert.equal(change.edits.length, 3);
    const fixed = applyLspEdits(text, change.edits);
    assert.equal((fixed.match(/enable_key_rotation = true/g) ?? []).length, 3);
    assert.ok(!fixed.includes('enable_log_file_validation'), 'the other rule is left alone');
    await client.change(uri, 2, [{ text: fixed }]);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(of('aws-kms-key-rotation-enabled')(after), []);
    assert.equal(of('aws-cloudtrail-log-file-validation')(after).length, 1);

    // One fixable finding of a rule: no "Fix all" for it.
    const single = await request(uri, of('aws-cloudtrail-log-file-validation')(after)[0]!.range, of('aws-cloudtrail-log-file-validation')(after));
    assert.deepEqual(single.filter((a) => a.kind === 'quickfix' && a.title.startsWith('Fix all')).map((a) => a.title), []);
  });

  it('review fixes: titles name the consequence, never part of any fix-all', async () => {
    client = await TestClient.start();
    const uri = pathToFileURL(path.join(dir, 'rds.tf')).toString();
    const db = (name: string) => `resource "aws_db_instance" "${name}" {\n  engine              = "postgres"\n  storage_encrypted   = false\n  publicly_accessible = false\n}\n`;
    const text = `${db('a')}\n${db('b')}`;
    await client.open(uri, text);
    const review = of('aws-rds-instance-storage-encrypted')(await client.waitForDiagnostics(uri, (p) => of('aws-rds-instance-storage-encrypted')(p).length === 2));
    const actions = await request(uri, review[0]!.range, review);
    // Every finding also offers "Suppress … with justification…" (a command, tested in suppress-action.test.ts).
    const fixes = actions.filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Suppress '));
    assert.deepEqual(fixes.map((a) => [a.title, a.isPreferred]), [['Set storage_encrypted = true (replaces an existing instance)', false], ['Set storage_encrypted = true (replaces an existing instance)', false]]);
    assert.deepEqual(actions.filter((a) => a.kind === 'quickfix' && a.title.startsWith('Fix all')), [], 'two review findings offer no "Fix all <rule>"');
    // The file has safe findings of other rules (log exports, backup retention): source.fixAll fixes those only.
    const [fixAll] = await request(uri, review[0]!.range, [], ['source.fixAll']);
    assert.ok(fixAll);
    const fixed = applyLspEdits(text, onlyEditOf(fixAll, uri).edits);
    assert.equal((fixed.match(/storage_encrypted   = false/g) ?? []).length, 2, 'the review-class finding is left as it is');
    assert.equal((fixed.match(/backup_retention_period = 7/g) ?? []).length, 2, 'the safe ones are fixed');
  });

  it('a fix of a value decided in terraform.tfvars edits that file (not open: version null), whole, and clears the finding', async () => {
    const rds = 'resource "aws_db_instance" "reporting" {\n  engine            = "postgres"\n  storage_encrypted = var.db_storage_encrypted\n}\n';
    const tfvars = 'region = "us-east-1"\n\n# during the migration\ndb_storage_encrypted = false\n';
    writeFileSync(path.join(dir, 'rds.tf'), rds);
    writeFileSync(path.join(dir, 'variables.tf'), 'variable "db_storage_encrypted" {\n  type    = bool\n  default = true\n}\n');
    writeFileSync(path.join(dir, 'terraform.tfvars'), tfvars);
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()], editSupport: { snippets: true } });
    await client.waitForScan();
    const uri = pathToFileURL(path.join(dir, 'rds.tf')).toString();
    const tfvarsUri = pathToFileURL(path.join(dir, 'terraform.tfvars')).toString();
    await client.open(uri, rds);
    const [d] = of('aws-rds-instance-storage-encrypted')(await client.waitForDiagnostics(uri, (p) => of('aws-rds-instance-storage-encrypted')(p).length === 1));
    const [fix] = (await request(uri, d!.range, [d!])).filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Suppress'));
    assert.ok(fix);
    assert.equal(fix.title, 'Set storage_encrypted = true (replaces an existing instance) — in terraform.tfvars: db_storage_encrypted = true (every use of var.db_storage_encrypted changes)');
    assert.equal(fix.isPreferred, false, 'a review fix');
    const change = onlyEditOf(fix, tfvarsUri);
    assert.equal(change.textDocument.version, null, 'a file that is not open is edited at its version on disk');
    const fixed = applyLspEdits(tfvars, change.edits);
    assert.equal(fixed, tfvars.replace('= false', '= true'));
    // Never part of a fix-all, which edits only the document it is asked for (here: the safe backup retention).
    const [fixAll] = await request(uri, d!.range, [], ['source.fixAll']);
    assert.ok(fixAll);
    assert.ok(applyLspEdits(rds, onlyEditOf(fixAll, uri).edits).includes('storage_encrypted = var.db_storage_encrypted'));
    await client.open(tfvarsUri, fixed);
    assert.deepEqual(of('aws-rds-instance-storage-encrypted')(await client.waitForDiagnostics(uri, (p) => of('aws-rds-instance-storage-encrypted')(p).length === 0)), []);
  });

  it('source.fixAll leaves only review-class findings in the examples (phi-platform, patient-portal)', async function () {
    this.timeout(120_000);
    for (const example of ['terraform/phi-platform', 'kubernetes/patient-portal']) cpSync(path.join(repoRoot, 'examples', example), path.join(dir, example), { recursive: true });
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    await client.waitForScan();
    const files = ['terraform/phi-platform', 'kubernetes/patient-portal'].flatMap((d) => readdirSync(path.join(dir, d)).filter((f) => /\.(tf|ya?ml)$/.test(f)).map((f) => path.join(dir, d, f)));
    const texts = new Map<string, string>();
    for (const file of files) {
      const uri = pathToFileURL(file).toString();
      texts.set(uri, readFileSync(file, 'utf8'));
      await client.open(uri, texts.get(uri)!);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
    }
    let fixedFiles = 0;
    for (const uri of texts.keys()) {
      const actions = await request(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
      const fixAll = actions.find((a) => a.kind === 'source.fixAll.hciac');
      if (fixAll === undefined) continue;
      const change = onlyEditOf(fixAll, uri);
      assert.equal(change.textDocument.version, 1, 'fix-all is a versioned TextDocumentEdit');
      assert.ok(change.edits.every((e) => 'newText' in e), 'fix-all holds no snippet');
      const fixed = applyLspEdits(texts.get(uri)!, change.edits);
      assert.ok(await parses(uri, fixed), `${uri} still parses after fix-all`);
      texts.set(uri, fixed);
      const published = client.waitForDiagnostics(uri, (p) => p.version === 2);
      await client.change(uri, 2, [{ text: fixed }]);
      await published;
      fixedFiles++;
    }
    assert.ok(fixedFiles >= 4, `fix-all changed ${fixedFiles} files`);
    // Everything left is review-class or has no fix at all: no remaining diagnostic offers a safe (preferred) fix.
    const leftSafe: string[] = [];
    for (const uri of texts.keys()) {
      const diagnostics = client.latest(uri)!.diagnostics.filter((d) => d.source === 'hciac');
      for (const d of diagnostics) {
        const actions = await request(uri, d.range, [d]);
        if (actions.some((a) => a.kind === 'quickfix' && a.isPreferred === true)) leftSafe.push(`${path.basename(uri)}:${d.range.start.line + 1} ${String(d.code)}`);
      }
    }
    assert.deepEqual(leftSafe, []);
  });

  it('with codeAction/resolve, fix-all edits are computed when picked, and only for the version they were offered for', async () => {
    client = await TestClient.start({ editSupport: { resolve: true } });
    const uri = pathToFileURL(path.join(dir, 'kms.tf')).toString();
    const text = 'resource "aws_kms_key" "a" {}\nresource "aws_kms_key" "b" {}\n';
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (p) => of('aws-kms-key-rotation-enabled')(p).length === 2);
    const [action] = await request(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.ok(action);
    assert.equal(action.edit, undefined, 'no edit before resolve');
    const resolved = (await client.connection.sendRequest('codeAction/resolve', action)) as Action;
    assert.equal(applyLspEdits(text, onlyEditOf(resolved, uri).edits), 'resource "aws_kms_key" "a" {\n  enable_key_rotation = true\n}\nresource "aws_kms_key" "b" {\n  enable_key_rotation = true\n}\n');
    await client.change(uri, 2, [{ text: `${text}\n` }]);
    await client.waitForDiagnostics(uri, (p) => p.version === 2);
    const stale = (await client.connection.sendRequest('codeAction/resolve', action)) as Action;
    assert.equal(stale.edit, undefined, 'an action offered for version 1 gets no edit once the document is at version 2');
  });

  it('a value only the user can choose: a snippet placeholder for snippet clients, var + declaration for the others', async () => {
    const text = 'resource "aws_sns_topic" "alerts" {\n  name = "phi-alerts"\n}\n';
    const declaration = '\nvariable "sns_kms_key_arn" {\n  description = "ARN of the customer managed KMS key that encrypts the SNS topic (its key policy decides who can decrypt)"\n  type        = string\n}\n';
    for (const snippets of [true, false]) {
      client = await TestClient.start({ editSupport: { snippets } });
      const uri = pathToFileURL(path.join(dir, `sns-${String(snippets)}.tf`)).toString();
      await client.open(uri, text);
      const [d] = of('aws-sns-topic-encrypted')(await client.waitForDiagnostics(uri, (p) => of('aws-sns-topic-encrypted')(p).length === 1));
      const [fix] = (await request(uri, d!.range, [d!])).filter((a) => a.kind === 'quickfix');
      assert.ok(fix);
      assert.match(fix.title, /customer managed KMS key you choose/);
      const edits = onlyEditOf(fix, uri).edits;
      if (snippets) {
        assert.deepEqual(edits[0], { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, snippet: { kind: 'snippet', value: '  kms_master_key_id = ${1:var.sns_kms_key_arn}\n' } });
      } else {
        assert.equal(applyLspEdits(text, edits), text.replace('}\n', '  kms_master_key_id = var.sns_kms_key_arn\n}\n') + declaration);
      }
      assert.deepEqual(edits[1], { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: declaration }, 'the declaration is a plain edit');
      await client.stop();
      client = undefined;
    }
  });

  it('a Kubernetes value only the user can choose: a tab stop at the start of the next line for snippet clients, an obvious placeholder for the others', async () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: portal\nspec:\n  containers:\n    - name: web\n      image: web@sha256:0d9a6a8a3c1a4b5e2f6d7c8b9a0e1f2d3c4b5a69788796a5b4c3d2e1f0a9b8c7\n      resources:\n        requests: {cpu: 100m, memory: 64Mi}\n        limits:\n          memory: 128Mi\n';
    const fixed = text.replace('          memory: 128Mi\n', '          memory: 128Mi\n          cpu: <cpu-limit>\n');
    for (const snippets of [true, false]) {
      client = await TestClient.start({ editSupport: { snippets } });
      const uri = pathToFileURL(path.join(dir, `pod-${String(snippets)}.yaml`)).toString();
      await client.open(uri, text);
      const [d] = of('k8s-resource-limits-set')(await client.waitForDiagnostics(uri, (p) => of('k8s-resource-limits-set')(p).length === 1));
      const [fix] = (await request(uri, d!.range, [d!])).filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Suppress'));
      assert.ok(fix);
      assert.equal(fix.title, 'Add a CPU limit (review: choose the value; a limit below peak use throttles the container)');
      assert.equal(fix.isPreferred, false);
      const edits = onlyEditOf(fix, uri).edits;
      if (snippets) {
        // Inserted where VS Code adds no indentation of its own (see server/src/protocol/snippet-edits.ts).
        assert.deepEqual(edits, [{ range: { start: { line: 13, character: 0 }, end: { line: 13, character: 0 } }, snippet: { kind: 'snippet', value: '          cpu: ${1:<cpu-limit>}\n' } }]);
      }
      assert.equal(applyLspEdits(text, edits).replace('${1:<cpu-limit>}', '<cpu-limit>'), fixed);
      await client.stop();
      client = undefined;
    }
  });
});
