import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-rbac-no-wildcards';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Role (or another kind) with the given rules lines. */
const role = (rules: string, kind = 'Role', metadataExtra = ''): string =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: portal-reader\n  namespace: patient-portal\n${metadataExtra}rules:\n${rules}`;

runRuleCases(rule, {
  valid: [
    { name: 'named verbs, resources and groups', code: role('  - apiGroups: [""]\n    resources: ["configmaps", "pods/log"]\n    verbs: ["get", "list", "watch"]\n') },
    { name: 'apiGroups "*" over named resources (the catalog flags it only with broad resources)', code: role('  - apiGroups: ["*"]\n    resources: [deployments]\n    verbs: [get]\n') },
    { name: 'a subresource wildcard is not a resource wildcard', code: role('  - apiGroups: [""]\n    resources: ["pods/*"]\n    verbs: [get]\n') },
    { name: 'built-in system: ClusterRole', code: role('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n', 'ClusterRole').replace('name: portal-reader', 'name: system:controller:generic') },
    { name: 'bootstrapping label (the API server\'s cluster-admin)', code: role('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n', 'ClusterRole', '  labels:\n    kubernetes.io/bootstrapping: rbac-defaults\n') },
    { name: 'aggregated ClusterRole: the controller fills the rules', code: `${role('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n', 'ClusterRole')}aggregationRule:\n  clusterRoleSelectors: [{matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}}]\n` },
    { name: 'a RoleBinding is not dispatched', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: "*", apiGroup: rbac.authorization.k8s.io}\n' },
  ],
  invalid: [
    {
      name: 'verbs "*": finding on the item',
      code: role('  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: [«"*"»]\n'),
      findings: [{ messageId: 'verbs', severity: 'medium' }],
    },
    {
      name: 'resources "*" in a block list',
      code: role('  - apiGroups: [""]\n    resources:\n      - «\'*\'»\n    verbs: [get, list]\n'),
      findings: [{ messageId: 'resources' }],
    },
    {
      name: 'everything "*" on a ClusterRole: one finding per field',
      code: role('  - apiGroups: [«"*"»]\n    resources: [«"*"»]\n    verbs: [«"*"»]\n', 'ClusterRole'),
      findings: [{ messageId: 'apiGroups' }, { messageId: 'resources' }, { messageId: 'verbs' }],
    },
    {
      name: 'multi-document stream, flow style: the second rule of a Role, and a ClusterRole',
      code: `${role('  - {apiGroups: [""], resources: [pods], verbs: [get]}\n  - {apiGroups: [apps], resources: [deployments], verbs: [get, «"*"»]}\n')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: ops}\nrules: [{apiGroups: [""], resources: [«"*"»], verbs: [get]}]\n`,
      findings: [{ messageId: 'verbs' }, { messageId: 'resources' }],
    },
  ],
});

describe('rule k8s-rbac-no-wildcards: messages and evaluations', () => {
  it('names the role and offers no fix', async () => {
    const result = await lintFiles({ 'm.yaml': role('  - apiGroups: [""]\n    resources: ["*"]\n    verbs: [get]\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => [f.message.replace(/ \(HIPAA.*$/, ''), f.fix]), [['A rule of Role "portal-reader" covers every resource type ("*"), Secrets and custom resources added later included.', undefined]]);
  });
  it('rules that are not a list are recorded as unknown', async () => {
    const result = await lintFiles({ 'm.yaml': role('').replace('rules:\n', 'rules: ${RULES}\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'rules is not a list']]);
  });
});
