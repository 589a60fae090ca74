import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-no-cluster-admin-binding';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A binding of `kind` with the given subjects lines and roleRef lines (roleRef may carry «» markers). */
const binding = (subjects: string, roleRef = '  kind: ClusterRole\n  name: cluster-admin\n', kind = 'ClusterRoleBinding', name = 'ops-admins'): string =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${kind === 'RoleBinding' ? '  namespace: patient-portal\n' : ''}subjects:\n${subjects}roleRef:\n${roleRef}  apiGroup: rbac.authorization.k8s.io\n`;

const OPS = '  - kind: Group\n    name: ops-team\n    apiGroup: rbac.authorization.k8s.io\n';

runRuleCases(rule, {
  valid: [
    { name: 'a binding to a scoped ClusterRole', code: binding(OPS, '  kind: ClusterRole\n  name: view\n') },
    { name: 'cluster-admin bound to system:masters only', code: binding('  - kind: Group\n    name: system:masters\n    apiGroup: rbac.authorization.k8s.io\n') },
    { name: 'bindings named system:* are managed by the control plane', code: binding(OPS, undefined, 'ClusterRoleBinding', 'system:kube-controller-manager') },
    { name: 'a RoleBinding to a namespaced Role that happens to be called cluster-admin', code: binding(OPS, '  kind: Role\n  name: cluster-admin\n', 'RoleBinding') },
    { name: 'a binding without subjects grants nothing', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: empty}\nroleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}\n' },
  ],
  invalid: [
    {
      name: 'cluster-admin bound to a group: finding on roleRef.name',
      code: binding(OPS, '  kind: ClusterRole\n  «name: cluster-admin»\n'),
      findings: [{ messageId: 'clusterWide', severity: 'high' }],
    },
    {
      name: 'a RoleBinding to the cluster-admin ClusterRole',
      code: binding('  - kind: ServiceAccount\n    name: deployer\n    namespace: patient-portal\n', '  kind: ClusterRole\n  «name: "cluster-admin"»\n', 'RoleBinding'),
      findings: [{ messageId: 'namespaced' }],
    },
    {
      name: 'system:masters next to another subject still fails',
      code: binding(`  - kind: Group\n    name: system:masters\n    apiGroup: rbac.authorization.k8s.io\n${OPS}`, '  kind: ClusterRole\n  «name: cluster-admin»\n'),
      findings: [{ messageId: 'clusterWide' }],
    },
    {
      name: 'multi-document stream, flow style',
      code: `${binding(OPS, '  kind: ClusterRole\n  name: view\n')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: tiller}\nsubjects: [{kind: ServiceAccount, name: tiller, namespace: kube-system}]\nroleRef: {kind: ClusterRole, «name: cluster-admin», apiGroup: rbac.authorization.k8s.io}\n`,
      findings: [{ messageId: 'clusterWide' }],
    },
  ],
});

describe('rule k8s-no-cluster-admin-binding: messages and evaluations', () => {
  it('names up to three subjects, service accounts with their namespace', async () => {
    const subjects = '  - {kind: ServiceAccount, name: ci, namespace: build}\n  - {kind: User, name: alice}\n  - {kind: Group, name: ops}\n  - {kind: User, name: bob}\n';
    const result = await lintFiles({ 'm.yaml': binding(subjects) }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.findings.map((f) => [f.message.replace(/ \(HIPAA.*$/, ''), f.fix]),
      [['ClusterRoleBinding "ops-admins" binds cluster-admin to ServiceAccount "build/ci", User "alice", Group "ops" and 1 more, giving unrestricted access to every PHI workload and Secret in the cluster.', undefined]],
    );
  });
  it('a subject without a literal name is recorded as unknown when nothing else fails', async () => {
    const result = await lintFiles({ 'm.yaml': binding('  - {kind: User, name: *who}\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'a subject has no literal name']]);
  });
});
