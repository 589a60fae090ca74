import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-no-host-pid-ipc';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment whose pod spec starts with `podExtra`. */
const deployment = (podExtra: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n${podExtra}      containers:\n        - name: agent\n          image: agent:1.2.3\n`;

const cronJob = (podExtra: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${podExtra}          restartPolicy: OnFailure\n          initContainers:\n          - {name: init, image: "busybox:1.36"}\n          containers:\n          - name: export\n            image: export:2.0.1\n`;

runRuleCases(rule, {
  valid: [
    { name: 'Deployment without hostPID / hostIPC', code: deployment('') },
    { name: 'Deployment with both set to false', code: deployment('      hostPID: false\n      hostIPC: false\n') },
    { name: 'CronJob with hostPID: no (YAML 1.1)', code: cronJob('          hostPID: no\n') },
    { name: 'Pod in flow style with false values', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostPID: false, hostIPC: false, containers: [{name: a, image: "a:1"}]}\n' },
    { name: 'quoted "true" is a string: undecided, no finding', code: deployment('      hostPID: "true"\n') },
    { name: 'a Service with the same keys is not a workload', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  hostPID: true\n' },
  ],
  invalid: [
    {
      name: 'hostPID: true on a Deployment: safe fix sets it to false',
      code: deployment('      «hostPID: true» # for the profiler\n'),
      findings: [{ messageId: 'hostPID', severity: 'high' }],
      fix: 'noHostPID',
      output: deployment('      hostPID: false # for the profiler\n'),
    },
    {
      name: 'hostIPC: true on a CronJob',
      code: cronJob('          «hostIPC: true»\n'),
      findings: [{ messageId: 'hostIPC' }],
      fix: 'noHostIPC',
      output: cronJob('          hostIPC: false\n'),
    },
    {
      name: 'both on a Pod in flow style: two findings',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {«hostPID: true», «hostIPC: yes», containers: [{name: a, image: "a:1"}]}\n',
      findings: [{ messageId: 'hostPID' }, { messageId: 'hostIPC' }],
      fix: 'noHostIPC',
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostPID: true, hostIPC: false, containers: [{name: a, image: "a:1"}]}\n',
    },
    {
      name: 'multi-document stream: only the offending DaemonSet is reported',
      code: `${deployment('')}---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: node-exporter\nspec:\n  template:\n    spec:\n      «hostPID: True»\n      containers:\n      - name: exporter\n        image: prom/node-exporter:v1.8.2\n`,
      findings: [{ messageId: 'hostPID' }],
      fix: 'noHostPID',
      output: `${deployment('')}---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: node-exporter\nspec:\n  template:\n    spec:\n      hostPID: false\n      containers:\n      - name: exporter\n        image: prom/node-exporter:v1.8.2\n`,
    },
  ],
});

describe('rule k8s-no-host-pid-ipc: fix safety and aliases', () => {
  it('the fixes are safe (catalog autofix.safe: true)', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('      hostPID: true\n      hostIPC: true\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => [f.messageId, f.fix?.safety]), [['hostPID', 'safe'], ['hostIPC', 'safe']]);
  });
  it('no fix when the value is an alias (the anchor would change too)', async () => {
    const code = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {debug: &on true}\nspec:\n  hostPID: *on\n  containers: [{name: a, image: "a:1"}]\n';
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => [f.messageId, f.fix]), [['hostPID', undefined]]);
  });
  it('a non-boolean value is recorded as unknown', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('      hostIPC: "${HOST_IPC}"\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'hostIPC is "${HOST_IPC}", not a YAML boolean']]);
  });
});
