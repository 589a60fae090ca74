import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-run-as-non-root';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment with one container; `podExtra` goes under the pod spec, `name` may carry «» markers. */
const deployment = (containerExtra: string, podExtra = '', name = 'name: web'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: portal\nspec:\n  replicas: 2\n  template:\n    spec:\n${podExtra}      containers:\n        - ${name}\n          image: portal:1.2.3\n${containerExtra}`;

const cronJob = (podSecurityContext: string, initContainer: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext:\n${podSecurityContext}          initContainers:\n          - name: init\n            image: busybox:1.36\n${initContainer}          containers:\n          - name: export\n            image: export:2.0.1\n`;

runRuleCases(rule, {
  valid: [
    { name: 'container sets runAsNonRoot: true', code: deployment('          securityContext:\n            runAsNonRoot: true\n') },
    { name: 'CronJob: the pod securityContext runAsNonRoot: true covers initContainers and containers', code: cronJob('            runAsNonRoot: true\n', '') },
    {
      name: 'pod runAsUser > 0 inherited; a flow-style container sets its own runAsUser',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000, fsGroup: 2000}\n  containers:\n  - {name: a, image: "a:1"}\n  - {name: b, image: "b:1", securityContext: {runAsUser: 2000}}\n',
    },
    { name: 'container runAsUser > 0 passes even with runAsNonRoot: false', code: deployment('          securityContext:\n            runAsNonRoot: false\n            runAsUser: 10001\n') },
    { name: 'YAML 1.1 boolean at pod level (runAsNonRoot: yes)', code: deployment('', '      securityContext:\n        runAsNonRoot: yes\n') },
    {
      name: 'multi-document stream: Service and a compliant StatefulSet',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports: [{port: 5432}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsUser: 999\n      containers:\n      - name: db\n        image: postgres:16.3\n',
    },
    { name: 'container runAsNonRoot: true next to runAsUser: 0 passes (the kubelet refuses to start it)', code: deployment('          securityContext:\n            runAsNonRoot: true\n            runAsUser: 0\n') },
    { name: 'quoted runAsUser is not an integer: undecided, no finding', code: deployment('          securityContext:\n            runAsUser: "1000"\n') },
    {
      name: 'container runAsNonRoot: false overrides only that field: the pod runAsUser still makes the process UID 1000 (KICS containers_running_as_root positive1.yaml, second pod)',
      code: deployment('          securityContext:\n            runAsNonRoot: false\n', '      securityContext:\n        runAsUser: 1000\n        runAsNonRoot: false\n'),
    },
    {
      name: 'CronJob: the pod runAsNonRoot: true still applies to an initContainer with runAsUser: 0 (the kubelet refuses to start it)',
      code: cronJob('            runAsNonRoot: true\n', '            securityContext:\n              runAsUser: 0\n'),
    },
  ],
  invalid: [
    {
      name: 'no setting anywhere: finding on the container name, review fix sets runAsNonRoot: true',
      code: deployment('', '', '«name: web»'),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'requireNonRoot',
      output: deployment('          securityContext:\n            runAsNonRoot: true\n'),
    },
    {
      name: 'container securityContext without the fields: finding on its key, fix adds to it',
      code: deployment('          «securityContext»:\n            runAsGroup: 3000 # group\n          resources: {}\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'requireNonRoot',
      output: deployment('          securityContext:\n            runAsGroup: 3000 # group\n            runAsNonRoot: true\n          resources: {}\n'),
    },
    {
      name: 'CronJob initContainer overrides the pod runAsUser with runAsUser: 0: the fix replaces the 0 with a UID placeholder',
      code: cronJob('            runAsUser: 1000\n', '            securityContext:\n              «runAsUser: 0»\n'),
      findings: [{ messageId: 'overridesPod', relatedCount: 1 }],
      fix: 'chooseNonRootUser',
      output: cronJob('            runAsUser: 1000\n', '            securityContext:\n              runAsUser: <non-root-uid>\n              runAsNonRoot: true\n'),
    },
    {
      name: 'container runAsNonRoot: false overrides the pod runAsNonRoot: true, and no runAsUser is set',
      code: deployment('          securityContext:\n            «runAsNonRoot: false»\n', '      securityContext:\n        runAsNonRoot: true\n'),
      findings: [{ messageId: 'overridesPod', relatedCount: 1 }],
      fix: 'requireNonRoot',
      output: deployment('          securityContext:\n            runAsNonRoot: true\n', '      securityContext:\n        runAsNonRoot: true\n'),
    },
    {
      name: 'container runAsNonRoot: false next to a pod runAsUser: 0: the container gets its own UID placeholder and runAsNonRoot: true',
      code: deployment('          securityContext:\n            «runAsNonRoot: false»\n', '      securityContext:\n        runAsUser: 0\n'),
      findings: [{ messageId: 'notEnforced' }],
      fix: 'chooseNonRootUser',
      output: deployment('          securityContext:\n            runAsNonRoot: true\n            runAsUser: <non-root-uid>\n', '      securityContext:\n        runAsUser: 0\n'),
    },
    {
      name: 'container runAsUser: 0 without a pod setting, flow style',
      code: deployment('          securityContext: {«runAsUser: 0»}\n'),
      findings: [{ messageId: 'rootUser' }],
      fix: 'chooseNonRootUser',
      output: deployment('          securityContext: {runAsUser: <non-root-uid>, runAsNonRoot: true}\n'),
    },
    {
      name: 'container runAsUser: 0 in a CRLF file, comment kept (the example CronJob)',
      code: deployment('          securityContext:\r\n            privileged: false\r\n            «runAsUser: 0» # NFS export needs root\r\n            readOnlyRootFilesystem: true\r\n').replace(/(?<!\r)\n/g, '\r\n'),
      findings: [{ messageId: 'rootUser' }],
      fix: 'chooseNonRootUser',
      output: deployment(
        '          securityContext:\r\n            privileged: false\r\n            runAsUser: <non-root-uid> # NFS export needs root\r\n            readOnlyRootFilesystem: true\r\n            runAsNonRoot: true\r\n',
      ).replace(/(?<!\r)\n/g, '\r\n'),
    },
    {
      name: 'container runAsNonRoot: no (YAML 1.1) is replaced',
      code: deployment('          securityContext:\n            «runAsNonRoot: no»\n'),
      findings: [{ messageId: 'notEnforced' }],
      fix: 'requireNonRoot',
      output: deployment('          securityContext:\n            runAsNonRoot: true\n'),
    },
    {
      name: 'pod runAsUser: 0 does not cover anything: the container gets a securityContext with a UID placeholder',
      code: deployment('', '      securityContext:\n        runAsUser: 0\n', '«name: web»'),
      findings: [{ messageId: 'missing' }],
      fix: 'chooseNonRootUser',
      output: deployment('          securityContext:\n            runAsUser: <non-root-uid>\n            runAsNonRoot: true\n', '      securityContext:\n        runAsUser: 0\n'),
    },
    {
      name: 'multi-document stream: the second document, a Pod with flow-style containers, one of them non-compliant',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: ok, image: "a:1", securityContext: {runAsUser: 5}}, {«name: bad», image: "b:1"}]\n',
      findings: [{ messageId: 'missing' }],
      fix: 'requireNonRoot',
      output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: ok, image: "a:1", securityContext: {runAsUser: 5}}, {name: bad, image: "b:1", securityContext: {runAsNonRoot: true}}]\n',
    },
  ],
});

describe('rule k8s-run-as-non-root: evaluations and fixes', () => {
  it('a placeholder value that decides the outcome is recorded as unknown', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('', '      securityContext:\n        runAsUser: ${APP_UID}\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(
      result.evaluations.map((e) => [e.outcome, e.reason]),
      [['unknown', 'container "web": securityContext.runAsUser is ${APP_UID}, not an integer']],
    );
  });
  it('an unknown value that does not decide the outcome does not hide a finding', async () => {
    // The container's runAsUser: 0 replaces the pod's quoted runAsUser, which therefore does not matter.
    const result = await lintFiles({ 'm.yaml': deployment('          securityContext:\n            runAsUser: 0\n', '      securityContext:\n        runAsUser: "1000"\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => f.messageId), ['rootUser']);
  });
  it('an unknown pod runAsNonRoot decides a container with runAsUser: 0 (the kubelet would refuse it if true): unknown, no finding', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('          securityContext:\n            runAsUser: 0\n', '      securityContext:\n        runAsNonRoot: "true"\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.evaluations.map((e) => e.outcome), ['unknown']);
  });
  it('runAsUser: 0 gets a review fix whose UID is a placeholder: a tab stop for snippet clients, never a made-up UID', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('          securityContext:\n            runAsUser: 0\n') }, 'm.yaml', [rule]);
    const [finding] = result.findings;
    assert.equal(finding?.messageId, 'rootUser');
    assert.equal(finding.fix?.fixId, 'chooseNonRootUser');
    assert.equal(finding.fix.safety, 'review');
    assert.match(finding.fix.title, /choose the UID; the image must support running as that user/);
    assert.deepEqual(
      finding.fix.edits.map((e) => [e.newText, e.snippet]),
      [
        ['<non-root-uid>', '${1:<non-root-uid>}'],
        ['\n            runAsNonRoot: true', undefined],
      ],
    );
  });
  it('the fixed container passes; the placeholder is not a UID, so it is not read as one', async () => {
    const code = deployment('          securityContext:\n            runAsUser: <non-root-uid>\n            runAsNonRoot: true\n');
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.evaluations.map((e) => e.outcome), ['satisfied'], 'runAsNonRoot: true alone keeps the container from running as root');
  });
  it('no fix when the container securityContext is reached through an alias', async () => {
    const code = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: a\n      image: a:1\n      securityContext: &root\n        runAsNonRoot: true\n  containers:\n    - name: b\n      image: b:1\n      securityContext: *root\n    - name: c\n      image: c:1\n      securityContext: &sc {runAsUser: 0}\n    - name: d\n      image: d:1\n      securityContext: *sc\n';
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    const aliased = result.findings.find((f) => f.message.startsWith('Container "d"'));
    assert.equal(aliased?.messageId, 'rootUser');
    assert.equal(aliased.fix, undefined);
  });
  it('an override names the setting and points at the pod setting it overrides', async () => {
    const code = cronJob('            runAsUser: 1000\n', '            securityContext:\n              runAsUser: 0\n');
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    const f = result.findings[0]!;
    assert.match(f.message, /^Container "init" of CronJob "nightly" sets runAsUser: 0, overriding the pod securityContext /);
    assert.equal(code.slice(f.related[0]!.span.start, f.related[0]!.span.end), 'runAsUser: 1000');
  });
  it('the fix is a review fix whose title warns about the image', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('') }, 'm.yaml', [rule]);
    assert.equal(result.findings[0]!.fix?.safety, 'review');
    assert.match(result.findings[0]!.fix!.title, /image must support/);
  });
});
