import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { defaultSettings } from '../../../common/settings';
import { RuleSet } from '../../../server/src/engine/rule-set';
import { allRules } from '../../../server/src/rules';
import { planProjectScan, scanProject, ScanThread, type ScannedFile } from '../../../server/src/workspace/project-scan';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars, repoRoot } from '../../harness/assets';

const settings = { ...defaultSettings, maxFiles: 100_000, maxFileSize: 1 << 26 };

/**
 * The CLI cuts a scan into units that threads load and analyse on their own (project-scan.ts). Each
 * unit alone — in a fresh index, as on a worker that runs nothing else — must give every requested
 * file the analysis it gets when the whole project is indexed together.
 */
describe('project scan: units analysed apart give the analyses of the whole project', () => {
  it('examples/', async () => {
    await assertUnitsMatchWholeScan(path.join(repoRoot, 'examples'));
  });

  it('../shared/corpus', async function () {
    const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');
    if (!existsSync(corpus)) {
      console.log('      skipped: ../shared/corpus is absent');
      this.skip();
    }
    this.timeout(600_000);
    await assertUnitsMatchWholeScan(corpus);
  });

  it('modules called from outside the scanned folder are loaded with the unit that calls them', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'hciac-scan-'));
    try {
      // live/{a,b}/main.tf → modules/m1 → m2 → m3 (outside the scanned folder `live`), and a
      // Kubernetes manifest beside them.
      const write = (file: string, text: string): void => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      };
      write('live/a/main.tf', 'module "db" {\n  source = "../../modules/m1"\n  public = true\n}\n');
      write('live/b/main.tf', 'module "db" {\n  source = "../../modules/m1"\n  public = false\n}\n');
      write('live/k8s/deploy.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx\n');
      for (let i = 1; i < 3; i++) write(`modules/m${i}/main.tf`, `variable "public" {}\nmodule "next" {\n  source = "../m${i + 1}"\n  public = var.public\n}\n`);
      write('modules/m3/main.tf', 'variable "public" {}\nresource "aws_db_instance" "db" {\n  publicly_accessible = var.public\n  storage_encrypted   = false\n}\n');
      const plan = await assertUnitsMatchWholeScan(path.join(root, 'live'));
      assert.equal(plan.units.length, 2, 'one Kubernetes unit, one unit for the two callers of the same module chain');
      const whole = await scanProject([path.join(root, 'live')], await grammars(), settings, () => undefined);
      const findings = whole.index.analysis(URI.file(path.join(root, 'live', 'a', 'main.tf')).toString()).findings;
      assert.ok(findings.some((f) => f.ruleId === 'aws-rds-not-publicly-accessible'), 'the finding three calls deep reaches the calling file');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

async function assertUnitsMatchWholeScan(root: string): Promise<Awaited<ReturnType<typeof planProjectScan>>> {
  const g = await grammars();
  const rules = new RuleSet(allRules);
  const whole = await scanProject([root], g, settings, (id, e) => assert.fail(`rule ${id} failed: ${String(e)}`));
  const plan = await planProjectScan([root], settings);
  assert.deepEqual(plan.requested, whole.uris);
  const byUnit: ScannedFile[] = [];
  for (const unit of plan.units) byUnit.push(...new ScanThread(new WorkspaceIndex(rules, () => undefined), g, settings).run(unit));
  // One thread running every unit in turn (what --jobs 1 does) gives the same too.
  const oneThread = new ScanThread(new WorkspaceIndex(rules, () => undefined), g, settings);
  const sequential = plan.units.flatMap((unit) => oneThread.run(unit));
  assert.deepEqual(byUnit.map((f) => f.uri).sort(), [...whole.uris].sort(), 'every requested file is in exactly one unit');
  for (const results of [byUnit, sequential]) {
    for (const file of results) {
      assert.equal(file.text, whole.index.get(file.uri)?.text);
      assert.deepEqual(file.analysis, whole.index.analysis(file.uri), file.uri);
    }
  }
  return plan;
}
