import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../../server/src/rules';
import { repoRoot } from '../../harness/assets';

/**
 * What a fix's title must tell before anyone applies it. A review fix is never part of a fix-all and
 * is picked one finding at a time, so its title carries the consequence in parentheses
 * ("… (replaces an existing instance)"); a fix that writes a value only the user can choose says so
 * and names the variable, and is never safe.
 */
describe('fix titles and safety classes', () => {
  const fixes = allRules.flatMap((rule) => Object.entries(rule.fixes).map(([fixId, meta]) => ({ label: `${rule.id}/${fixId}`, ...meta })));

  it('every review fix names its consequence in parentheses', () => {
    const bare = fixes.filter((f) => f.safety === 'review' && !/\([^)]{12,}\)/.test(f.title)).map((f) => `${f.label}: ${f.title}`);
    assert.deepEqual(bare, []);
  });

  it('a fix that asks for a value the user chooses is review and names the variable', () => {
    const chosen = fixes.filter((f) => /you choose/.test(f.title));
    assert.ok(chosen.length >= 10, `user-value fixes: ${chosen.length}`);
    assert.deepEqual(chosen.filter((f) => f.safety !== 'review' || !/\(var\.[a-z0-9_]+;/.test(f.title)).map((f) => `${f.label}: ${f.title}`), []);
  });

  it('docs/quick-fixes.md lists every variable a fix asks for', () => {
    const fromTitles = new Set(fixes.flatMap((f) => [...f.title.matchAll(/\(var\.([a-z0-9_]+);/g)].map((m) => `${f.label.split('/')[0]} ${m[1]}`)));
    const doc = readFileSync(path.join(repoRoot, 'docs', 'quick-fixes.md'), 'utf8');
    const fromDoc = new Set([...doc.matchAll(/^\| `([a-z0-9-]+)` \| `([a-z0-9_]+)`/gm)].map((m) => `${m[1]} ${m[2]}`));
    assert.deepEqual([...fromDoc].sort(), [...fromTitles].sort());
  });
});
