import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../harness/assets';
import { TestClient } from '../harness/lsp-client';

interface CliFinding {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `hciac scan examples` and the editor must report the same findings for the same files. */
describe('parity: CLI and language server on examples/', function () {
  this.timeout(60000);

  it('report the same findings (rule, file, line, column)', async () => {
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli', 'hciac.js'), 'scan', 'examples', '--format', 'json', '--fail-on', 'none'], { cwd: repoRoot, encoding: 'utf8' });
    const cli = (JSON.parse(out) as { findings: CliFinding[] }).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort();
    assert.ok(cli.length > 0, 'the examples contain intentional findings');

    const root = path.join(repoRoot, 'examples');
    const client = await TestClient.start({ workspaceFolders: [pathToFileURL(root).toString()] });
    try {
      await client.waitForScan();
      // Every publication is flushed in the turn after the scan; wait for the files the CLI names.
      const files = [...new Set(cli.map((f) => f.split(':')[0]!))];
      for (const file of files) await client.waitForDiagnostics(pathToFileURL(path.join(repoRoot, file)).toString(), (p) => p.diagnostics.length > 0);
      const editor: string[] = [];
      const latest = new Map<string, { diagnostics: { code?: string | number; range: { start: { line: number; character: number } } }[] }>();
      for (const p of client.published) latest.set(p.uri, p);
      for (const [uri, p] of latest) {
        const file = path.relative(repoRoot, new URL(uri).pathname).split(path.sep).join('/');
        for (const d of p.diagnostics) {
          if (typeof d.code === 'string' && !['helm-template', 'binary-file', 'file-too-large'].includes(d.code)) {
            editor.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
          }
        }
      }
      assert.deepEqual(editor.sort(), cli);
    } finally {
      await client.stop();
    }
  });
});
