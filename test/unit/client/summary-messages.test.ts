import { strict as assert } from 'node:assert';
import { parseSummaryMessage } from '../../../client/src/webviews/summary-messages';

describe('client: messages from the summary webview', () => {
  it('accepts exactly the four message shapes', () => {
    assert.deepEqual(parseSummaryMessage({ type: 'refresh' }), { type: 'refresh' });
    assert.deepEqual(parseSummaryMessage({ type: 'openFile', uri: 'file:///ws/a.tf', line: 3 }), { type: 'openFile', uri: 'file:///ws/a.tf', line: 3 });
    assert.deepEqual(parseSummaryMessage({ controlId: 'HIPAA-164.312(b)', type: 'explainControl' }), { type: 'explainControl', controlId: 'HIPAA-164.312(b)' });
    assert.deepEqual(parseSummaryMessage({ type: 'openRuleDoc', ruleId: 'rds-encrypted' }), { type: 'openRuleDoc', ruleId: 'rds-encrypted' });
  });

  it('rejects anything else', () => {
    const rejected: unknown[] = [
      undefined,
      null,
      'refresh',
      [],
      [{ type: 'refresh' }],
      {},
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'refresh', extra: 1 },
      { type: 'openFile', uri: 'file:///a.tf' },
      { type: 'openFile', uri: 'file:///a.tf', line: -1 },
      { type: 'openFile', uri: 'file:///a.tf', line: 1.5 },
      { type: 'openFile', uri: 'file:///a.tf', line: '3' },
      { type: 'openFile', uri: 42, line: 3 },
      { type: 'openFile', uri: '', line: 3 },
      { type: 'openFile', uri: 'x'.repeat(5000), line: 3 },
      { type: 'openFile', uri: 'file:///a.tf', line: 3, command: 'x' },
      { type: 'explainControl' },
      { type: 'explainControl', controlId: { toString: () => 'x' } },
      { type: 'openRuleDoc', ruleId: null },
      Object.assign(Object.create({ type: 'refresh' }) as object, {}),
    ];
    for (const raw of rejected) assert.equal(parseSummaryMessage(raw), undefined, JSON.stringify(raw));
  });
});
