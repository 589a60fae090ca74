import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { ControlStatusRequest, ExportEvidenceRequest, ScanWorkspaceRequest } from '../../common/protocol';
import { repoRoot } from '../harness/assets';
import { TestClient } from '../harness/lsp-client';

/**
 * No file content in logs or traces by default: a workspace whose every file carries a unique
 * marker — in names, values, comments, broken syntax, binary data, nesting too deep to parse, an
 * invalid repository configuration — is scanned, edited and queried; everything the server logs
 * (window/logMessage, window/showMessage, $/logTrace, telemetry/event, stderr) and everything the
 * CLI writes to stderr must be free of the marker. (Diagnostics and reports do show resource names:
 * that is output, not a log.)
 */

const MARKER = 'PHI-MARKER-7f3a9c';

function writeWorkspace(dir: string): void {
  const tf = path.join(dir, 'tf');
  const k8s = path.join(dir, 'k8s');
  mkdirSync(tf);
  mkdirSync(k8s);
  writeFileSync(path.join(tf, 'main.tf'), `# owner ${MARKER}\nresource "aws_db_instance" "${MARKER}" {\n  identifier        = "${MARKER}"\n  storage_encrypted = false\n}\nvariable "v" {\n  default = "${MARKER}"\n}\n`);
  writeFileSync(path.join(tf, 'broken.tf'), `resource "aws_s3_bucket" "${MARKER}" {\n  bucket = "${MARKER}\n  acl = <<EOT\n${MARKER}\n`);
  writeFileSync(path.join(tf, 'deep.tf'), `locals {\n  x = ${'['.repeat(1000)}"${MARKER}"${']'.repeat(1000)}\n}\n`);
  writeFileSync(path.join(tf, 'blob.tf'), Buffer.concat([Buffer.from(`${MARKER}\n`), Buffer.from([0, 1, 2, 0xff, 0xfe])]));
  writeFileSync(path.join(tf, 'terraform.tfvars'), `secret = "${MARKER}"\n`);
  writeFileSync(path.join(k8s, 'pod.yaml'), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${MARKER.toLowerCase()}\n  annotations: {note: "${MARKER}"}\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: ${MARKER.toLowerCase()}:latest\n      env: [{name: PASSWORD, value: "${MARKER}"}]\n`);
  writeFileSync(path.join(k8s, 'deep.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n  ${'- '.repeat(300)}${MARKER}\n`);
  writeFileSync(path.join(k8s, 'helm.yaml'), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.${MARKER} }}\n`);
  writeFileSync(path.join(dir, '.hciac.yaml'), `version: 1\nrules:\n  ${MARKER}: [unclosed\nsuppressions: "${MARKER}`);
}

describe('security: no file content in logs or traces', function () {
  this.timeout(120_000);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hciac-logs-'));
    writeWorkspace(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the language server logs names, counts and errors only', async () => {
    const client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    const traced: string[] = [];
    client.connection.onNotification('$/logTrace', (p: unknown) => void traced.push(JSON.stringify(p)));
    client.connection.onNotification('telemetry/event', (p: unknown) => void traced.push(JSON.stringify(p)));
    let published = 0;
    try {
      await client.waitForScan();
      const uri = pathToFileURL(path.join(dir, 'tf', 'main.tf')).toString();
      const text = readFileSync(path.join(dir, 'tf', 'main.tf'), 'utf8');
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# ${MARKER} typed\n` }]);
      const diagnostics = (await client.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics as Diagnostic[];
      await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics } });
      await client.connection.sendRequest(ControlStatusRequest, {});
      await client.connection.sendRequest(ScanWorkspaceRequest, {});
      await client.connection.sendRequest(ExportEvidenceRequest, {});
      await client.close(uri);
      published = client.published.filter((p) => JSON.stringify(p).includes(MARKER)).length;
    } finally {
      await client.stop();
    }
    assert.ok(published > 0, 'the marker is in the files the server read (diagnostics name the resource)');
    assert.ok(client.logs.length > 0, 'the server did log (scan counts, …)');
    for (const [channel, lines] of [['window/logMessage and showMessage', client.logs], ['$/logTrace and telemetry', traced], ['stderr', [client.stderr]]] as const) {
      const leaked = lines.filter((l) => l.includes(MARKER));
      assert.deepEqual(leaked, [], `no file content in ${channel}`);
    }
  });

  it('the CLI writes no file content to stderr', () => {
    const cli = path.join(repoRoot, 'dist', 'cli', 'hciac.js');
    for (const args of [['scan', dir, '--format', 'json', '--fail-on', 'none'], ['scan', path.join(dir, 'tf'), '--fail-on', 'none', '--jobs', '2'], ['evidence', dir, '--output-dir', path.join(dir, '..', `${path.basename(dir)}-evidence`)]]) {
      const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: dir });
      assert.ok(!run.stderr.includes(MARKER), `hciac ${args[0]}: no file content on stderr:\n${run.stderr}`);
    }
    rmSync(path.join(dir, '..', `${path.basename(dir)}-evidence`), { recursive: true, force: true });
  });
});
