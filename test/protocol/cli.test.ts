import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { EvidenceReport } from '../../server/src/evidence/evidence-report';
import { repoRoot } from '../harness/assets';

const cli = path.join(repoRoot, 'dist', 'cli', 'hciac.js');

function hciac(args: readonly string[], cwd = repoRoot): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A critical finding with an accepted exception, a high one without, and a suppression that has expired by 2027. */
const RDS = `# hciac:ignore aws-rds-not-publicly-accessible reason="vendor BI access, SEC-42" expires=2026-12-31
resource "aws_db_instance" "legacy" {
  publicly_accessible = true
  storage_encrypted   = true
  backup_retention_period = 7
  enabled_cloudwatch_logs_exports = ["postgresql"]
}
`;

describe('CLI for pipelines (bundled dist/cli/hciac.js)', function () {
  this.timeout(60000);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hciac-cli-'));
    writeFileSync(path.join(dir, 'rds.tf'), RDS);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exit codes: 1 at or above --fail-on, 0 below it, 2 for usage errors', () => {
    assert.equal(hciac(['scan', 'examples', '--fail-on', 'high', '--format', 'json']).status, 1);
    assert.equal(hciac(['scan', 'examples', '--fail-on', 'none', '--format', 'json']).status, 0);
    for (const bad of [['--format', 'xml'], ['--fail-on', 'urgent'], ['--framework', 'pci'], ['--jobs', '0'], ['--today', '31/12/2026'], ['--no-such-flag']]) {
      const r = hciac(['scan', 'examples', ...bad]);
      assert.equal(r.status, 2, bad.join(' '));
      assert.match(r.stderr, /^hciac: /, bad.join(' '));
    }
    assert.equal(hciac(['scan', 'no/such/path']).status, 2);
  });

  it('suppressed findings do not fail the gate until the exception expires', () => {
    assert.equal(hciac(['scan', dir, '--fail-on', 'high', '--today', '2026-12-31']).status, 0);
    const expired = hciac(['scan', dir, '--fail-on', 'high', '--today', '2027-01-01']);
    assert.equal(expired.status, 1);
    assert.match(expired.stdout, /expired on 2026-12-31/);
  });

  it('every format renders the same scan; --output writes it to a file', () => {
    const out = path.join(dir, 'out', 'report.sarif');
    const r = hciac(['scan', dir, '--format', 'sarif', '--output', out, '--fail-on', 'none', '--today', '2026-06-01']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { version: string; runs: { results: { ruleId: string; suppressions?: { justification: string }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0]!.results.filter((x) => x.suppressions).map((x) => [x.ruleId, x.suppressions![0]!.justification]), [['aws-rds-not-publicly-accessible', 'vendor BI access, SEC-42']]);
    const junit = hciac(['scan', dir, '--format', 'junit', '--fail-on', 'none', '--today', '2026-06-01']).stdout;
    assert.match(junit, /<testcase classname="[^"]*rds.tf" name="aws-rds-not-publicly-accessible aws_db_instance.legacy">\s*<skipped message="suppressed \(hciac\): vendor BI access, SEC-42, expires 2026-12-31"\/>/);
    assert.match(hciac(['scan', dir, '--format', 'markdown', '--fail-on', 'none', '--today', '2026-06-01']).stdout, /### Exceptions honoured/);
  });

  it('--framework narrows both the controls and the rules that run', () => {
    const json = JSON.parse(hciac(['scan', 'examples', '--format', 'json', '--fail-on', 'none', '--framework', 'hitrust']).stdout) as { frameworks: string[]; findings: unknown[]; controls: { id: string }[] };
    assert.deepEqual(json.frameworks, ['hitrust']);
    assert.deepEqual(json.findings, [], 'HITRUST ids are mapped for Azure checks only; the examples are AWS and Kubernetes');
    assert.ok(json.controls.length > 0 && json.controls.every((c) => c.id.startsWith('HITRUST-')));
  });

  it('.hciac.yaml of the scanned folder applies; its errors fail with 2 and are named with their line', () => {
    writeFileSync(path.join(dir, '.hciac.yaml'), 'policy:\n  forbidSuppression: [aws-rds-not-publicly-accessible]\n');
    const forbidden = hciac(['scan', dir, '--fail-on', 'high', '--today', '2026-06-01']);
    assert.equal(forbidden.status, 1, 'the exception is refused by the policy');
    writeFileSync(path.join(dir, 'broken.yaml'), 'policy:\n  maxExpiryDays: ninety\n');
    const broken = hciac(['scan', dir, '--config', path.join(dir, 'broken.yaml'), '--format', 'json', '--fail-on', 'none']);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /broken\.yaml:2:18: error: policy\.maxExpiryDays must be a value of type integer/);
  });

  it('--jobs: scanning on worker threads gives byte-identical output', () => {
    const one = hciac(['scan', 'examples', '--format', 'json', '--fail-on', 'none', '--jobs', '1']);
    const four = hciac(['scan', 'examples', '--format', 'json', '--fail-on', 'none', '--jobs', '4']);
    assert.equal(four.stdout, one.stdout);
  });

  it('--jobs: byte-identical output on ../shared/corpus (real modules calling each other, Kubernetes manifests)', function () {
    const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');
    if (!existsSync(corpus)) {
      console.log('      skipped: ../shared/corpus is absent');
      this.skip();
    }
    this.timeout(300_000);
    const one = hciac(['scan', corpus, '--format', 'json', '--fail-on', 'none', '--jobs', '1']);
    const three = hciac(['scan', corpus, '--format', 'json', '--fail-on', 'none', '--jobs', '3']);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(three.stdout, one.stdout);
    assert.equal(three.stderr, one.stderr);
  });

  it('hciac evidence writes Markdown, JSON and SARIF with the tool, rule-set and Git versions', () => {
    const outDir = path.join(dir, 'evidence');
    const r = hciac(['evidence', 'examples', '--output-dir', outDir]);
    assert.equal(r.status, 0, r.stderr);
    for (const name of ['hciac-evidence.md', 'hciac-evidence.json', 'hciac-evidence.sarif']) assert.ok(existsSync(path.join(outDir, name)), name);
    const report = JSON.parse(readFileSync(path.join(outDir, 'hciac-evidence.json'), 'utf8')) as EvidenceReport;
    assert.equal(report.schemaVersion, 1);
    assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
    assert.match(report.tool.catalogVersion, /^\d+\.\d+\.\d+$/);
    const git = report.roots[0]!.git!;
    if (existsSync(path.join(repoRoot, '.git'))) {
      assert.match(git.commit ?? '', /^[0-9a-f]{40}$/);
      assert.equal(typeof git.dirty, 'boolean');
    }
    assert.ok(report.controls.some((c) => c.status === 'violated' && c.evidence.length > 0));
    const single = hciac(['evidence', 'examples', '--format', 'markdown']);
    assert.match(single.stdout, /^# Compliance evidence/);
  });
});
