import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { parseDocument } from 'yaml';
import { repoRoot } from '../harness/assets';
import { e2eTools, missingE2eTools, openWorkbench, startCodeServer, type CodeServer } from './code-server-harness';

/**
 * End to end in a real VS Code workbench (code-server) driven by Debian's Chromium: the built .vsix
 * installed into a fresh profile, examples/ opened, and the product checked as a person would see it.
 * Screenshots of every step are kept in the artifacts folder printed at the end (always on failure).
 */
const { codeServerDir, vsix } = e2eTools;

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

  /** Runs a command from the command palette by its title, as a person would (F1, type, Enter). */
  const runCommand = async (title: string): Promise<void> => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(title);
    await page.locator(`.quick-input-list .monaco-list-row:has-text("${title}")`).first().waitFor();
    await page.keyboard.press('Enter');
  };

  /** The content of the visible webview (the summary, a Markdown preview): VS Code nests it in two iframes. */
  const visibleWebview = () => page.locator('iframe.webview.ready').filter({ visible: true }).first().contentFrame().locator('iframe#active-frame').contentFrame();

  /** Filters the Problems panel, whose list renders only visible rows, to what a person would look for. */
  const filterProblemsFor = async (text: string): Promise<void> => {
    const filter = page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first();
    await filter.click();
    await filter.fill(text);
  };

  /** A row of the controls panel (the only custom tree view in the workbench). */
  const controlsRow = (text: string | RegExp) => page.locator('.customview-tree .monaco-list-row', { hasText: text }).first();
  /** The controls panel row of HIPAA §164.312(a)(2)(iv) under kms.tf, with its status as the description starts. */
  const kmsEncryption = (status: 'violated' | 'satisfied') => controlsRow(new RegExp(`HIPAA §164\\.312\\(a\\)\\(2\\)\\(iv\\) Encryption and decryption${status} · `));

  before(async function () {
    const missing = missingE2eTools();
    if (missing !== undefined) {
      console.log(`      ${missing}`);
      this.skip();
    }
    assert.ok(existsSync(vsix), `the packaged extension exists: ${vsix} (npm run package)`);
    server = await startCodeServer({ codeServerDir, vsix, workspaceSource: path.join(repoRoot, 'examples') });
    ({ context, page } = await openWorkbench(server));
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
    await filterProblemsFor('aws-rds-instance-storage-encrypted');
    await page.locator('.markers-panel .monaco-list-row:has-text("aws-rds-instance-storage-encrypted")').first().waitFor();
    await page.locator('.markers-panel .monaco-list-row:has-text("HIPAA")').first().waitFor();
    // cronjob.yaml was never opened: its findings come from the background workspace scan.
    await filterProblemsFor('k8s-no-privileged-containers');
    await page.locator('.markers-panel .monaco-list-row:has-text("k8s-no-privileged-containers")').first().waitFor();
    await shot('problems-panel');
    await filterProblemsFor('');
  });

  it('shows in the controls panel which controls a file violates, with the evidence', async () => {
    // The badge (violated controls) covers the icon; a click on it opens the container all the same.
    await page.locator('.activitybar .action-item a[aria-label^="Healthcare Compliance"]').click({ force: true });
    const kms = controlsRow(/^kms\.tf/);
    await kms.waitFor();
    await kms.click(); // expands the file: its controls with their status
    await kmsEncryption('violated').click(); // expands the control: its evidence
    await controlsRow(/aws_kms_key\.integrationviolated · aws-kms-key-rotation-enabled · line \d+/).waitFor();
    await shot('controls-panel-violated');
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

  it('flips the control to satisfied in the panel once the file is fixed, and the status bar shows the file', async () => {
    await kmsEncryption('satisfied').waitFor();
    await controlsRow(/aws_kms_key\.integrationsatisfied · aws-kms-key-rotation-enabled/).waitFor();
    await page.locator('.statusbar-item[aria-label^="Healthcare compliance of kms.tf: 0 findings"]').waitFor();
    await shot('controls-panel-satisfied');
  });

  it('regroups the panel by control: where each control is evidenced', async () => {
    await page.locator('.part.sidebar .title-actions .action-label[aria-label^="Toggle Controls Panel Grouping"]').click();
    await controlsRow(/^HIPAA Security Rule/).waitFor();
    const review = controlsRow(/^HIPAA §164\.308\(a\)\(1\)\(ii\)\(D\) Information system activity review/);
    await review.click();
    await controlsRow(/^terraform\/phi-platform\/cloudtrail\.tf/).waitFor();
    await shot('controls-panel-by-control');
  });

  it('explains a control picked from the catalog: the files that evidence it and the rules', async () => {
    await runCommand('Healthcare IaC: Explain Control…');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type('164.312(b)');
    await page.locator('.quick-input-list .monaco-list-row:has-text("Audit controls")').first().waitFor();
    await page.keyboard.press('Enter');
    const preview = visibleWebview();
    await preview.locator('h1:has-text("Audit controls")').waitFor();
    await preview.locator('td:has-text("terraform/phi-platform/cloudtrail.tf")').waitFor();
    await preview.locator('h2:has-text("Rules that evidence it")').waitFor();
    await shot('explain-control');
    // A rule of the table links to its page, shipped with the extension.
    await preview.locator('a:has-text("aws-cloudtrail-log-file-validation")').first().click();
    await visibleWebview().locator('h1:has-text("CloudTrail log file integrity validation")').waitFor();
    await shot('explain-control-rule-page');
  });

  it('opens the compliance summary from the command palette', async () => {
    await runCommand('Healthcare IaC: Show Compliance Summary');
    const summary = visibleWebview();
    await summary.locator('h1:has-text("Healthcare compliance summary")').waitFor();
    await summary.locator('figcaption:has-text("HIPAA Security Rule")').waitFor();
    await summary.locator('caption:has-text("Accepted exceptions")').or(summary.locator('p.empty:has-text("No suppressions")')).first().waitFor();
    await shot('compliance-summary');
  });

  it('exports compliance evidence into a folder picked in the dialog', async () => {
    await runCommand('Healthcare IaC: Export Compliance Evidence…');
    // code-server's folder dialog is a quick input holding a path; it opens on the workspace folder,
    // which is where this export goes.
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.waitForFunction(`document.querySelector('.quick-input-widget input')?.value === ${JSON.stringify(`${server!.workspace}/`)}`);
    await shot('evidence-folder-dialog');
    await page.locator('.quick-input-widget .quick-input-action a[aria-label="Export Here"], .quick-input-widget .monaco-button:has-text("Export Here")').first().click();
    await page.locator('.notifications-toasts .notification-toast:has-text("Compliance evidence written")').waitFor();
    const deadline = Date.now() + 30_000;
    let written: string[] = [];
    while (written.length < 3) {
      const folder = readdirSync(server!.workspace).find((name) => name.startsWith('hciac-evidence-'));
      written = folder === undefined ? [] : readdirSync(path.join(server!.workspace, folder)).sort();
      if (Date.now() > deadline) assert.fail(`the evidence files were not written (found: ${written.join(', ') || 'nothing'})`);
      if (written.length < 3) await page.waitForTimeout(200); // polling the file system for the written result
    }
    assert.deepEqual(written.map((f) => path.extname(f)).sort(), ['.json', '.md', '.sarif']);
    await shot('evidence-exported');
  });

  it('Fix All from the command palette applies the safe fixes of a file (source.fixAll.hciac)', async () => {
    await openFile('cloudtrail.tf', 'aws_cloudtrail');
    await page.locator('.monaco-editor .view-lines').first().click(); // focus this editor (F8 could move to another file)
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type('Fix All');
    await page.locator('.quick-input-list .monaco-list-row:has-text("Fix All")').first().waitFor();
    await page.keyboard.press('Enter');
    // The edit is resolved lazily: wait until the file's finding is gone before saving.
    await page.locator('.statusbar-item[aria-label^="Healthcare compliance of cloudtrail.tf: 0 findings"]').waitFor();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+S');
    const file = path.join(server!.workspace, 'terraform', 'phi-platform', 'cloudtrail.tf');
    const deadline = Date.now() + 30_000;
    while (!/enable_log_file_validation\s*=\s*true/.test(readFileSync(file, 'utf8').split('resource "aws_cloudtrail" "phi_data_events"')[1] ?? '')) {
      if (Date.now() > deadline) assert.fail('cloudtrail.tf on disk was not changed by Fix All');
      await page.waitForTimeout(200); // polling the file system for the saved result
    }
    await shot('after-fix-all');
  });

  it('applies a snippet quick fix: the values typed at its tab stops are saved under the right container', async () => {
    const file = path.join(server!.workspace, 'kubernetes', 'patient-portal', 'deployment.yaml');
    const original = readFileSync(file, 'utf8');
    const originalLines = original.split('\n');
    const nameLine = originalLines.findIndex((line) => line.includes('- name: audit-log-forwarder'));
    assert.ok(nameLine >= 0, 'deployment.yaml has the audit-log-forwarder container');

    if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
    await filterProblemsFor('k8s-liveness-readiness-probes');
    const probesFinding = page.locator('.markers-panel .monaco-list-row', { hasText: 'k8s-liveness-readiness-probes' }).filter({ hasText: 'audit-log-forwarder' });
    await probesFinding.first().waitFor();

    await openFile('deployment.yaml', 'patient-portal-web');
    const findingsOfFile = page.locator('.statusbar-item[aria-label^="Healthcare compliance of deployment.yaml: "]');
    const before = Number(/: (\d+) finding/.exec((await findingsOfFile.getAttribute('aria-label')) ?? '')?.[1]);
    assert.ok(before >= 1, 'the status bar counts the findings of deployment.yaml');

    // The cursor on the container's `name:` entry, where the finding is (several rules report there).
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(`${nameLine + 1}:${originalLines[nameLine]!.indexOf('audit-log-forwarder') + 1}`);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .lightBulbWidget').first().waitFor();
    const action = page.locator('.action-widget .monaco-list-row:has-text("Add the missing HTTP probe")').first();
    for (let attempt = 0; ; attempt++) {
      // Control+. before the code actions of the position are ready shows no such row: retry once.
      await page.keyboard.press('Control+.');
      try {
        await action.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt >= 1) throw error;
        await page.keyboard.press('Escape');
      }
    }
    await shot('snippet-quick-fix-menu');
    // Other rules' fixes are listed at the same position: move the focus to this one (a click is
    // intercepted by the widget's pointer block), then apply it.
    const focusedAction = page.locator('.action-widget .monaco-list-row.focused:has-text("Add the missing HTTP probe")');
    for (let moves = 0; !(await focusedAction.isVisible()); moves++) {
      if (moves > Number(await action.getAttribute('aria-setsize'))) assert.fail('the probe fix could not be focused in the quick fix menu');
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');

    // The snippet's first tab stop (the liveness path) is selected; `<probe-port>` is one tab stop for both probes.
    await page.locator('.monaco-editor .view-lines:has-text("<liveness-path>")').first().waitFor();
    await page.keyboard.type('/healthz');
    await page.keyboard.press('Tab');
    await page.keyboard.type('8080');
    await page.keyboard.press('Tab');
    await page.keyboard.type('/ready');
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .view-lines:has-text("path: /ready")').first().waitFor();
    await shot('snippet-quick-fix-typed');

    // The finding of this rule for this container is gone; the file's other findings stay.
    await probesFinding.first().waitFor({ state: 'detached' });
    await page.locator(`.statusbar-item[aria-label^="Healthcare compliance of deployment.yaml: ${before - 1} finding"]`).waitFor();

    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 30_000;
    while (!readFileSync(file, 'utf8').includes('path: /ready')) {
      if (Date.now() > deadline) assert.fail('deployment.yaml on disk was not changed by the snippet quick fix');
      await page.waitForTimeout(200); // polling the file system for the saved result
    }
    const saved = readFileSync(file, 'utf8');
    const document = parseDocument(saved);
    assert.deepEqual(document.errors, [], 'the saved deployment.yaml parses');
    const containers = (document.toJS() as { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } }).spec.template.spec.containers;
    const forwarder = containers.find((c) => c.name === 'audit-log-forwarder');
    assert.deepEqual(forwarder?.livenessProbe, { httpGet: { path: '/healthz', port: 8080 } });
    assert.deepEqual(forwarder?.readinessProbe, { httpGet: { path: '/ready', port: 8080 } });
    // Inserted as the container's last keys, at its keys' indentation; nothing else changed.
    const inserted = [
      '          livenessProbe:',
      '            httpGet:',
      '              path: /healthz',
      '              port: 8080',
      '          readinessProbe:',
      '            httpGet:',
      '              path: /ready',
      '              port: 8080',
    ];
    const savedLines = saved.split('\n');
    const at = savedLines.indexOf(inserted[0]!, nameLine); // the web container above has its own livenessProbe
    assert.deepEqual(savedLines.slice(at, at + inserted.length), inserted, 'the probes as saved');
    assert.deepEqual([...savedLines.slice(0, at), ...savedLines.slice(at + inserted.length)], originalLines, 'the rest of the file is unchanged');
    await filterProblemsFor('');
    await shot('after-snippet-quick-fix');
  });
});
