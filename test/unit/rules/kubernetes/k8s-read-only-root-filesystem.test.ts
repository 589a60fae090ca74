import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-read-only-root-filesystem';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment with one container; `name` may carry «» markers. */
const deployment = (containerExtra: string, name = 'name: web'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: portal\nspec:\n  template:\n    spec:\n      containers:\n        - ${name}\n          image: portal:1.2.3\n${containerExtra}`;

const cronJob = (initContainer: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - ${initContainer}\n          containers:\n          - name: export\n            image: export:2.0.1\n            securityContext:\n              readOnlyRootFilesystem: true\n`;

runRuleCases(rule, {
  valid: [
    { name: 'Deployment container sets readOnlyRootFilesystem: true', code: deployment('          securityContext:\n            readOnlyRootFilesystem: true\n') },
    { name: 'CronJob: flow-style initContainer and block-style container', code: cronJob('{name: init, image: "busybox:1.36", securityContext: {readOnlyRootFilesystem: true}}') },
    {
      name: 'Pod with containers, initContainers and ephemeralContainers; YAML 1.1 boolean "yes"',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: busybox:1.36\n    securityContext: {readOnlyRootFilesystem: yes}\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      readOnlyRootFilesystem: true\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n    securityContext:\n      readOnlyRootFilesystem: On\n',
    },
    {
      name: 'multi-document stream: a ConfigMap and a compliant StatefulSet',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  readOnlyRootFilesystem: "false"\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n      - name: db\n        image: postgres:16.3\n        securityContext:\n          readOnlyRootFilesystem: true\n',
    },
    { name: 'quoted "true" is a string: undecided, no finding', code: deployment('          securityContext:\n            readOnlyRootFilesystem: "true"\n') },
    { name: 'a workload without containers has nothing to check', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: empty\nspec:\n  template:\n    spec: {}\n' },
  ],
  invalid: [
    {
      name: 'container without securityContext: finding on its name, fix creates the securityContext',
      code: deployment('', '«name: web»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'readOnly',
      output: deployment('          securityContext:\n            readOnlyRootFilesystem: true\n'),
    },
    {
      name: 'readOnlyRootFilesystem: false is replaced in place, comments kept',
      code: deployment('          securityContext:\n            «readOnlyRootFilesystem: false» # needs /tmp\n            runAsNonRoot: true\n'),
      findings: [{ messageId: 'writable' }],
      fix: 'readOnly',
      output: deployment('          securityContext:\n            readOnlyRootFilesystem: true # needs /tmp\n            runAsNonRoot: true\n'),
    },
    {
      name: 'securityContext without the field: finding on the securityContext key',
      code: deployment('          «securityContext»:\n            allowPrivilegeEscalation: false\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'readOnly',
      output: deployment('          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n'),
    },
    {
      name: 'CronJob initContainer in flow style',
      code: cronJob('{«name: init», image: "busybox:1.36"}'),
      findings: [{ messageId: 'missing' }],
      fix: 'readOnly',
      output: cronJob('{name: init, image: "busybox:1.36", securityContext: {readOnlyRootFilesystem: true}}'),
    },
    {
      name: 'multi-document stream: a Pod and a Deployment with a flow securityContext',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - «name: app»\n    image: app:1\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        securityContext: {«readOnlyRootFilesystem: false»}\n',
      findings: [{ messageId: 'missing' }, { messageId: 'writable' }],
      fix: 'readOnly',
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      readOnlyRootFilesystem: true\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        securityContext: {readOnlyRootFilesystem: true}\n',
    },
    {
      name: 'securityContext through an alias: only the anchor owner gets the fix',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    «securityContext»: &sc\n      runAsUser: 10001\n  - name: b\n    image: b:1\n    «securityContext»: *sc\n',
      findings: [{ messageId: 'missing' }, { messageId: 'missing' }],
      fix: 'readOnly',
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext: &sc\n      runAsUser: 10001\n      readOnlyRootFilesystem: true\n  - name: b\n    image: b:1\n    securityContext: *sc\n',
    },
  ],
});

describe('rule k8s-read-only-root-filesystem: evaluations and fix safety', () => {
  it('a non-boolean value is recorded as unknown, with the reason', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('          securityContext:\n            readOnlyRootFilesystem: "true"\n') }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.evaluations.map((e) => [e.outcome, e.reason]),
      [['unknown', 'container "web": securityContext.readOnlyRootFilesystem is "true", not a YAML boolean']],
    );
  });
  it('the fix is a review fix (the catalog marks it unsafe)', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => f.fix?.safety), ['review']);
  });
});
