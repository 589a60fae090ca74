import { strict as assert } from 'node:assert';
import { KUBERNETES_LINTERS, peerEquivalences, TRIVY } from '../../../server/src/engine/peer-equivalents';
import { allRules } from '../../../server/src/rules';

/** The hand-kept peer tables must name what exists: a renamed rule or message cannot silently drop an exception mapping. */
describe("peers' ids: the mapping tables", () => {
  const rules = new Map(allRules.map((r) => [r.id, r]));

  it('every table entry names a shipped rule and, when narrowed, messages that rule has', () => {
    for (const e of [...KUBERNETES_LINTERS, ...TRIVY]) {
      const rule = rules.get(e.ruleId);
      assert.ok(rule !== undefined, `${e.origin} → ${e.ruleId} is not a shipped rule`);
      for (const m of e.messageIds ?? []) assert.ok(m in rule.messages, `${e.ruleId} has no message ${m}`);
      assert.ok(e.groups.length > 0 && e.groups.every((g) => g.length > 0));
    }
  });

  it('Checkov and KICS come from the catalog metadata of each rule', () => {
    const all = peerEquivalences(allRules);
    for (const rule of allRules) {
      const checkov = all.find((e) => e.origin === 'checkov' && e.ruleId === rule.id);
      assert.deepEqual(checkov?.groups.flat() ?? [], rule.meta.equivalents.checkov.map((c) => c.id), rule.id);
    }
    assert.ok(all.length >= KUBERNETES_LINTERS.length + TRIVY.length);
  });
});
