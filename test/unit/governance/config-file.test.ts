import { strict as assert } from 'node:assert';
import { defaultSettings } from '../../../common/settings';
import { readConfigFile } from '../../../server/src/config/config-file';
import { applyConfigFile } from '../../../server/src/config/effective-settings';
import { CATALOG_IDS, WorkspaceConfiguration } from '../../../server/src/config/workspace-configuration';
import type { AnalysisProblem } from '../../../server/src/engine/finding';
import { LineIndex } from '../../../server/src/model/line-index';
import { allRules } from '../../../server/src/rules';
import { catalogCheck } from '../../../server/src/rules/catalog';

/** `line:severity:text` for each problem, 1-based lines: what the editor shows. */
function located(text: string, problems: readonly AnalysisProblem[]): string[] {
  const lines = new LineIndex(text);
  return problems.map((p) => `${lines.positionAt(p.span.start).line + 1}:${p.severity}:${p.message}`);
}

describe('.hciac.yaml: reading and validation', () => {
  it('reads every key of the schema', () => {
    const text = `enable: true
severity:
  medium: error
rules:
  k8s-resource-limits-set: "off"
exclude: ["vendor/**"]
maxFiles: 100
maxFileSize: 4096
frameworks: [hipaa, soc2]
policy:
  forbidSuppression: [aws-rds-not-publicly-accessible, "HIPAA-164.312(a)(2)(iv)"]
  requireExpiry: true
  maxExpiryDays: 180
`;
    const file = readConfigFile(text, CATALOG_IDS);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.settings, { enable: true, severity: { medium: 'error' }, rules: { 'k8s-resource-limits-set': 'off' }, exclude: ['vendor/**'], maxFiles: 100, maxFileSize: 4096, frameworks: ['hipaa', 'soc2'] });
    assert.deepEqual(file.policy, { forbidSuppression: ['aws-rds-not-publicly-accessible', 'HIPAA-164.312(a)(2)(iv)'], requireExpiry: true, maxExpiryDays: 180 });
  });

  it('mistakes become problems on their line; invalid values are left out, the rest applies', () => {
    const text = `frameworks: [hipaa, hippa]
maxFiles: -5
rules:
  aws-efs-encrypted: loud
  k8s-run-as-non-root: warning
policy:
  maxExpiryDays: ninety
  requireExpiry: true
`;
    const file = readConfigFile(text, CATALOG_IDS);
    assert.deepEqual(located(text, file.problems).map((p) => p.split(':').slice(0, 2).join(':')), ['1:error', '2:error', '4:error', '7:error']);
    assert.match(located(text, file.problems)[0]!, /frameworks\[1\] must be one of hipaa, hitrust/);
    assert.match(located(text, file.problems)[1]!, /maxFiles must be a number ≥ 1/);
    assert.deepEqual(file.settings, { frameworks: ['hipaa'], rules: { 'k8s-run-as-non-root': 'warning' } });
    assert.deepEqual(file.policy, { forbidSuppression: [], requireExpiry: true, maxExpiryDays: undefined });
  });

  it('unknown keys, rule ids and policy ids are warnings, never fatal', () => {
    const text = `enabled: false
rules:
  aws-no-such-rule: error
policy:
  forbidSupression: [x]
  forbidSuppression: [NOT-A-CONTROL]
maxFiles: 10
`;
    const file = readConfigFile(text, CATALOG_IDS);
    const shown = located(text, file.problems);
    assert.deepEqual(shown.map((p) => p.split(':').slice(0, 2).join(':')).sort(), ['1:warning', '3:warning', '5:warning', '6:warning']);
    assert.ok(shown.some((p) => p.startsWith('1:warning:Unknown key enabled') && p.includes('enable')), shown.join('\n'));
    assert.ok(shown.some((p) => p.startsWith('5:warning:Unknown key policy.forbidSupression')), shown.join('\n'));
    assert.equal(file.settings.maxFiles, 10);
  });

  it('a YAML syntax error is one error at its place, and nothing of the file applies', () => {
    const text = 'maxFiles: 10\nrules: [unclosed\n';
    const file = readConfigFile(text, CATALOG_IDS);
    assert.equal(file.problems.length >= 1, true);
    assert.ok(file.problems.every((p) => p.severity === 'error' && p.message.includes('not valid YAML')));
    assert.deepEqual(file.settings, {});
  });

  it('an empty file or comments only is a valid, empty configuration', () => {
    for (const text of ['', '# nothing yet\n']) assert.deepEqual(readConfigFile(text, CATALOG_IDS), { settings: {}, policy: { forbidSuppression: [], requireExpiry: false, maxExpiryDays: undefined }, problems: [], keySpans: new Map() });
  });
});

describe('.hciac.yaml: merged with the editor settings, and Workspace Trust', () => {
  const severityOf = (id: string) => catalogCheck(id).severity;
  const text = `enable: false
severity:
  low: error
  high: warning
rules:
  k8s-run-as-non-root: "off"
  k8s-resource-limits-set: error
exclude: ["**/fixtures/**"]
maxFiles: 9000
maxFileSize: 1000
frameworks: [hipaa]
`;
  const file = readConfigFile(text, CATALOG_IDS);
  const editor = { ...defaultSettings, frameworks: ['hipaa', 'soc2'] as const };

  it('trusted: the file wins per key; exclude lists add up', () => {
    const { settings, problems } = applyConfigFile(editor, file, true, severityOf);
    assert.deepEqual(problems, []);
    assert.equal(settings.enable, false);
    assert.deepEqual(settings.severity, { ...defaultSettings.severity, low: 'error', high: 'warning' });
    assert.deepEqual(settings.rules, { 'k8s-run-as-non-root': 'off', 'k8s-resource-limits-set': 'error' });
    assert.deepEqual(settings.exclude, [...defaultSettings.exclude, '**/fixtures/**']);
    assert.deepEqual([settings.maxFiles, settings.maxFileSize, settings.frameworks], [9000, 1000, ['hipaa']]);
  });

  it('untrusted: only what makes analysis stricter applies; the rest is an information on its key', () => {
    const { settings, problems } = applyConfigFile(editor, file, false, severityOf);
    assert.equal(settings.enable, true);
    assert.deepEqual(settings.severity, { ...defaultSettings.severity, low: 'error' }, 'raising low applies, lowering high does not');
    assert.deepEqual(settings.rules, { 'k8s-resource-limits-set': 'error' }, 'turning a rule off does not apply, raising one does');
    assert.deepEqual(settings.exclude, defaultSettings.exclude);
    assert.deepEqual([settings.maxFiles, settings.maxFileSize], [defaultSettings.maxFiles, 1000]);
    assert.deepEqual(settings.frameworks, ['hipaa', 'soc2'], 'frameworks can be added, not dropped');
    const shown = located(text, problems);
    assert.deepEqual(shown.map((p) => p.split(':')[0]).sort((a, b) => Number(a) - Number(b)), ['1', '4', '6', '8', '9', '11']);
    assert.ok(shown.every((p) => p.includes(':information:Ignored in Restricted Mode')), shown.join('\n'));
  });
});

describe('WorkspaceConfiguration: one configuration per root', () => {
  const roots = [
    { rootUri: 'file:///ws/a', configUri: 'file:///ws/a/.hciac.yaml', text: 'rules:\n  k8s-run-as-non-root: "off"\n' },
    { rootUri: 'file:///ws/a/nested', configUri: 'file:///ws/a/nested/.hciac.yaml', text: 'frameworks: [soc2]\n' },
    { rootUri: 'file:///ws/b', configUri: 'file:///ws/b/.hciac.yaml', text: undefined },
  ];

  it('a file gets the settings of its innermost root; outside every root, the editor settings', () => {
    const config = new WorkspaceConfiguration(defaultSettings, roots, true);
    assert.equal(config.settingsFor('file:///ws/a/x.yaml').rules['k8s-run-as-non-root'], 'off');
    assert.deepEqual(config.settingsFor('file:///ws/a/nested/x.tf').frameworks, ['soc2']);
    assert.deepEqual(config.settingsFor('file:///ws/b/x.tf'), defaultSettings);
    assert.deepEqual(config.settingsFor('file:///elsewhere/x.tf'), defaultSettings);
    assert.deepEqual(config.settingsFor('file:///ws/ab/x.tf'), defaultSettings, 'a sibling with a common prefix is not inside');
  });

  it('the engine runs every rule some root enables; frameworks are the union; overrides win over files', () => {
    const config = new WorkspaceConfiguration(defaultSettings, roots, true);
    assert.ok(config.ruleSet(allRules).rules.some((r) => r.id === 'k8s-run-as-non-root'), 'root b still runs it');
    assert.deepEqual(config.frameworks(), defaultSettings.frameworks);
    const cli = new WorkspaceConfiguration(defaultSettings, roots, true, { frameworks: ['hitrust'] });
    assert.deepEqual(cli.settingsFor('file:///ws/a/nested/x.tf').frameworks, ['hitrust']);
    assert.deepEqual(cli.frameworks(), ['hitrust']);
    assert.ok(cli.ruleSet(allRules).rules.every((r) => r.meta.controls.some((c) => c.framework === 'hitrust')), 'only rules that evidence HITRUST run');
  });
});
