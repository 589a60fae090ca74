import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../server/src/rules';
import { kicsAvailable, kicsDir, loadExclusions, measure, type AccuracyReport } from '../../tools/accuracy';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const TARGET = 0.97;

/**
 * The accuracy contract of the rule set (`npm run accuracy`): every rule mapped to a KICS query,
 * measured on KICS's own fixtures, after the deliberate differences of tools/accuracy-exclusions.json.
 */
describe('accuracy against the KICS oracle', function () {
  this.timeout(180_000);
  let report: AccuracyReport;

  before(async function () {
    if (!kicsAvailable()) {
      console.log(`    ${kicsDir} is absent: skipping the accuracy contract (run \`npm run accuracy\` where ../shared is present)`);
      this.skip();
    }
    report = await measure(allRules);
  });

  it(`overall precision and recall are at least ${TARGET}`, () => {
    const { precision, recall, tp, fp, fn } = report.totals;
    const worst = report.rules.filter((r) => r.fp + r.fn > 0).map((r) => `${r.rule}: tp ${r.tp} fp ${r.fp} fn ${r.fn}`);
    assert.ok(precision >= TARGET && recall >= TARGET, `precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn}); rules with disagreements:\n${worst.join('\n')}`);
  });

  it('every disagreement is fixed or documented as an exclusion', () => {
    const open = report.disagreements.filter((d) => d.excluded === undefined).map((d) => `${d.kind.toUpperCase()} ${d.rule} ${d.query}/${d.file}:${d.line}`);
    assert.deepEqual(open, [], 'fix the rule, or add an entry to tools/accuracy-exclusions.json and a bullet under "Differences from KICS" in the rule doc');
  });

  it('every exclusion still matches a disagreement', () => {
    assert.deepEqual(
      report.unusedExclusions.map((e) => `${e.kind} ${e.rule} ${e.query}/${e.file}:${e.line}`),
      [],
      'the rule or the fixture changed: remove the stale entries from tools/accuracy-exclusions.json',
    );
  });

  it('every exclusion names a registered rule, gives a reason, and its rule doc has a "Differences from KICS" section', () => {
    const ids = new Set(allRules.map((r) => r.id));
    const problems: string[] = [];
    const docs = new Map<string, string>();
    for (const e of loadExclusions()) {
      const where = `${e.rule} ${e.query}/${e.file}:${e.line}`;
      if (!ids.has(e.rule)) {
        problems.push(`${where}: no registered rule has this id`);
        continue;
      }
      if (e.reason.trim().length === 0) problems.push(`${where}: empty reason`);
      if (!docs.has(e.rule)) docs.set(e.rule, readFileSync(path.join(repoRoot, 'docs', 'rules', `${e.rule}.md`), 'utf8'));
      if (!/^## Differences from KICS$/m.test(docs.get(e.rule)!)) problems.push(`${where}: docs/rules/${e.rule}.md has no "## Differences from KICS" section`);
    }
    assert.deepEqual([...new Set(problems)], []);
  });
});
