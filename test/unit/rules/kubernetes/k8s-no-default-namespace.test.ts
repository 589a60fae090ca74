import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-no-default-namespace';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment with the given metadata lines after its name (`name` may carry «» markers). */
const deployment = (metadataExtra: string, name = 'name: portal'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  ${name}\n${metadataExtra}spec:\n  template:\n    spec:\n      containers:\n        - {name: web, image: "portal:1.2.3"}\n`;

const cronJob = (metadata: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: ${metadata}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers: [{name: init, image: "busybox:1.36"}]\n          containers: [{name: export, image: "export:2.0.1"}]\n`;

const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: patient-portal\nresources:\n  - ../../base\n';
const BASE_KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - ./service.yaml\n';

runRuleCases(rule, {
  valid: [
    { name: 'Deployment in an application namespace', code: deployment('  namespace: patient-portal\n') },
    { name: 'CronJob in flow-style metadata with a namespace', code: cronJob('{name: nightly, namespace: billing}') },
    {
      name: 'a file that a kustomize overlay with namespace: renders, through its base',
      files: { 'base/deployment.yaml': deployment(''), 'base/kustomization.yaml': BASE_KUSTOMIZATION, 'overlays/prod/kustomization.yaml': KUSTOMIZATION },
    },
    { name: 'cluster-scoped kinds are not dispatched', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n' },
    { name: 'a namespace that is not a literal is undecided', code: deployment('  namespace: *ns\n') },
  ],
  invalid: [
    {
      name: 'namespace: default, on the entry',
      code: deployment('  «namespace: default» # TODO\n'),
      findings: [{ messageId: 'defaultNamespace', severity: 'low' }],
      fix: 'chooseNamespace',
      output: deployment('  namespace: <namespace> # TODO\n'),
    },
    {
      name: 'no namespace: the warning, on the name entry',
      code: deployment('', '«name: portal»'),
      findings: [{ messageId: 'unset', severity: 'low' }],
      fix: 'setNamespaces',
      output: deployment('  namespace: <namespace>\n'),
    },
    {
      name: 'no namespace, CRLF line endings',
      code: deployment('  labels: {app: portal}\n', '«name: portal»').replace(/\n/g, '\r\n'),
      findings: [{ messageId: 'unset' }],
      fix: 'setNamespaces',
      output: deployment('  labels: {app: portal}\n  namespace: <namespace>\n').replace(/\n/g, '\r\n'),
    },
    {
      name: 'multi-document stream: reported once per file for missing namespaces, and on every default',
      code: `apiVersion: v1\nkind: Service\nmetadata:\n  «name: portal»\nspec: {ports: [{port: 80}]}\n---\n${cronJob('{name: nightly}')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, «namespace: default»}\ndata: {a: b}\n`,
      findings: [{ messageId: 'unset' }, { messageId: 'defaultNamespace' }],
      fix: 'setNamespaces',
      output: `apiVersion: v1\nkind: Service\nmetadata:\n  name: portal\n  namespace: <namespace>\nspec: {ports: [{port: 80}]}\n---\n${cronJob('{name: nightly, namespace: <namespace>}')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: default}\ndata: {a: b}\n`,
    },
    {
      name: 'a kustomization without namespace: does not set it',
      files: { 'base/deployment.yaml': deployment('', '«name: portal»'), 'base/kustomization.yaml': BASE_KUSTOMIZATION },
      findings: [{ messageId: 'unset' }],
    },
  ],
});

describe('rule k8s-no-default-namespace: once per file', () => {
  it('names how many other objects lack a namespace; they record cannot determine', async () => {
    const code = `${deployment('')}---\n${cronJob('{name: nightly}')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n`;
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.findings.map((f) => f.message.replace(/ \(HIPAA.*$/, '')),
      ['Deployment "portal" sets no metadata.namespace, so it lands in whatever namespace kubectl, kustomize or Helm uses at apply time ("default" unless one is given); 2 more objects in this file set none either.'],
    );
    // The file's one finding fixes every object of the file, with one tab stop for all of them.
    const fix = result.findings[0]!.fix!;
    assert.ok(Object.values(rule.fixes).every((f) => f.safety === 'review'), 'every fix of the rule is review');
    assert.deepEqual(fix.edits.map((e) => e.snippet), ['\n  namespace: ${1:<namespace>}', ', namespace: ${1:<namespace>}', ', namespace: ${1:<namespace>}']);
    assert.deepEqual(
      result.evaluations.map((e) => [e.resource, e.outcome, e.reason]),
      [
        ['Deployment/portal', 'violated', undefined],
        ['CronJob/nightly', 'unknown', 'no metadata.namespace; reported once for this file, on Deployment "portal"'],
        ['ServiceAccount/sa', 'unknown', 'no metadata.namespace; reported once for this file, on Deployment "portal"'],
      ],
    );
  });
  it('a namespace still to be chosen is undecided; no fix where an object\'s metadata is an alias', async () => {
    const chosen = await lintFiles({ 'm.yaml': deployment('  namespace: <namespace>\n') }, 'm.yaml', [rule]);
    assert.deepEqual(chosen.findings, []);
    assert.deepEqual(chosen.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'metadata.namespace is a placeholder to fill in']]);
    const aliased = await lintFiles({ 'm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: &meta {name: a}\n---\napiVersion: v1\nkind: Secret\nx: &m2 {name: s}\nmetadata: *m2\n' }, 'm.yaml', [rule]);
    assert.deepEqual(aliased.findings.map((f) => [f.messageId, f.fix]), [['unset', undefined]]);
  });
});
