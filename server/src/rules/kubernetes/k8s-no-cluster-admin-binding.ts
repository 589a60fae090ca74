/**
 * k8s-no-cluster-admin-binding: a ClusterRoleBinding or RoleBinding must not bind the cluster-admin
 * ClusterRole to any subject other than the group system:masters (catalog `fail_if_all`: roleRef.name
 * is cluster-admin and some subjects[*].name is not system:masters). Bindings whose own name starts
 * with `system:` are ignored (the catalog's note: they are managed by the control plane).
 *
 * For a RoleBinding, roleRef.kind must be ClusterRole: it may reference a namespaced Role that happens
 * to be called cluster-admin, which is not the built-in role (k8s-rbac-no-wildcards judges its rules).
 * A ClusterRoleBinding can only reference ClusterRoles, so its roleRef.kind is not read.
 * A RoleBinding to the cluster-admin ClusterRole is reported too: it grants full control of every
 * object in its namespace, Secrets included. A binding without subjects grants nothing and passes.
 * A subject name or roleRef that is not a literal string cannot be decided: evaluation unknown.
 *
 * One finding per binding, at roleRef's `name: cluster-admin` entry, naming the subjects.
 *
 * No fix (catalog autofix: manual): the replacement is a set of scoped Roles, and break-glass access
 * belongs in the cloud IAM integration.
 */
import { entry, get, scalarString } from '../../model/kubernetes/yaml';
import type { Span } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { isUnset, objectLabel, tightEntrySpan } from './containers';

const MAX_LISTED = 3;

export default defineKubernetesRule({
  id: 'k8s-no-cluster-admin-binding',
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  messages: {
    clusterWide: '{object} binds cluster-admin to {subjects}, giving unrestricted access to every PHI workload and Secret in the cluster.',
    namespaced: '{object} binds the cluster-admin ClusterRole to {subjects}, giving full control of every object and Secret in namespace {namespace}.',
  },
  fixes: {},
  check(object, ctx) {
    if ((object.name ?? '').startsWith('system:')) return;
    const roleRef = get(object.root, 'roleRef');
    const nameEntry = entry(roleRef, 'name');
    if (nameEntry === undefined) return;
    const roleName = nameEntry.value?.kind === 'scalar' ? scalarString(nameEntry.value) : undefined;
    const roleKind = scalarString(get(roleRef, 'kind'));
    if (roleName === undefined) {
      ctx.cannotDetermine(tightEntrySpan(nameEntry), 'roleRef.name is not a literal string');
      return;
    }
    if (roleName !== 'cluster-admin') return;
    // A ClusterRoleBinding can only reference a ClusterRole; a RoleBinding may reference a Role of that name.
    if (object.kind === 'RoleBinding' && roleKind !== 'ClusterRole') {
      if (roleKind === undefined) ctx.cannotDetermine(tightEntrySpan(nameEntry), 'roleRef.kind is not a literal string');
      return;
    }

    const subjects = get(object.root, 'subjects');
    if (isUnset(subjects)) return;
    if (subjects!.kind !== 'seq') {
      ctx.cannotDetermine(subjects!.span, 'subjects is not a list');
      return;
    }
    const offending: string[] = [];
    let unknown: Span | undefined;
    for (const subject of subjects!.items) {
      const name = subject.kind === 'map' ? scalarString(get(subject, 'name')) : undefined;
      if (name === undefined) {
        unknown ??= subject.span;
        continue;
      }
      if (name === 'system:masters') continue;
      const kind = scalarString(get(subject, 'kind')) ?? 'subject';
      const namespace = scalarString(get(subject, 'namespace'));
      offending.push(`${kind} "${kind === 'ServiceAccount' && namespace !== undefined ? `${namespace}/${name}` : name}"`);
    }
    if (offending.length === 0) {
      if (unknown !== undefined) ctx.cannotDetermine(unknown, 'a subject has no literal name');
      return;
    }
    const listed = offending.slice(0, MAX_LISTED).join(', ') + (offending.length > MAX_LISTED ? ` and ${offending.length - MAX_LISTED} more` : '');
    const data = { object: objectLabel(object), subjects: listed, namespace: object.namespace ?? '(set at apply time)' };
    ctx.report({ messageId: object.kind === 'RoleBinding' ? 'namespaced' : 'clusterWide', at: tightEntrySpan(nameEntry), data });
  },
});
