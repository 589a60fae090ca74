import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { ControlCatalogRequest, ControlStatusRequest, ExportEvidenceRequest, ScanWorkspaceRequest } from '../../common/protocol';
import { repoRoot } from '../harness/assets';
import { TestClient } from '../harness/lsp-client';

/**
 * Offline by construction: the bundled server and the CLI run a full workload under a preload
 * (test/harness/no-network-hook.ts) that records and blocks every socket connect, name lookup,
 * HTTP(S)/HTTP2 request, UDP socket, fetch and child process. Any record but the hook's own
 * "armed" line fails the test. A self-test shows the preload does catch each of them.
 */

const hook = path.join(repoRoot, 'out', 'test', 'harness', 'no-network-hook.js');
const cli = path.join(repoRoot, 'dist', 'cli', 'hciac.js');
const examples = path.join(repoRoot, 'examples');

interface Attempt {
  readonly event: string;
  readonly detail: string;
  readonly pid: number;
  readonly main: boolean;
}

function readAttempts(file: string): Attempt[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Attempt);
}

/** Runs node with the preload; returns its result and what the preload recorded. */
function runWithHook(log: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string; attempts: Attempt[] } {
  const result = spawnSync(process.execPath, ['--require', hook, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, HCIAC_NETWORK_LOG: log }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, attempts: readAttempts(log) };
}

/** Everything but the hook's own start-up line, one per process. */
const violations = (attempts: readonly Attempt[]): Attempt[] => attempts.filter((a) => a.event !== 'armed');

describe('security: no network, no processes (server and CLI under a recording preload)', function () {
  this.timeout(120_000);
  let dir: string;
  let log: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hciac-no-network-'));
    log = path.join(dir, 'attempts.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('self-test: the preload records and blocks sockets, lookups, HTTP, fetch, UDP and processes', () => {
    const probe = [
      "const attempt = (f) => { try { const r = f(); if (r && typeof r.catch === 'function') r.catch(() => {}); } catch {} };",
      "attempt(() => require('node:net').connect(9, '127.0.0.1'));",
      "attempt(() => new (require('node:net').Socket)().connect(9, '127.0.0.1'));",
      "attempt(() => require('node:dns').lookup('localhost', () => {}));",
      "attempt(() => require('node:dns').promises.resolve4('localhost'));",
      "attempt(() => require('node:http').get('http://127.0.0.1:9/'));",
      "attempt(() => require('node:https').request('https://127.0.0.1:9/'));",
      "attempt(() => require('node:http2').connect('http://127.0.0.1:9'));",
      "attempt(() => require('node:dgram').createSocket('udp4'));",
      "attempt(() => fetch('http://127.0.0.1:9/'));",
      "attempt(() => require('node:child_process').spawnSync('true'));",
      "attempt(() => require('node:child_process').exec('true'));",
      "attempt(() => require('node:child_process').fork('x.js'));",
    ].join('\n');
    const run = runWithHook(log, ['-e', probe]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      violations(run.attempts).map((a) => a.event),
      ['net.connect', 'net.Socket.connect', 'dns.lookup', 'dns.promises.resolve4', 'http.get', 'https.request', 'http2.connect', 'dgram.createSocket', 'fetch', 'child_process.spawnSync', 'child_process.exec', 'child_process.fork'],
    );
  });

  it('the language server: full workspace scan, open/change/close, code actions and fix-all, control status, evidence export', async () => {
    const client = await TestClient.start({ workspaceFolders: [pathToFileURL(examples).toString()], nodeOptions: ['--require', hook], env: { ...process.env, HCIAC_NETWORK_LOG: log } });
    try {
      const scan = await client.waitForScan();
      assert.ok(scan.files > 10, `examples/ was scanned (${scan.files} files)`);
      const file = path.join(examples, 'terraform', 'phi-platform', 'rds.tf');
      const uri = pathToFileURL(file).toString();
      const text = readFileSync(file, 'utf8');
      await client.open(uri, text);
      const opened = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 0);
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
      const changed = await client.waitForDiagnostics(uri, (p) => p.version === 2);
      const diagnostics = changed.diagnostics as Diagnostic[];
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } })) as unknown[];
      assert.ok(actions.length > 0, 'quick fixes are offered');
      await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics: [], only: ['source.fixAll'] } });
      await client.connection.sendRequest(ControlCatalogRequest);
      await client.connection.sendRequest(ControlStatusRequest, {});
      await client.connection.sendRequest(ScanWorkspaceRequest, {});
      const evidence = (await client.connection.sendRequest(ExportEvidenceRequest, {})) as { documents: unknown[] };
      assert.ok(evidence.documents.length > 0, 'evidence documents are rendered');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      await client.close(uri);
      assert.ok(opened.diagnostics.length > 0);
    } finally {
      assert.equal(await client.stop(), 0);
    }
    const attempts = readAttempts(log);
    assert.ok(attempts.some((a) => a.event === 'armed'), 'the preload ran in the server');
    assert.deepEqual(violations(attempts), [], 'the server opened no connection, resolved no name and started no process');
  });

  it('the extension client (in VS Code\'s extension host, out of the preload\'s reach) imports no network or process module', () => {
    const forbidden = /^(node:)?(net|tls|dns|dgram|http|https|http2|child_process|cluster)$/;
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) {
          for (const m of readFileSync(full, 'utf8').matchAll(/(?:from|require\()\s*'([^']+)'/g)) if (forbidden.test(m[1]!)) offenders.push(`${path.relative(repoRoot, full)}: ${m[1]}`);
        }
      }
    };
    walk(path.join(repoRoot, 'client', 'src'));
    assert.deepEqual(offenders, []);
  });

  it('the CLI: scan (every format, on worker threads), rules, evidence', () => {
    const out = path.join(dir, 'out');
    const runs = [
      ['scan', 'examples', '--fail-on', 'none'],
      ['scan', 'examples', '--format', 'json', '--fail-on', 'none', '--jobs', '2'],
      ['scan', 'examples', '--format', 'sarif', '--fail-on', 'none', '--output', path.join(dir, 'report.sarif')],
      ['rules', '--format', 'json'],
      ['evidence', 'examples', '--output-dir', out],
    ];
    for (const args of runs) {
      const run = runWithHook(log, [cli, ...args]);
      assert.equal(run.status, 0, `hciac ${args.join(' ')}: ${run.stderr}`);
    }
    const attempts = readAttempts(log);
    assert.ok(attempts.filter((a) => a.event === 'armed' && a.main).length === runs.length, 'the preload ran in every CLI process');
    assert.ok(attempts.some((a) => a.event === 'armed' && !a.main), 'and in the parse worker threads');
    assert.deepEqual(violations(attempts), [], 'the CLI opened no connection, resolved no name and started no process');
  });
});
