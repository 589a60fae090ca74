import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '../harness/assets';
import { readSnippetFile } from '../unit/snippets/snippet-file';
import { e2eTools, missingE2eTools, openWorkbench, startCodeServer, type CodeServer } from './code-server-harness';

/**
 * End to end in a real VS Code workbench (code-server): a golden-path snippet typed by its prefix
 * into a file that has findings replaces them with compliant code, and the Problems panel empties.
 * Structure and settings as in code-server.e2e.ts (see that file and
 * ../shared/design/real-vscode-e2e.md).
 */
const { codeServerDir, vsix } = e2eTools;

/** Each file starts with a finding, so an empty Problems panel afterwards means the server re-analysed the snippet. */
const CASES = [
  { file: 'main.tf', snippets: 'terraform', start: 'resource "aws_db_instance" "legacy" {}\n', finding: 'aws-rds-instance-storage-encrypted', prefix: 'hciac-s3-phi-bucket' },
  {
    file: 'deployment.yaml',
    snippets: 'kubernetes',
    start: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: legacy\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: nginx\n',
    finding: 'k8s-no-host-network',
    prefix: 'hciac-k8s-deployment',
  },
] as const;

/** The text the unit tests analyse for a snippet: what VS Code must insert when every default is kept. */
function expectedExpansion(snippets: string, prefix: string): string {
  const snippet = readSnippetFile(path.join(repoRoot, 'snippets', `${snippets}.code-snippets`)).find((s) => s.prefix === prefix);
  assert.ok(snippet !== undefined, `snippet ${prefix} exists`);
  return snippet.expanded;
}

describe('e2e: golden-path snippets in a real VS Code (code-server)', function () {
  this.timeout(180_000);
  let workspaceSource: string | undefined;
  let server: CodeServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let step = 0;
  let failed = false;

  const shot = async (name: string): Promise<void> => {
    step += 1;
    if (server !== undefined) await page.screenshot({ path: path.join(server.artifacts, `${String(step).padStart(2, '0')}-${name}.png`) }).catch(() => undefined);
  };

  const problemRows = (text: string) => page.locator(`.markers-panel .monaco-list-row:has-text("${text}")`);

  before(async function () {
    const missing = missingE2eTools();
    if (missing !== undefined) {
      console.log(`      ${missing}`);
      this.skip();
    }
    assert.ok(existsSync(vsix), `the packaged extension exists: ${vsix} (npm run package)`);
    workspaceSource = mkdtempSync(path.join(tmpdir(), 'hciac-snippets-workspace-'));
    mkdirSync(workspaceSource, { recursive: true });
    for (const c of CASES) writeFileSync(path.join(workspaceSource, c.file), c.start);
    server = await startCodeServer({ codeServerDir, vsix, workspaceSource });
    ({ context, page } = await openWorkbench(server));
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async () => {
    if (server !== undefined && page !== undefined) await shot('final');
    await context?.close();
    server?.stop();
    if (workspaceSource !== undefined) rmSync(workspaceSource, { recursive: true, force: true });
    if (server !== undefined) console.log(`      e2e screenshots: ${server.artifacts}${failed ? ' (kept: a step failed)' : ''}`);
  });

  for (const c of CASES) {
    it(`${c.prefix} replaces a non-compliant ${c.file} with one that has no finding`, async () => {
      await page.locator(`.explorer-folders-view .monaco-list-row:has-text("${c.file}")`).click();
      const editor = page.locator('.editor-group-container.active .monaco-editor').first();
      await editor.locator('.view-lines:has-text("legacy")').waitFor();
      const fileProblems = page.locator(`.markers-panel .monaco-list-row[aria-label*="in file ${c.file} "]`);
      await fileProblems.waitFor(); // the server is analysing this file
      await problemRows(c.finding).first().waitFor();
      await shot(`${c.file}-before`);

      await editor.locator('.view-lines').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(c.prefix);
      const suggestion = page.locator(`.editor-widget.suggest-widget .monaco-list-row:has-text("${c.prefix}")`).first();
      try {
        await suggestion.waitFor({ timeout: 10_000 });
      } catch {
        await page.keyboard.press('Control+Space'); // quick suggestions may be off for this language
        await suggestion.waitFor();
      }
      await shot(`${c.file}-suggestion`);
      await page.keyboard.press('Enter');
      await editor.locator('.view-lines:has-text("phi-")').first().waitFor();
      await page.keyboard.press('Escape'); // leave snippet mode with every default
      await shot(`${c.file}-inserted`);

      // The Problems panel holds every diagnostic of the workspace, in view or not.
      await problemRows(c.finding).first().waitFor({ state: 'detached' });
      await fileProblems.waitFor({ state: 'detached' }); // no problem of any rule left in the file

      // What VS Code inserted is exactly the expansion the unit tests analyse.
      await page.keyboard.press('Control+S');
      const file = path.join(server!.workspace, c.file);
      const expected = expectedExpansion(c.snippets, c.prefix);
      const deadline = Date.now() + 30_000;
      while (readFileSync(file, 'utf8') !== expected) {
        if (Date.now() > deadline) assert.equal(readFileSync(file, 'utf8'), expected, `${c.file} on disk after saving`);
        await page.waitForTimeout(200); // polling the file system for the saved result
      }
      await shot(`${c.file}-no-problems`);
    });
  }
});
