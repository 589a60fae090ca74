import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-liveness-readiness-probes';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

const PROBES = '          livenessProbe:\n            httpGet: {path: /healthz, port: 8080}\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n';

/** A Deployment with one container; `name` may carry «» markers. */
const deployment = (containerExtra: string, name = 'name: web'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: portal\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: migrate\n          image: migrate:1.0.0\n      containers:\n        - ${name}\n          image: portal:1.2.3\n${containerExtra}`;

/** The probes the fix writes, their path and port left to the user (block style, container at column 10). */
const LIVENESS_TO_FILL = '          livenessProbe:\n            httpGet:\n              path: <liveness-path>\n              port: <probe-port>\n';
const READINESS_TO_FILL = '          readinessProbe:\n            httpGet:\n              path: <readiness-path>\n              port: <probe-port>\n';

runRuleCases(rule, {
  valid: [
    { name: 'Deployment container with both probes (the initContainer is exempt)', code: deployment(PROBES) },
    {
      name: 'CronJob and Job are run-to-completion and not checked',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - {name: export, image: "export:2.0.1"}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec:\n  template:\n    spec:\n      containers: [{name: once, image: "once:1"}]\n',
    },
    { name: 'a bare Pod with restartPolicy: Never runs to completion', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: task}\nspec:\n  restartPolicy: Never\n  containers: [{name: task, image: "task:1"}]\n' },
    {
      name: 'Pod in flow style with both probes; ephemeral containers are not checked',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: "app:1", livenessProbe: {tcpSocket: {port: 80}}, readinessProbe: {exec: {command: [cat, /ready]}}}]\n  ephemeralContainers: [{name: debug, image: "busybox:1.36"}]\n',
    },
  ],
  invalid: [
    {
      name: 'no probes at all: one finding on the container name',
      code: deployment('', '«name: web»'),
      findings: [{ messageId: 'both', severity: 'low' }],
      fix: 'addProbes',
      output: deployment(LIVENESS_TO_FILL + READINESS_TO_FILL),
    },
    {
      name: 'CRLF line endings: the missing readinessProbe is inserted with them',
      code: deployment('          livenessProbe:\n            tcpSocket: {port: 8080}\n', '«name: web»').replace(/\n/g, '\r\n'),
      findings: [{ messageId: 'readiness' }],
      fix: 'addProbes',
      output: deployment('          livenessProbe:\n            tcpSocket: {port: 8080}\n' + READINESS_TO_FILL).replace(/\n/g, '\r\n'),
    },
    {
      name: 'only a livenessProbe',
      code: deployment('          livenessProbe:\n            tcpSocket: {port: 8080}\n', '«name: web»'),
      findings: [{ messageId: 'readiness' }],
    },
    {
      name: 'only a readinessProbe; a startupProbe does not replace the livenessProbe; a null livenessProbe is missing',
      code: deployment('          startupProbe: {tcpSocket: {port: 8080}}\n          livenessProbe:\n          readinessProbe: {tcpSocket: {port: 8080}}\n', '«name: web»'),
      findings: [{ messageId: 'liveness' }],
      fix: 'addProbes',
      output: deployment(`          startupProbe: {tcpSocket: {port: 8080}}\n${LIVENESS_TO_FILL}          readinessProbe: {tcpSocket: {port: 8080}}\n`),
    },
    {
      name: 'multi-document stream: a Pod (default restartPolicy) in flow style and a StatefulSet',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{«name: app», image: "app:1"}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n      - «name: db»\n        image: postgres:16.3\n        readinessProbe: {exec: {command: [pg_isready]}}\n',
      findings: [{ messageId: 'both' }, { messageId: 'liveness' }],
      fix: 'addProbes',
      output:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: "app:1", livenessProbe: {httpGet: {path: <liveness-path>, port: <probe-port>}}, readinessProbe: {httpGet: {path: <readiness-path>, port: <probe-port>}}}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n      - name: db\n        image: postgres:16.3\n        readinessProbe: {exec: {command: [pg_isready]}}\n        livenessProbe:\n          httpGet:\n            path: <liveness-path>\n            port: <probe-port>\n',
    },
  ],
});

describe('rule k8s-liveness-readiness-probes: messages', () => {
  it('names the container and object; the review fix leaves path and port to the user as snippet placeholders', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('') }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.findings.map((f) => f.message.replace(/ \(HIPAA.*$/, '')),
      ['Container "web" of Deployment "portal" defines neither a livenessProbe nor a readinessProbe, so a hung process keeps running and receives traffic.'],
    );
    const fix = result.findings[0]!.fix!;
    assert.ok(Object.values(rule.fixes).every((f) => f.safety === 'review'), 'every fix of the rule is review');
    // One port for both probes: the same tab stop, edited once.
    assert.deepEqual(fix.edits.map((e) => e.snippet), [
      '\n          livenessProbe:\n            httpGet:\n              path: ${1:<liveness-path>}\n              port: ${2:<probe-port>}\n          readinessProbe:\n            httpGet:\n              path: ${3:<readiness-path>}\n              port: ${2:<probe-port>}',
    ]);
  });
  it('a probe whose values are still placeholders leaves the outcome undecided', async () => {
    const result = await lintFiles({ 'm.yaml': deployment(LIVENESS_TO_FILL + READINESS_TO_FILL) }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'container "web": a probe holds a placeholder to fill in']]);
  });
});
