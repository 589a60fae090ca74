/**
 * `npm run test:electron`: the extension in a real, downloaded VS Code (@vscode/test-electron), the
 * scenarios of test/e2e/code-server.e2e.ts driven through the VS Code API (suite/). Needs network
 * access to download VS Code (cached afterwards) and, on Linux, a display (`xvfb-run -a`). Where VS
 * Code cannot be downloaded it prints one line saying so and exits 0: it neither fails nor reports
 * tests that did not run. The code-server route (`npm run test:e2e`) is the one that runs here.
 *
 * Environment: HCIAC_VSCODE_VERSION (default: the oldest version package.json `engines.vscode`
 * allows; `stable` for the latest), HCIAC_VSCODE_CACHE (default ~/.cache/hciac-e2e/vscode-test).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests, SilentReporter } from '@vscode/test-electron';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const DOWNLOAD_IDLE_TIMEOUT_MS = 20_000;

/** The oldest VS Code the extension supports: `^1.91.0` → `1.91.0`. */
function minimumVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  return manifest.engines.vscode.replace(/^[^\d]*/, '');
}

async function main(): Promise<number> {
  const version = process.env.HCIAC_VSCODE_VERSION ?? minimumVersion();
  const cachePath = process.env.HCIAC_VSCODE_CACHE ?? path.join(homedir(), '.cache', 'hciac-e2e', 'vscode-test');
  mkdirSync(cachePath, { recursive: true });
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath, reporter: new SilentReporter(), timeout: DOWNLOAD_IDLE_TIMEOUT_MS });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    console.log(`e2e (test-electron): skipped — VS Code could not be downloaded here: ${reason}`);
    return 0;
  }
  const root = mkdtempSync(path.join(tmpdir(), 'hciac-electron-'));
  const workspace = path.join(root, 'workspace');
  cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      extensionTestsEnv: { HCIAC_E2E_WORKSPACE: workspace },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(root, 'user-data'), '--extensions-dir', path.join(root, 'extensions')],
    });
    return 0;
  } catch (error) {
    console.error(`e2e (test-electron): failed — ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
