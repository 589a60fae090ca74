import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-automount-sa-token-disabled';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment in namespace patient-portal with pod-spec lines `pod`; `kind` may carry «» markers. */
const deployment = (pod: string, kind = 'kind: Deployment'): string =>
  `apiVersion: apps/v1\n${kind}\nmetadata:\n  name: portal\n  namespace: patient-portal\nspec:\n  template:\n    spec:\n${pod}      containers:\n        - name: web\n          image: portal:1.2.3\n`;

const serviceAccount = (name: string, extra: string, namespace = '  namespace: patient-portal\n'): string =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${namespace}${extra}`;

const cronJob = (pod: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: patient-portal}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: {${pod}restartPolicy: OnFailure, initContainers: [{name: init, image: "busybox:1.36"}], containers: [{name: export, image: "export:2.0.1"}]}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'the pod spec disables the token', code: deployment('      automountServiceAccountToken: false\n') },
    { name: 'CronJob in flow style disables it', code: cronJob('automountServiceAccountToken: false, ') },
    {
      name: 'the ServiceAccount, in another file, disables it',
      files: { 'app.yaml': deployment('      serviceAccountName: portal\n'), 'rbac/sa.yaml': serviceAccount('portal', 'automountServiceAccountToken: false\n') },
    },
    {
      name: 'the default ServiceAccount declared in the workspace with false (no namespace on the ServiceAccount)',
      files: { 'app.yaml': deployment(''), 'sa.yaml': serviceAccount('default', 'automountServiceAccountToken: false\n', '') },
    },
    { name: 'an explicit opt-in under a dedicated ServiceAccount (catalog exemption)', code: deployment('      serviceAccountName: portal-operator\n      automountServiceAccountToken: true\n') },
    { name: 'a named ServiceAccount that the workspace does not declare is undecided', code: deployment('      serviceAccountName: from-another-chart\n') },
    { name: 'a ServiceAccount of another namespace does not count, but the workload then is undecided', files: { 'app.yaml': deployment('      serviceAccountName: portal\n'), 'sa.yaml': serviceAccount('portal', 'automountServiceAccountToken: true\n', '  namespace: billing\n') } },
  ],
  invalid: [
    {
      name: 'nothing set, default ServiceAccount: finding on the kind, review fix adds the field to the pod spec',
      code: deployment('', '«kind: Deployment»'),
      findings: [{ messageId: 'defaultAccount', severity: 'medium' }],
      fix: 'disable',
      output: `${deployment('')}      automountServiceAccountToken: false\n`,
    },
    {
      name: 'explicit true with the default ServiceAccount: finding on the entry, the value is replaced',
      code: deployment('      «automountServiceAccountToken: true»\n'),
      findings: [{ messageId: 'explicitDefault' }],
      fix: 'disable',
      output: deployment('      automountServiceAccountToken: false\n'),
    },
    {
      name: 'the ServiceAccount in another file mounts the token: finding on serviceAccountName, related to the ServiceAccount',
      files: { 'app.yaml': deployment('      «serviceAccountName: portal»\n'), 'rbac/sa.yaml': serviceAccount('portal', 'automountServiceAccountToken: true\n') },
      findings: [{ messageId: 'serviceAccount', relatedCount: 1 }],
      fix: 'disable',
      output: `${deployment('      serviceAccountName: portal\n')}      automountServiceAccountToken: false\n`,
    },
    {
      name: 'CronJob in flow style under the deprecated serviceAccount field, ServiceAccount without the field',
      files: { 'job.yaml': cronJob('«serviceAccount: exporter», '), 'sa.yaml': serviceAccount('exporter', '') },
      findings: [{ messageId: 'serviceAccount', relatedCount: 1 }],
      fix: 'disable',
      output: cronJob('serviceAccount: exporter, ').replace('containers: [{name: export, image: "export:2.0.1"}]}', 'containers: [{name: export, image: "export:2.0.1"}], automountServiceAccountToken: false}'),
    },
    {
      name: 'multi-document stream: a Pod whose ServiceAccount in the same file disables it, and one without',
      code: `${serviceAccount('quiet', 'automountServiceAccountToken: false\n')}---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: patient-portal}\nspec: {serviceAccountName: quiet, containers: [{name: a, image: "a:1"}]}\n---\napiVersion: v1\n«kind: Pod»\nmetadata: {name: b, namespace: patient-portal}\nspec: {containers: [{name: b, image: "b:1"}]}\n`,
      findings: [{ messageId: 'defaultAccount' }],
      fix: 'disable',
      output: `${serviceAccount('quiet', 'automountServiceAccountToken: false\n')}---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: patient-portal}\nspec: {serviceAccountName: quiet, containers: [{name: a, image: "a:1"}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: patient-portal}\nspec: {containers: [{name: b, image: "b:1"}], automountServiceAccountToken: false}\n`,
    },
  ],
});

describe('rule k8s-automount-sa-token-disabled: evaluations and related locations', () => {
  it('a ServiceAccount that the workspace does not declare is recorded as unknown', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('      serviceAccountName: from-another-chart\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'ServiceAccount "from-another-chart" is not declared in the workspace']]);
  });
  it('the related location points at the ServiceAccount\'s setting in its own file', async () => {
    const result = await lintFiles({ 'app.yaml': deployment('      serviceAccountName: portal\n'), 'sa.yaml': serviceAccount('portal', 'automountServiceAccountToken: true\n') }, 'app.yaml', [rule]);
    const related = result.findings[0]!.related[0]!;
    assert.equal(related.uri.endsWith('/sa.yaml'), true);
    assert.equal(related.message, 'ServiceAccount "portal" sets automountServiceAccountToken: true.');
    assert.equal(result.findings[0]!.fix?.safety, 'review');
  });
  it('ServiceAccounts that disagree cannot be decided', async () => {
    const files = {
      'app.yaml': deployment('      serviceAccountName: portal\n').replace('  namespace: patient-portal\n', ''),
      'a.yaml': serviceAccount('portal', 'automountServiceAccountToken: false\n', '  namespace: a\n'),
      'b.yaml': serviceAccount('portal', 'automountServiceAccountToken: true\n', '  namespace: b\n'),
    };
    const result = await lintFiles(files, 'app.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'several ServiceAccounts named "portal" disagree on automountServiceAccountToken']]);
  });
});
