import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-namespace-default-deny-networkpolicy';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment in `namespace`; `kind` may carry «» markers. */
const deployment = (namespace: string, kind = 'kind: Deployment', name = 'portal'): string =>
  `apiVersion: apps/v1\n${kind}\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: portal:1.2.3\n`;

const cronJob = (namespace: string, kind = 'kind: CronJob'): string =>
  `apiVersion: batch/v1\n${kind}\nmetadata: {name: nightly, namespace: ${namespace}}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers: [{name: init, image: "busybox:1.36"}]\n          containers: [{name: export, image: "export:2.0.1"}]\n`;

const DENY_ALL = (namespace: string, name = 'default-deny-all'): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`;

const namespaceObject = (name: string, nameLine = `name: ${name}`): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  ${nameLine}\n`;

/** What the fix appends for `namespace`. */
const appended = (namespace: string, name: string, types: string): string =>
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  podSelector: {}\n  policyTypes: [${types}]\n`;

runRuleCases(rule, {
  valid: [
    { name: 'a default-deny policy for both directions in the same file', code: `${deployment('patient-portal')}---\n${DENY_ALL('patient-portal')}` },
    {
      name: 'the policy lives in another file',
      files: { 'apps/portal.yaml': deployment('patient-portal'), 'platform/netpol.yaml': DENY_ALL('patient-portal') },
    },
    {
      name: 'ingress and egress denied by two policies; implicit policyTypes and empty matchLabels',
      files: {
        'app.yaml': cronJob('billing'),
        'netpol.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-ingress, namespace: billing}\nspec: {podSelector: {matchLabels: {}}}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-egress, namespace: billing}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: []\n',
      },
    },
    { name: 'system namespaces are excluded', code: deployment('kube-system') },
    { name: 'a workload without namespace is not grouped (undecided)', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "a:1"}]}\n' },
    { name: 'a declared Namespace without workloads in the workspace is not checked', code: namespaceObject('reporting') },
    {
      name: 'a namespace-less default-deny policy next to the workload may be applied to it (undecided)',
      files: { 'app/deploy.yaml': deployment('patient-portal'), 'app/netpol.yaml': DENY_ALL('x').replace('  namespace: x\n', '') },
    },
    {
      name: 'the namespace is declared in another file: the finding is there, not on the workloads',
      files: { 'apps/portal.yaml': deployment('patient-portal'), 'platform/namespaces.yaml': namespaceObject('patient-portal') },
    },
  ],
  invalid: [
    {
      name: 'no policy: finding on the first workload of the namespace in the file, review fix appends a default-deny policy',
      code: `${deployment('patient-portal', '«kind: Deployment»')}---\n${cronJob('patient-portal')}`,
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'addDefaultDeny',
      output: `${deployment('patient-portal')}---\n${cronJob('patient-portal')}${appended('patient-portal', 'default-deny-all', 'Ingress, Egress')}`,
    },
    {
      name: 'declared Namespace in the analysed file, workloads and an ingress-only policy elsewhere: the catalog warning, at medium',
      files: {
        'platform/namespaces.yaml': namespaceObject('patient-portal', '«name: patient-portal»'),
        'apps/portal.yaml': deployment('patient-portal'),
        'platform/netpol.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-ingress\n  namespace: patient-portal\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
      },
      findings: [{ messageId: 'ingressOnly', severity: 'medium', relatedCount: 1 }],
      fix: 'addEgressDeny',
      output: `${namespaceObject('patient-portal')}${appended('patient-portal', 'default-deny-egress', 'Egress')}`,
    },
    {
      name: 'egress denied but ingress allowed to everything: fails, the fix adds the ingress denial',
      files: {
        'app.yaml': cronJob('billing', '«kind: CronJob»'),
        'netpol.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: egress-only, namespace: billing}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  ingress: [{}]\n',
      },
      findings: [{ messageId: 'egressOnly', severity: 'high' }],
      fix: 'addIngressDeny',
      output: `${cronJob('billing')}${appended('billing', 'default-deny-ingress', 'Ingress')}`,
    },
    {
      name: 'a policy that selects labelled pods only is not a default deny; the fix picks an unused name',
      code: `${deployment('claims', '«kind: Deployment»')}---\n${DENY_ALL('claims').replace('podSelector: {}', 'podSelector: {matchLabels: {app: portal}}')}`,
      findings: [{ messageId: 'missing' }],
      fix: 'addDefaultDeny',
      output: `${deployment('claims')}---\n${DENY_ALL('claims').replace('podSelector: {}', 'podSelector: {matchLabels: {app: portal}}')}${appended('claims', 'default-deny-all-2', 'Ingress, Egress')}`,
    },
    {
      name: 'multi-document stream: two namespaces, one finding each; a Pod in flow style',
      code: `${deployment('a', '«kind: Deployment»')}---\napiVersion: v1\n«kind: Pod»\nmetadata: {name: p, namespace: b}\nspec: {containers: [{name: a, image: "a:1"}]}\n---\n${deployment('a', 'kind: Deployment', 'second')}`,
      findings: [{ messageId: 'missing' }, { messageId: 'missing' }],
    },
  ],
});

describe('rule k8s-namespace-default-deny-networkpolicy: placement and evaluations', () => {
  it('the other workloads of the namespace name the place of the finding', async () => {
    const files = { 'apps/portal.yaml': `${deployment('patient-portal')}---\n${cronJob('patient-portal')}`, 'platform/namespaces.yaml': namespaceObject('patient-portal') };
    const result = await lintFiles(files, 'apps/portal.yaml', [rule]);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(
      result.evaluations.map((e) => [e.resource, e.outcome, e.reason]),
      [
        ['Deployment/portal', 'unknown', 'namespace patient-portal: reported on Namespace "patient-portal" (namespaces.yaml)'],
        ['CronJob/nightly', 'unknown', 'namespace patient-portal: reported on Namespace "patient-portal" (namespaces.yaml)'],
      ],
    );
  });
  it('the message names the namespace; the fix is a review fix', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('patient-portal') }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.findings.map((f) => [f.message.replace(/ \(HIPAA.*$/, ''), f.fix?.safety]),
      [['Namespace "patient-portal" runs workloads but no NetworkPolicy in the workspace denies its ingress and egress by default, so any pod can reach them and they can reach anything.', 'review']],
    );
  });
  it('no fix for a namespace name that is not a DNS label', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('"Patient Portal"') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => f.fix), [undefined]);
  });
});
