import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-resource-limits-set';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment with one container; `name` may carry «» markers. */
const deployment = (containerExtra: string, name = 'name: web'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: portal\nspec:\n  template:\n    spec:\n      containers:\n        - ${name}\n          image: portal:1.2.3\n${containerExtra}`;

const FULL = '          resources:\n            requests:\n              cpu: 250m\n              memory: 256Mi\n            limits:\n              cpu: "1"\n              memory: 512Mi\n';

const cronJob = (initContainer: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n          - ${initContainer}\n          containers:\n          - name: export\n            image: export:2.0.1\n            resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 500m, memory: 128Mi}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'Deployment container declares requests and limits', code: deployment(FULL) },
    { name: 'CronJob: initContainer and container in flow style', code: cronJob('{name: init, image: "busybox:1.36", resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 10m, memory: 16Mi}}}') },
    {
      name: 'multi-document stream: a Pod and a Service',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    resources:\n      limits: {cpu: 1, memory: 1Gi}\n      requests: {cpu: 1, memory: 1Gi}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: [{port: 80}]\n',
    },
    { name: 'resources given by a placeholder: undecided, no finding', code: deployment('          resources: "${RESOURCES}"\n') },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  resources: none\n' },
    {
      name: 'limits only: the API server sets each missing request to its limit (corpus: terraform-google-kubernetes-engine wordpress-bundle.yaml)',
      code: deployment('          resources:\n            limits:\n              cpu: "1"\n              memory: 512Mi\n'),
    },
    { name: 'CronJob initContainer in flow style with limits only', code: cronJob('{name: init, image: "busybox:1.36", resources: {limits: {cpu: 10m, memory: 16Mi}}}') },
    {
      name: 'a null request is missing and defaults to the limit too',
      code: deployment('          resources:\n            requests:\n              cpu: ~\n              memory: 128Mi\n            limits:\n              memory: 256Mi\n              cpu: 1\n'),
    },
  ],
  invalid: [
    {
      name: 'no resources at all: finding on the container name',
      code: deployment('', '«name: web»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'addResources',
      output: deployment('          resources:\n            requests:\n              cpu: <cpu-request>\n              memory: <memory-request>\n            limits:\n              memory: <memory-limit>\n'),
    },
    {
      name: 'CRLF line endings: only the missing CPU request is added',
      code: deployment('          «resources»:\n            limits:\n              memory: 512Mi\n').replace(/\n/g, '\r\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'addResources',
      output: deployment('          resources:\n            limits:\n              memory: 512Mi\n            requests:\n              cpu: <cpu-request>\n').replace(/\n/g, '\r\n'),
    },
    {
      name: 'a memory limit alone leaves the CPU request undeclared (no CPU limit to default it from)',
      code: deployment('          «resources»:\n            limits:\n              memory: 512Mi\n'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'every required field but the CPU limit: warning at severity low',
      code: deployment('          «resources»:\n            requests: {cpu: 250m, memory: 256Mi}\n            limits: {memory: 512Mi}\n'),
      findings: [{ messageId: 'noCpuLimit', severity: 'low' }],
      fix: 'addCpuLimit',
      output: deployment('          resources:\n            requests: {cpu: 250m, memory: 256Mi}\n            limits: {memory: 512Mi, cpu: <cpu-limit>}\n'),
    },
    {
      name: 'CronJob initContainer in flow style with requests but no memory limit',
      code: cronJob('{name: init, image: "busybox:1.36", «resources»: {requests: {cpu: 10m, memory: 16Mi}}}'),
      findings: [{ messageId: 'missing' }],
      fix: 'addResources',
      output: cronJob('{name: init, image: "busybox:1.36", resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {memory: <memory-limit>}}}'),
    },
    {
      name: 'null and empty values count as missing',
      code: deployment('          «resources»:\n            requests:\n              cpu: ~\n              memory: 128Mi\n            limits:\n              memory:\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'addResources',
      output: deployment('          resources:\n            requests:\n              cpu: <cpu-request>\n              memory: 128Mi\n            limits:\n              memory: <memory-limit>\n'),
    },
    {
      name: 'multi-document stream: one finding per container, initContainers included',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      initContainers:\n      - «name: setup»\n        image: setup:1\n      containers:\n      - name: agent\n        image: agent:3\n        «resources»: {}\n',
      findings: [{ messageId: 'missing' }, { messageId: 'missing' }],
    },
  ],
});

describe('rule k8s-resource-limits-set: messages and fixes', () => {
  it('the message lists the missing fields; the review fix writes them as snippet placeholders, never as numbers', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('          resources:\n            requests: {cpu: 100m}\n') }, 'm.yaml', [rule]);
    assert.equal(result.findings.length, 1);
    assert.match(result.findings[0]!.message, /^Container "web" of Deployment "portal" does not declare resources\.limits\.memory and resources\.requests\.memory, /);
    const fix = result.findings[0]!.fix!;
    assert.ok(Object.values(rule.fixes).every((f) => f.safety === 'review'), 'every fix of the rule is review');
    assert.deepEqual(fix.edits.map((e) => [e.newText, e.snippet]), [
      [', memory: <memory-request>', ', memory: ${1:<memory-request>}'],
      ['\n            limits:\n              memory: <memory-limit>', '\n            limits:\n              memory: ${2:<memory-limit>}'],
    ]);
  });
  it('values still to be chosen leave the outcome undecided', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('          resources:\n            requests: {cpu: <cpu-request>, memory: 64Mi}\n            limits: {cpu: 1, memory: <memory-limit>}\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'container "web": resources.limits.memory is <memory-limit>, not a chosen value (it is a placeholder to fill in)']]);
  });
  it('an ephemeral container is not judged (Kubernetes forbids resources on it); no fix through an aliased resources mapping', async () => {
    const code =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: app:1\n    resources: &r {requests: {cpu: 1}}\n  - name: side\n    image: side:1\n    resources: *r\n  ephemeralContainers:\n  - {name: debug, image: "busybox:1.36"}\n';
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => [f.message.slice(0, 17), f.fix === undefined]), [
      ['Container "app" o', false],
      ['Container "side" ', true],
    ]);
    assert.ok(!result.evaluations.some((e) => e.reason?.includes('debug')), 'the ephemeral container leaves no evidence either');
  });
  it('all three required fields missing are listed', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('') }, 'm.yaml', [rule]);
    assert.match(result.findings[0]!.message, /resources\.limits\.memory, resources\.requests\.cpu and resources\.requests\.memory/);
  });
  it('a limits section that is not a mapping is recorded as unknown', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('          resources:\n            requests: {cpu: 1, memory: 1Gi}\n            limits: [1, 2]\n') }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.evaluations.map((e) => [e.outcome, e.reason]),
      [['unknown', 'container "web": resources.limits is a sequence, not a mapping']],
    );
  });
});
