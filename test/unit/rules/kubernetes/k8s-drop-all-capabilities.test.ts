import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-drop-all-capabilities';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment with one container; `name` may carry «» markers. */
const deployment = (containerExtra: string, name = 'name: web'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: portal\nspec:\n  template:\n    spec:\n      containers:\n        - ${name}\n          image: portal:1.2.3\n${containerExtra}`;

const dropsAll = '          securityContext:\n            capabilities:\n              drop: ["ALL"]\n';

const cronJob = (initContainer: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - ${initContainer}\n          containers:\n          - name: export\n            image: export:2.0.1\n            securityContext:\n              capabilities:\n                drop:\n                - ALL\n`;

runRuleCases(rule, {
  valid: [
    { name: 'Deployment container drops ALL', code: deployment(dropsAll) },
    {
      name: 'drops ALL and adds back NET_BIND_SERVICE (any case, CAP_ prefix)',
      code: deployment('          securityContext:\n            capabilities:\n              drop: [all]\n              add: [NET_BIND_SERVICE, cap_net_bind_service]\n'),
    },
    { name: 'CronJob: flow-style initContainer and block-style container', code: cronJob('{name: init, image: "busybox:1.36", securityContext: {capabilities: {drop: ["ALL"]}}}') },
    {
      name: 'Pod with initContainers and ephemeralContainers',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: busybox:1.36\n    securityContext: {capabilities: {drop: [ALL]}}\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      capabilities:\n        drop: ["ALL"]\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n    securityContext:\n      capabilities: {drop: ["ALL"]}\n',
    },
    {
      name: 'multi-document stream: a Service and a compliant StatefulSet',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n      - name: db\n        image: postgres:16.3\n        securityContext:\n          capabilities:\n            drop: ["ALL"]\n',
    },
    { name: 'drop list with an unresolved alias item: undecided, no finding', code: deployment('          securityContext:\n            capabilities:\n              drop: [*unknown]\n') },
  ],
  invalid: [
    {
      name: 'container without securityContext: finding on its name, fix creates securityContext.capabilities.drop',
      code: deployment('', '«name: web»'),
      findings: [{ messageId: 'notDropped', severity: 'medium' }],
      fix: 'dropAll',
      output: deployment('          securityContext:\n            capabilities:\n              drop: ["ALL"]\n'),
    },
    {
      name: 'a drop list without ALL: finding on the drop key, the list is replaced',
      code: deployment('          securityContext:\n            capabilities:\n              «drop»:\n                - NET_RAW\n              add: [NET_BIND_SERVICE]\n'),
      findings: [{ messageId: 'notDropped' }],
      fix: 'dropAll',
      output: deployment('          securityContext:\n            capabilities:\n              drop: ["ALL"]\n              add: [NET_BIND_SERVICE]\n'),
    },
    {
      name: 'capabilities without drop: finding on the capabilities key, drop is added',
      code: deployment('          securityContext:\n            «capabilities»:\n              add:\n                - NET_BIND_SERVICE\n'),
      findings: [{ messageId: 'notDropped' }],
      fix: 'dropAll',
      output: deployment('          securityContext:\n            capabilities:\n              add:\n                - NET_BIND_SERVICE\n              drop: ["ALL"]\n'),
    },
    {
      name: 'adds SYS_ADMIN next to drop ALL: finding on the item, no fix',
      code: deployment('          securityContext:\n            capabilities:\n              drop: ["ALL"]\n              add: [NET_BIND_SERVICE, «SYS_ADMIN»]\n'),
      findings: [{ messageId: 'addedDangerous' }],
    },
    {
      name: 'adds a capability outside the allowlist (CHOWN), and a dangerous one second: shown on the dangerous one',
      code: deployment('          securityContext:\n            capabilities:\n              drop: ["ALL"]\n              add:\n                - CHOWN\n                - «CAP_NET_RAW»\n'),
      findings: [{ messageId: 'addedDangerous' }],
    },
    {
      name: 'adds a non-dangerous capability without dropping ALL: two findings',
      code: deployment('          securityContext:\n            «capabilities»: {add: [«SYS_TIME»]}\n'),
      findings: [{ messageId: 'notDropped' }, { messageId: 'added' }],
      fix: 'dropAll',
      output: deployment('          securityContext:\n            capabilities: {add: [SYS_TIME], drop: ["ALL"]}\n'),
    },
    {
      name: 'CronJob initContainer in flow style',
      code: cronJob('{«name: init», image: "busybox:1.36"}'),
      findings: [{ messageId: 'notDropped' }],
      fix: 'dropAll',
      output: cronJob('{name: init, image: "busybox:1.36", securityContext: {capabilities: {drop: ["ALL"]}}}'),
    },
    {
      name: 'multi-document stream: a Pod and a Deployment, each fixed in its own style',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - «name: app»\n    image: app:1\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        «securityContext»: {runAsNonRoot: true}\n',
      findings: [{ messageId: 'notDropped' }, { messageId: 'notDropped' }],
      fix: 'dropAll',
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      capabilities:\n        drop: ["ALL"]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        securityContext: {runAsNonRoot: true, capabilities: {drop: ["ALL"]}}\n',
    },
  ],
});

describe('rule k8s-drop-all-capabilities: messages, evaluations and fix safety', () => {
  it('names the added capabilities, dangerous ones first', async () => {
    const code = deployment('          securityContext:\n            capabilities:\n              drop: ["ALL"]\n              add: [SYS_TIME, SYS_PTRACE]\n');
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.match(result.findings[0]!.message, /^Container "web" of Deployment "portal" adds SYS_PTRACE and SYS_TIME; only NET_BIND_SERVICE may be added back, and SYS_PTRACE can let /);
    assert.equal(result.findings[0]!.fix, undefined);
  });
  it('an unreadable drop list is recorded as unknown', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('          securityContext:\n            capabilities:\n              drop: ALL\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'container "web": securityContext.capabilities.drop is ALL, not a list']]);
  });
  it('no fix when capabilities is reached through an alias', async () => {
    const code = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    securityContext:\n      capabilities: &caps {add: [NET_BIND_SERVICE]}\n  - name: b\n    securityContext:\n      capabilities: *caps\n';
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => f.fix?.safety), ['review', undefined]);
  });
});
