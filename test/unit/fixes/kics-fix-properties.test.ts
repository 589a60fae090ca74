import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf } from '../../../server/src/parsing/file-kind';
import { allRules } from '../../../server/src/rules';
import { kicsAvailable, kicsDir } from '../../../tools/accuracy';
import { checkFixProperties } from '../../harness/fix-properties';

/** The part of ../shared/oracles/kics/index.json this test reads. */
interface KicsIndex {
  readonly queries: readonly { readonly id: string; readonly queryDir: string; readonly positiveFixtures: readonly string[] }[];
}

/**
 * The fix properties of test/harness/fix-properties.ts on an outside corpus: every fix offered on a
 * KICS positive fixture of a query mapped to the rule (rule.meta.equivalents.kics), applied one at a
 * time, keeps the file parseable, removes its finding, adds none of the same rule and is idempotent.
 */
describe('fix properties on the KICS positive fixtures', function () {
  if (!kicsAvailable()) {
    it('needs ../shared/oracles/kics', function () {
      console.log(`    ${kicsDir} is absent: skipping the fix properties on the KICS fixtures`);
      this.skip();
    });
    return;
  }
  const index = JSON.parse(readFileSync(path.join(kicsDir, 'index.json'), 'utf8')) as KicsIndex;
  const byId = new Map(index.queries.map((q) => [q.id, q]));
  const stats = { fixtures: 0, fixes: 0 };

  for (const rule of allRules.filter((r) => Object.keys(r.fixes).length > 0)) {
    const queries = rule.meta.equivalents.kics.flatMap((k) => byId.get(k.id) ?? []);
    for (const query of queries) {
      for (const fixture of query.positiveFixtures.filter((f) => fileKindOf(f) !== undefined)) {
        it(`${rule.id}: ${query.queryDir}/${path.basename(fixture)}`, async () => {
          const raw = readFileSync(path.join(kicsDir, fixture), 'utf8');
          const name = path.basename(fixture);
          stats.fixtures++;
          stats.fixes += await checkFixProperties({ [name]: raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw }, name, [rule]);
        });
      }
    }
  }
  if (process.env.HCIAC_FIX_STATS === '1') after(() => console.log(`    KICS fix properties: ${stats.fixtures} positive fixtures, ${stats.fixes} fixes applied and verified`));
});
