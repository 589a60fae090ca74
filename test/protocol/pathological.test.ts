import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { TestClient, type PublishedDiagnostics } from '../harness/lsp-client';
import { hostNetworkPod, PATHOLOGICAL_INPUTS, rdsResource, type PathologicalInput } from '../harness/pathological-inputs';

/**
 * Pathological inputs against the bundled server: each one completes (the server publishes for it
 * and answers a follow-up request), yields findings or one information note (never an internal
 * error), and leaves the parsers healthy — a small Terraform file and a small Kubernetes manifest
 * opened afterwards still get their findings. How long each takes is measured by `npm run bench`,
 * not here. The limits are documented in docs/limits.md.
 */

const INFORMATION = 3;
const NOTE_CODES = new Set(['helm-template', 'binary-file', 'file-too-large', 'nested-too-deep', 'partially-analysed', 'internal-error']);
const isNote = (d: Diagnostic): boolean => typeof d.code === 'string' && NOTE_CODES.has(d.code);

/** Checks a publication against what the input promises. */
function assertExpected(input: PathologicalInput, published: PublishedDiagnostics): void {
  const notes = published.diagnostics.filter(isNote);
  const findings = published.diagnostics.filter((d) => !isNote(d));
  assert.ok(!notes.some((d) => d.code === 'internal-error'), `no internal error: ${notes.map((d) => d.message).join('; ')}`);
  if (input.note !== undefined) {
    assert.deepEqual(notes.map((d) => d.code), [input.note], 'exactly one note');
    assert.equal(notes[0]!.severity, INFORMATION, 'the note is information');
  } else {
    assert.deepEqual(notes.map((d) => d.code), [], 'no note');
  }
  const codes = new Set(findings.map((d) => String(d.code)));
  for (const rule of input.findings ?? []) assert.ok(codes.has(rule), `a ${rule} finding (got ${[...codes].join(', ') || 'none'})`);
  if (input.findings === undefined) assert.deepEqual([...codes], [], 'no findings');
  if (input.findingsBeforeLine !== undefined) {
    const late = findings.filter((d) => d.range.start.line >= input.findingsBeforeLine!);
    assert.deepEqual(late.slice(0, 3).map((d) => `${String(d.code)}@${d.range.start.line}`), [], `no finding at or after line ${input.findingsBeforeLine}`);
  }
}

describe('pathological inputs: bounded, never a crash, findings or one note', function () {
  this.timeout(180_000);
  let client: TestClient;
  let canaries = 0;

  /** The server still answers, and both parsers still work: fresh small files get their findings. */
  const assertStillServing = async (uri: string): Promise<void> => {
    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    assert.ok(Array.isArray(actions), 'a follow-up request is answered');
    canaries += 1;
    const tf = `file:///hciac-canary/${canaries}/main.tf`;
    const yaml = `file:///hciac-canary/${canaries}/pod.yaml`;
    await client.open(tf, rdsResource('canary'));
    await client.open(yaml, hostNetworkPod('canary'), 'yaml');
    const [t, y] = await Promise.all([client.waitForDiagnostics(tf), client.waitForDiagnostics(yaml)]);
    assert.ok(t.diagnostics.some((d) => d.code === 'aws-rds-instance-storage-encrypted'), 'Terraform is still parsed');
    assert.ok(y.diagnostics.some((d) => d.code === 'k8s-no-host-network'), 'YAML is still parsed');
    await client.close(tf);
    await client.close(yaml);
  };

  before(async () => {
    client = await TestClient.start();
  });

  after(async () => {
    const failures = client.logs.filter((l) => /failed|unhandled/i.test(l));
    assert.deepEqual(failures, [], 'the server logged no failure');
    assert.equal(client.stderr, '', 'nothing on stderr');
    assert.equal(await client.stop(), 0, 'the server exits cleanly');
  });

  for (const input of PATHOLOGICAL_INPUTS) {
    it(input.name, async () => {
      const uri = `file:///hciac-pathological/${input.file}`;
      const language = input.file.endsWith('.tf') ? 'terraform' : 'yaml';
      await client.open(uri, input.text(), language);
      assertExpected(input, await client.waitForDiagnostics(uri, (p) => p.version === 1));
      await assertStillServing(uri);
      await client.close(uri);
    });
  }

  it('a file over the size limit is not parsed while it is too large, and analysed once it shrinks below it', async () => {
    const uri = 'file:///hciac-pathological/shrinks.tf';
    const big = PATHOLOGICAL_INPUTS.find((i) => i.note === 'file-too-large')!.text();
    await client.open(uri, big);
    assert.deepEqual((await client.waitForDiagnostics(uri, (p) => p.version === 1)).diagnostics.map((d) => d.code), ['file-too-large']);
    // Typing in the large file keeps it a note.
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    assert.deepEqual((await client.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics.map((d) => d.code), ['file-too-large']);
    // Delete everything after the first resource (the first 5 lines).
    await client.change(uri, 3, [{ range: { start: { line: 5, character: 0 }, end: { line: 10_000_000, character: 0 } }, text: '' }]);
    const small = await client.waitForDiagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(small.diagnostics.filter(isNote), [], 'no note once it is small');
    assert.ok(small.diagnostics.some((d) => d.code === 'aws-rds-instance-storage-encrypted' && d.range.start.line === 3), 'the finding of the remaining resource');
    await client.close(uri);
  });

  describe('the same inputs on disk, through the background workspace scan', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'hciac-pathological-'));
      mkdirSync(path.join(dir, 'templates'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('one bad file never stops the scan; each gets its note or findings', async () => {
      const onDisk = PATHOLOGICAL_INPUTS.filter((i) => !i.name.startsWith('a 50,000-line'));
      for (const input of onDisk) writeFileSync(path.join(dir, input.file), input.text());
      // Raw bytes the editor never sends: invalid UTF-8, and a UTF-8 byte order mark (dropped when read).
      writeFileSync(path.join(dir, 'raw-latin1.tf'), Buffer.from(`# caf\xe9 na\xefve r\xe9sum\xe9 \xe0 \xe9t\xe9 \xfc\xf1\xee\n${rdsResource('db')}`, 'latin1'));
      writeFileSync(path.join(dir, 'raw-bom.tf'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rdsResource('db'))]));
      const scanner = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
      try {
        const scan = await scanner.waitForScan();
        assert.equal(scan.files, onDisk.length + 2, 'every file was read');
        for (const input of onDisk) {
          const published = await scanner.waitForDiagnostics(pathToFileURL(path.join(dir, input.file)).toString());
          assertExpected(input, published);
        }
        const latin1 = await scanner.waitForDiagnostics(pathToFileURL(path.join(dir, 'raw-latin1.tf')).toString());
        assert.deepEqual(latin1.diagnostics.map((d) => d.code), ['binary-file']);
        const bom = await scanner.waitForDiagnostics(pathToFileURL(path.join(dir, 'raw-bom.tf')).toString());
        const finding = bom.diagnostics.find((d) => d.code === 'aws-rds-instance-storage-encrypted');
        assert.deepEqual(finding?.range.start, { line: 2, character: 22 }, 'the BOM is dropped: positions are those of the text');
        assert.deepEqual(scanner.logs.filter((l) => /failed|unhandled/i.test(l)), []);
      } finally {
        await scanner.stop();
      }
    });
  });
});
