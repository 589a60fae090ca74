import { strict as assert } from 'node:assert';
import { applyEdits } from '../../../../server/src/fixes/apply-edits';
import rule from '../../../../server/src/rules/kubernetes/k8s-no-privilege-escalation';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment with one container; `name` may carry «» markers. */
const deployment = (containerExtra: string, name = 'name: web'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: portal\nspec:\n  template:\n    spec:\n      containers:\n        - ${name}\n          image: portal:1.2.3\n${containerExtra}`;

const cronJob = (initContainer: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - ${initContainer}\n          containers:\n          - name: export\n            image: export:2.0.1\n            securityContext:\n              allowPrivilegeEscalation: false\n`;

runRuleCases(rule, {
  valid: [
    { name: 'Deployment container sets allowPrivilegeEscalation: false', code: deployment('          securityContext:\n            allowPrivilegeEscalation: false\n') },
    { name: 'CronJob: initContainer in flow style and container in block style', code: cronJob('{name: init, image: "busybox:1.36", securityContext: {allowPrivilegeEscalation: false}}') },
    {
      name: 'Pod with containers, initContainers and ephemeralContainers; YAML 1.1 boolean "no"',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: busybox:1.36\n    securityContext: {allowPrivilegeEscalation: no}\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      allowPrivilegeEscalation: false\n  ephemeralContainers:\n  - name: debug\n    image: busybox:1.36\n    securityContext:\n      allowPrivilegeEscalation: Off\n',
    },
    {
      name: 'multi-document stream: ConfigMap, Service and a compliant StatefulSet',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  allowPrivilegeEscalation: "true"\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n      - name: db\n        image: postgres:16.3\n        securityContext:\n          allowPrivilegeEscalation: false\n',
    },
    { name: 'quoted "false" is a string, not a boolean: undecided, no finding', code: deployment('          securityContext:\n            allowPrivilegeEscalation: "false"\n') },
    { name: 'a workload without containers', code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: empty\nspec:\n  template:\n    spec: {}\n' },
    { name: 'not Kubernetes YAML', code: 'securityContext:\n  allowPrivilegeEscalation: true\n' },
  ],
  invalid: [
    {
      name: 'Deployment container without securityContext: finding on its name, fix creates the securityContext',
      code: deployment('', '«name: web»'),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'disallow',
      output: deployment('          securityContext:\n            allowPrivilegeEscalation: false\n'),
    },
    {
      name: 'securityContext without the field: finding on the securityContext key, fix keeps comments',
      code: deployment('          «securityContext»: # hardened\n            runAsUser: 10001 # app user\n          # end of container\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'disallow',
      output: deployment('          securityContext: # hardened\n            runAsUser: 10001 # app user\n            allowPrivilegeEscalation: false\n          # end of container\n'),
    },
    {
      name: 'allowPrivilegeEscalation: true is replaced in place',
      code: deployment('          securityContext:\n            «allowPrivilegeEscalation: true» # default\n            readOnlyRootFilesystem: true\n'),
      findings: [{ messageId: 'allowed' }],
      fix: 'disallow',
      output: deployment('          securityContext:\n            allowPrivilegeEscalation: false # default\n            readOnlyRootFilesystem: true\n'),
    },
    {
      name: 'CronJob initContainer in flow style without securityContext',
      code: cronJob('{«name: init», image: "busybox:1.36"}'),
      findings: [{ messageId: 'missing' }],
      fix: 'disallow',
      output: cronJob('{name: init, image: "busybox:1.36", securityContext: {allowPrivilegeEscalation: false}}'),
    },
    {
      name: 'multi-document stream: a Pod and a Deployment, each fixed in its own style',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - «name: app»\n    image: app:1\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        «securityContext»: {runAsNonRoot: true}\n',
      findings: [{ messageId: 'missing' }, { messageId: 'missing' }],
      fix: 'disallow',
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      allowPrivilegeEscalation: false\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web:1\n        securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false}\n',
    },
    {
      name: 'empty (null) securityContext is rewritten, not duplicated',
      code: deployment('          «securityContext»:\n          ports:\n          - containerPort: 8080\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'disallow',
      output: deployment('          securityContext:\n            allowPrivilegeEscalation: false\n          ports:\n          - containerPort: 8080\n'),
    },
    {
      name: 'empty flow securityContext {}',
      code: deployment('          «securityContext»: {}\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'disallow',
      output: deployment('          securityContext: {allowPrivilegeEscalation: false}\n'),
    },
    {
      name: 'empty field value (allowPrivilegeEscalation:) counts as missing and is rewritten',
      code: deployment('          «securityContext»:\n            allowPrivilegeEscalation:\n            runAsUser: 10001\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'disallow',
      output: deployment('          securityContext:\n            allowPrivilegeEscalation: false\n            runAsUser: 10001\n'),
    },
    {
      name: 'privileged container always escalates: finding on privileged; the review fix drops privileged',
      code: deployment('          securityContext:\n            «privileged: true»\n            allowPrivilegeEscalation: false\n'),
      findings: [{ messageId: 'privileged' }],
      fix: 'unprivilege',
      output: deployment('          securityContext:\n            privileged: false\n            allowPrivilegeEscalation: false\n'),
    },
    {
      name: 'privileged without allowPrivilegeEscalation: the review fix sets both',
      code: deployment('          securityContext: {«privileged: true»}\n'),
      findings: [{ messageId: 'privileged' }],
      fix: 'unprivilege',
      output: deployment('          securityContext: {privileged: false, allowPrivilegeEscalation: false}\n'),
    },
    {
      name: 'CAP_SYS_ADMIN always escalates: finding on the capability',
      code: deployment('          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n              add: [NET_BIND_SERVICE, «SYS_ADMIN»]\n'),
      findings: [{ messageId: 'sysAdmin' }],
    },
    {
      name: 'securityContext through an alias: the anchor owner gets the fix, the alias user does not',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    «securityContext»: &sc\n      runAsUser: 10001\n  - name: b\n    image: b:1\n    «securityContext»: *sc\n',
      findings: [{ messageId: 'missing' }, { messageId: 'missing' }],
      fix: 'disallow',
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext: &sc\n      runAsUser: 10001\n      allowPrivilegeEscalation: false\n  - name: b\n    image: b:1\n    securityContext: *sc\n',
    },
    {
      name: 'CRLF line endings and 4-space indentation are kept',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n    -   «name: app»\r\n        image: app:1\r\n',
      findings: [{ messageId: 'missing' }],
      fix: 'disallow',
      output: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n    -   name: app\r\n        image: app:1\r\n        securityContext:\r\n            allowPrivilegeEscalation: false\r\n',
    },
  ],
});

describe('rule k8s-no-privilege-escalation: evaluations', () => {
  it('a non-boolean value is recorded as unknown, with the reason', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('          securityContext:\n            allowPrivilegeEscalation: "false"\n') }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.evaluations.map((e) => [e.outcome, e.reason]),
      [['unknown', 'container "web": securityContext.allowPrivilegeEscalation is "false", not a YAML boolean']],
    );
  });
  it('privileged containers get a review fix that drops privileged; SYS_ADMIN gets none (the API rejects allowPrivilegeEscalation: false next to either)', async () => {
    const privileged = await lintFiles({ 'm.yaml': deployment('          securityContext:\n            privileged: true\n') }, 'm.yaml', [rule]);
    const sysAdmin = await lintFiles({ 'm.yaml': deployment('          securityContext:\n            capabilities:\n              add: ["CAP_SYS_ADMIN"]\n') }, 'm.yaml', [rule]);
    assert.deepEqual([...privileged.findings, ...sysAdmin.findings].map((f) => [f.messageId, f.fix?.fixId, f.fix?.safety]), [['privileged', 'unprivilege', 'review'], ['sysAdmin', undefined, undefined]]);
    assert.match(sysAdmin.findings[0]!.message, /^Container "web" of Deployment "portal" adds the CAP_SYS_ADMIN capability, /);
  });
  it('the fix is safe, and only the container that owns an anchored securityContext gets it', async () => {
    const code = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    securityContext: &sc {runAsUser: 1}\n  - name: b\n    securityContext: *sc\n';
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => f.fix?.safety), ['safe', undefined]);
  });
  it('after the fix the container is satisfied and no further fix is offered', async () => {
    const first = await lintFiles({ 'm.yaml': deployment('') }, 'm.yaml', [rule]);
    const fixed = applyEdits(deployment(''), first.findings[0]!.fix!.edits);
    const second = await lintFiles({ 'm.yaml': fixed }, 'm.yaml', [rule]);
    assert.deepEqual(second.findings, []);
    assert.deepEqual(second.evaluations.map((e) => e.outcome), ['satisfied']);
  });
});
