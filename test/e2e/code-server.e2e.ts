import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../harness/assets';
import { startCodeServer, type CodeServer } from './code-server-harness';

/**
 * End to end in a real VS Code workbench (code-server) driven by Debian's Chromium: the built .vsix
 * installed into a fresh profile, examples/ opened, and the product checked as a person would see it.
 * Screenshots of every step are kept in the artifacts folder printed at the end (always on failure).
 */
const codeServerDir = process.env.HCIAC_CODE_SERVER_DIR ?? path.join(homedir(), '.cache', 'hciac-e2e', 'code-server-4.100.3');
const vsix = path.join(repoRoot, 'dist', 'healthcare-iac-compliance.vsix');
const chromiumPath = process.env.HCIAC_CHROMIUM ?? '/usr/bin/chromium';

describe('e2e: a real VS Code (code-server) with the packaged extension', function () {
  this.timeout(180_000);
  let server: CodeServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let step = 0;
  let failed = false;

  const shot = async (name: string): Promise<void> => {
    step += 1;
    if (server !== undefined) await page.screenshot({ path: path.join(server.artifacts, `${String(step).padStart(2, '0')}-${name}.png`) }).catch(() => undefined);
  };

  /** Opens a workspace file through Quick Open and waits for its text. */
  const openFile = async (name: string, expectText: string): Promise<void> => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(name);
    await page.locator(`.quick-input-list .monaco-list-row:has-text("${name}")`).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`.monaco-editor .view-lines:has-text("${expectText}")`).first().waitFor();
  };

  /** F8 moves the cursor to the next problem of the active editor and scrolls it into view. */
  const revealNextProblem = async (): Promise<void> => {
    // The file's diagnostics may still be on their way (server start, workspace scan): F8 does
    // nothing until they arrive, so retry it until the problem widget opens.
    const widget = page.locator('.monaco-editor .zone-widget .marker-widget, .monaco-editor .peekview-widget').first();
    for (let attempt = 0; ; attempt++) {
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('F8');
      try {
        await widget.waitFor({ timeout: 3000 });
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
      }
    }
    await page.keyboard.press('Escape');
  };

  before(async function () {
    if (!existsSync(path.join(codeServerDir, 'node_modules', '.bin', 'code-server')) || !existsSync(chromiumPath)) {
      console.log(`      e2e skipped: code-server (${codeServerDir}) or chromium (${chromiumPath}) is not installed — run scripts/e2e/install-code-server.sh`);
      this.skip();
    }
    assert.ok(existsSync(vsix), `the packaged extension exists: ${vsix} (npm run package)`);
    server = await startCodeServer({ codeServerDir, vsix, workspaceSource: path.join(repoRoot, 'examples') });
    context = await chromium.launchPersistentContext(path.join(server.artifacts, '..', 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    await page.goto(server.url);
    await page.locator('.monaco-workbench').waitFor();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async () => {
    if (server !== undefined && page !== undefined) await shot('final');
    await context?.close();
    server?.stop();
    if (server !== undefined) console.log(`      e2e screenshots: ${server.artifacts}${failed ? ' (kept: a step failed)' : ''}`);
  });

  it('shows compliance squiggles in a Terraform file', async () => {
    await openFile('rds.tf', 'aws_db_instance');
    await revealNextProblem();
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await shot('rds-squiggles');
  });

  it('lists findings with rule ids in the Problems panel, closed files included', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row:has-text("aws-rds-instance-storage-encrypted")').first().waitFor();
    // cronjob.yaml was never opened: its findings come from the background workspace scan.
    await page.locator('.markers-panel .monaco-list-row:has-text("k8s-no-privileged-containers")').first().waitFor();
    await page.locator('.markers-panel .monaco-list-row:has-text("HIPAA")').first().waitFor();
    await shot('problems-panel');
  });

  it('applies a quick fix that changes the file on disk and clears the finding', async () => {
    await openFile('kms.tf', 'aws_kms_key');
    await revealNextProblem();
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    await page.locator('.monaco-editor .lightBulbWidget').first().waitFor();
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row:has-text("enable_key_rotation")').first();
    await action.waitFor();
    await shot('quick-fix-menu');
    await page.keyboard.press('Enter'); // the fix is the focused (first) row
    await page.keyboard.press('Control+S');
    const file = path.join(server!.workspace, 'terraform', 'phi-platform', 'kms.tf');
    const deadline = Date.now() + 30_000;
    while (!/enable_key_rotation\s*=\s*true/.test(readFileSync(file, 'utf8').split('resource "aws_kms_key" "integration"')[1] ?? '')) {
      if (Date.now() > deadline) assert.fail('kms.tf on disk was not changed by the quick fix');
      await page.waitForTimeout(200); // polling the file system for the saved result
    }
    await page.locator('.markers-panel .monaco-list-row:has-text("aws-kms-key-rotation-enabled")').waitFor({ state: 'detached' });
    await shot('after-quick-fix');
  });
});
