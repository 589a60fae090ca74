import { strict as assert } from 'node:assert';
import { buildSummary } from '../../../client/src/webviews/summary-model';
import { displayPath, HOSTILE_NAME, snapshot } from './snapshot-fixture';

describe('client: compliance summary data', () => {
  const summary = buildSummary(snapshot(), displayPath, new Date('2026-11-25T12:00:00Z'));

  it('counts the controls of each enabled framework by workspace status', () => {
    assert.deepEqual(
      summary.frameworks.map((f) => [f.id, f.total, f.counts.violated, f.counts.unknown, f.counts.satisfied]),
      [
        ['hipaa', 2, 1, 1, 0],
        ['soc2', 1, 1, 0, 0],
      ],
    );
    assert.deepEqual(summary.totals, { files: 3, findings: 3, suppressions: 1, unknown: 1 });
  });

  it('ranks violated controls by files violating, then findings; rules and files by findings', () => {
    assert.deepEqual(summary.topControls.map((c) => [c.id, c.files.violated, c.findings]), [
      ['HIPAA-164.312(a)(2)(iv)', 2, 3],
      ['SOC2-CC6.1', 2, 3],
    ]);
    assert.deepEqual(summary.topRules.map((r) => [r.id, r.findings, r.files]), [['rds-encrypted', 3, 2]]);
    assert.deepEqual(summary.topFiles.map((f) => [f.uri, f.findings, f.violatedControls]), [
      [HOSTILE_NAME, 2, 2],
      ['file:///ws/rds.tf', 1, 2],
    ]);
  });

  it('lists suppressions with a one-based line and whether they expired', () => {
    assert.deepEqual(summary.suppressions, [
      { uri: 'file:///ws/rds.tf', path: 'rds.tf', line: 10, ruleId: 'rds-encrypted', resource: 'aws_db_instance.r9', reason: 'legacy replica, migrating in Q1', expires: '2000-01-31', expired: true, origin: 'hciac' },
    ]);
    const before = buildSummary(snapshot(), displayPath, new Date('1999-12-31T00:00:00Z'));
    assert.equal(before.suppressions[0]?.expired, false);
  });
});
