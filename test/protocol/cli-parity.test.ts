import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ControlStatusRequest, type ControlStatusResult } from '../../common/protocol';
import { repoRoot } from '../harness/assets';
import { TestClient } from '../harness/lsp-client';

interface CliScan {
  readonly findings: { ruleId: string; file: string; line: number; column: number }[];
  readonly suppressed: { ruleId: string; file: string; line: number; column: number; suppression: { origin: string; reason: string | null } }[];
  readonly problems: { code: string; file: string; line: number; column: number }[];
  readonly files: { file: string; controls: { id: string; status: string }[] }[];
  readonly controls: { id: string; status: string; files: Record<string, number> }[];
  readonly frameworks: string[];
}

/** What the editor shows for a folder, in the CLI's terms (paths relative to `cwd`). */
async function editorView(folder: string, cwd: string, cli: CliScan) {
  const client = await TestClient.start({ workspaceFolders: [pathToFileURL(folder).toString()] });
  try {
    await client.waitForScan();
    const rel = (uri: string) => path.relative(cwd, fileURLToPath(uri)).split(path.sep).join('/');
    // Every file the CLI reports something for is published in the turn after the scan.
    const expected = new Set([...cli.findings, ...cli.problems].map((f) => f.file));
    for (const file of expected) await client.waitForDiagnostics(pathToFileURL(path.join(cwd, file)).toString(), (p) => p.diagnostics.length > 0);
    const latest = new Map<string, { diagnostics: { code?: string | number; range: { start: { line: number; character: number } } }[] }>();
    for (const p of client.published) latest.set(p.uri, p);
    const findings: string[] = [];
    const problems: string[] = [];
    for (const [uri, p] of latest) {
      for (const d of p.diagnostics) {
        const at = `${rel(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
        if (d.code === 'hciac-suppression' || d.code === 'hciac-config') problems.push(`${at} ${d.code}`);
        else if (typeof d.code === 'string' && !['helm-template', 'binary-file', 'file-too-large'].includes(d.code)) findings.push(`${at} ${d.code}`);
      }
    }
    const status: ControlStatusResult = await client.connection.sendRequest(ControlStatusRequest, {});
    const suppressed = status.files.flatMap((f) =>
      f.evidence.filter((e) => e.outcome === 'suppressed').map((e) => `${rel(f.uri)}:${e.range.start.line + 1}:${e.range.start.character + 1} ${e.ruleId} [${e.suppression?.origin}] ${e.suppression?.reason}`),
    );
    const files = status.files.map((f) => `${rel(f.uri)} ${f.controls.map((c) => `${c.controlId}=${c.status}`).join(' ')}`);
    const controls = status.controls.map((c) => `${c.controlId}=${c.status} ${JSON.stringify(c.files)}`);
    return { findings: findings.sort(), problems: problems.sort(), suppressed: suppressed.sort(), files: files.sort(), controls, frameworks: status.frameworks };
  } finally {
    await client.stop();
  }
}

function cliView(target: string, cwd: string) {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli', 'hciac.js'), 'scan', target, '--format', 'json', '--fail-on', 'none'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const scan = JSON.parse(out) as CliScan;
  return {
    scan,
    view: {
      findings: scan.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort(),
      problems: scan.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`).sort(),
      suppressed: scan.suppressed.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} [${f.suppression.origin}] ${f.suppression.reason}`).sort(),
      files: scan.files.map((f) => `${f.file} ${f.controls.map((c) => `${c.id}=${c.status}`).join(' ')}`).sort(),
      controls: scan.controls.map((c) => `${c.id}=${c.status} ${JSON.stringify(c.files)}`),
      frameworks: scan.frameworks,
    },
  };
}

/**
 * Item 11 of the governance issue: `hciac scan` and the language server report the same findings,
 * exceptions, problems and control statuses (per file and for the workspace) for the same files.
 */
describe('parity: CLI and language server', function () {
  this.timeout(60000);

  it('on examples/: the same findings and the same control statuses', async () => {
    const { scan, view } = cliView('examples', repoRoot);
    assert.ok(view.findings.length > 0 && view.files.length > 0, 'the examples contain intentional findings and evidence');
    assert.deepEqual(await editorView(path.join(repoRoot, 'examples'), repoRoot, scan), view);
  });

  it('on a folder with a .hciac.yaml and suppressions (ours and peers): the same exceptions and problems too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hciac-parity-'));
    try {
      writeFileSync(path.join(dir, '.hciac.yaml'), 'frameworks: [hipaa, nist-800-53]\nrules:\n  aws-rds-backup-retention: "off"\npolicy:\n  forbidSuppression: [aws-rds-instance-storage-encrypted]\nmaxFile: 3\n');
      writeFileSync(
        path.join(dir, 'rds.tf'),
        `# hciac:ignore aws-rds-not-publicly-accessible reason="vendor BI access, SEC-42" expires=2099-12-31
resource "aws_db_instance" "legacy" {
  #checkov:skip=CKV_AWS_16:encrypted by the storage array
  publicly_accessible = true
  storage_encrypted   = false
}

# hciac:ignore aws-rds-logs-exported
resource "aws_db_instance" "reporting" {
  publicly_accessible = true
}
`,
      );
      writeFileSync(
        path.join(dir, 'web.yaml'),
        `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: portal
  annotations:
    ignore-check.kube-linter.io/host-network: "CNI needs the host network"
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: app
          image: nginx:1.27
`,
      );
      const { scan, view } = cliView(dir, dir);
      assert.ok(view.suppressed.length >= 2 && view.problems.length >= 3, JSON.stringify(view, null, 2));
      assert.deepEqual(view.frameworks, ['hipaa', 'nist-800-53']);
      assert.deepEqual(await editorView(dir, dir, scan), view);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
