import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../harness/assets';

/**
 * A real VS Code (code-server: the VS Code workbench with a real Node extension host) with the built
 * .vsix installed into a fresh profile, serving a copy of a workspace on 127.0.0.1 only.
 * See ../shared/design/real-vscode-e2e.md for why this route and its settings.
 */
export interface CodeServer {
  readonly url: string;
  readonly workspace: string;
  readonly artifacts: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(options: { codeServerDir: string; vsix: string; workspaceSource: string; settings?: Record<string, unknown> }): Promise<CodeServer> {
  const root = mkdtempSync(path.join(tmpdir(), 'hciac-e2e-'));
  const userData = path.join(root, 'user-data');
  const extensions = path.join(root, 'extensions');
  const home = path.join(root, 'home');
  const tmp = path.join(root, 'tmp');
  const artifacts = path.join(root, 'artifacts');
  const workspace = path.join(root, 'workspace');
  for (const d of [userData, extensions, home, tmp, artifacts, path.join(userData, 'User')]) mkdirSync(d, { recursive: true });
  cpSync(options.workspaceSource, workspace, { recursive: true });
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'editor.minimap.enabled': false,
      'files.autoSave': 'off',
      ...options.settings,
    }),
  );
  const bin = path.join(options.codeServerDir, 'node_modules', '.bin', 'code-server');
  const env = { ...process.env, HOME: home, TMPDIR: tmp, XDG_CONFIG_HOME: path.join(home, '.config') };
  execFileSync(bin, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', options.vsix], { env, stdio: 'pipe' });
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
    { env, detached: true, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('code-server did not answer /healthz within 60 s');
    await new Promise((r) => setTimeout(r, 250)); // polling an HTTP endpoint, not a readiness sleep
  }
  return {
    url: `${url}/?folder=${encodeURIComponent(workspace)}`,
    workspace,
    artifacts,
    stop: () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM'); // the whole process group
      } catch {
        /* already gone */
      }
    },
  };
}

/** Where the end-to-end tools are: code-server (scripts/e2e/install-code-server.sh), the .vsix, Chromium. */
export const e2eTools = {
  codeServerDir: process.env.HCIAC_CODE_SERVER_DIR ?? path.join(homedir(), '.cache', 'hciac-e2e', 'code-server-4.100.3'),
  vsix: path.join(repoRoot, 'dist', 'healthcare-iac-compliance.vsix'),
  chromiumPath: process.env.HCIAC_CHROMIUM ?? '/usr/bin/chromium',
} as const;

/** Why the end-to-end tests cannot run here, or undefined when they can. */
export function missingE2eTools(): string | undefined {
  if (existsSync(path.join(e2eTools.codeServerDir, 'node_modules', '.bin', 'code-server')) && existsSync(e2eTools.chromiumPath)) return undefined;
  return `e2e skipped: code-server (${e2eTools.codeServerDir}) or chromium (${e2eTools.chromiumPath}) is not installed — run scripts/e2e/install-code-server.sh`;
}

/** Headless Chromium (flags from ../shared/design/real-vscode-e2e.md) showing the server's workbench. */
export async function openWorkbench(server: CodeServer): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(path.join(server.artifacts, '..', 'chromium-profile'), {
    executablePath: e2eTools.chromiumPath,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(60_000);
  await page.goto(server.url);
  await page.locator('.monaco-workbench').waitFor();
  return { context, page };
}
