/**
 * k8s-no-default-namespace: workloads and namespaced config objects are not deployed to the default
 * namespace.
 * - fail (catalog `fail_if_any`): metadata.namespace is `default`. Finding at the `namespace: default`
 *   entry.
 * - warn (catalog `warn_if`: metadata.namespace missing, so the namespace is chosen at apply time by
 *   kubectl -n, kustomize or Helm, and is "default" when none is given). The catalog severity is
 *   already the lowest (low), so the warning keeps it. To keep the noise low:
 *   - it is reported once per file, on the first object without a namespace (at its `name: x`
 *     entry), with the number of other such objects in the message; the other objects record
 *     "cannot determine" with the place of that finding;
 *   - a file that a Kustomization in the workspace (kustomize.config.k8s.io, with apiVersion and kind)
 *     sets a `namespace:` for, directly or through the bases/components/directories it includes, is
 *     not reported: kustomize sets the namespace of every object it renders.
 * A namespace that is not a literal string (a mapping, an unresolved alias) or is the placeholder a
 * fix wrote (`<namespace>`) cannot be decided: evaluation unknown.
 *
 * Dispatched on the kinds the catalog lists (workloads, Service, Secret, ConfigMap, ServiceAccount,
 * Role, RoleBinding, Ingress, NetworkPolicy); cluster-scoped kinds have no namespace.
 *
 * Fixes (catalog autofix.safe: false → review): the right namespace is a deployment decision, and
 * moving an object changes its DNS name and RBAC scope, so no namespace is invented. They write the
 * placeholder `<namespace>`, which only the user can fill in (a snippet tab stop where the editor
 * supports it, see fixes/yaml-user-values.ts): in place of `default`, or, for the file's finding,
 * into the metadata of every object of the file that sets none (one tab stop for all of them). Not
 * offered where a metadata mapping or the namespace is reached through an alias.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { setMapKey } from '../../fixes/yaml-edits';
import { finishYamlUserValues, isYamlPlaceholder, yamlUserValue } from '../../fixes/yaml-user-values';
import { defineFact } from '../../model/facts';
import type { K8sFile, K8sObject } from '../../model/kubernetes/types';
import { entry, get, scalarString } from '../../model/kubernetes/yaml';
import { containsSpan, type Span } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { isUnset, objectLabel, tightEntrySpan } from './containers';

const NAMESPACE = '<namespace>';

const KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Service',
  'Secret',
  'ConfigMap',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'Ingress',
  'NetworkPolicy',
];

type Namespace =
  | { readonly state: 'absent' }
  | { readonly state: 'set'; readonly value: string; readonly span: Span }
  | { readonly state: 'unknown'; readonly span: Span; readonly reason: string };

function namespaceOf(object: K8sObject): Namespace {
  const e = entry(get(object.root, 'metadata'), 'namespace');
  if (e === undefined || isUnset(e.value)) return { state: 'absent' };
  const value = e.value!.kind === 'scalar' ? scalarString(e.value) : undefined;
  if (value === undefined) return { state: 'unknown', span: tightEntrySpan(e), reason: 'metadata.namespace is not a literal string' };
  if (isYamlPlaceholder(value)) return { state: 'unknown', span: tightEntrySpan(e), reason: 'metadata.namespace is a placeholder to fill in' };
  return { state: 'set', value, span: tightEntrySpan(e) };
}

/** `namespace: default` → `namespace: <namespace>`; undefined when the value is reached through an alias. */
function replaceDefault(object: K8sObject, text: string): FixEdit[] | undefined {
  const e = entry(get(object.root, 'metadata'), 'namespace');
  if (e?.value === undefined || !containsSpan(e.span, e.value.span)) return undefined;
  return finishYamlUserValues([{ uri: object.uri, span: e.value.span, newText: yamlUserValue(NAMESPACE) }]);
}

/**
 * `namespace: <namespace>` in the metadata of each object (metadata created where missing); undefined
 * when one of them cannot be edited (metadata reached through an alias, or not a mapping): a fix
 * that left an object out would leave the file's finding on it.
 */
function setNamespaces(objects: readonly K8sObject[], text: string): FixEdit[] | undefined {
  const edits: FixEdit[] = [];
  for (const object of objects) {
    const metadata = entry(object.root, 'metadata');
    if (metadata === undefined || isUnset(metadata.value)) {
      edits.push(setMapKey(object.uri, text, object.root, 'metadata', { namespace: yamlUserValue(NAMESPACE) }));
    } else if (metadata.value!.kind === 'map' && containsSpan(metadata.span, metadata.value!.span)) {
      edits.push(setMapKey(object.uri, text, metadata.value!, 'namespace', yamlUserValue(NAMESPACE)));
    } else {
      return undefined;
    }
  }
  return edits.length === 0 ? undefined : finishYamlUserValues(edits);
}

function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? '' : uri.slice(0, i);
}

/** A kustomization's relative resource path, resolved against its directory; undefined for remote or absolute references. */
function resolvePath(dir: string, relative: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.startsWith('/') || relative.includes('?')) return undefined;
  const parts = dir.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length > 3) parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/');
}

const KUSTOMIZE_LISTS = ['resources', 'bases', 'components'];

/** Files (and directories) that some Kustomization with a `namespace:` renders; memoised per workspace snapshot. */
const namespacedByKustomize = new WeakMap<readonly K8sObject[], ReadonlySet<string>>();

function kustomizeNamespaced(objects: readonly K8sObject[]): ReadonlySet<string> {
  const memo = namespacedByKustomize.get(objects);
  if (memo !== undefined) return memo;
  const kustomizations = objects.filter((o) => (o.kind === 'Kustomization' || o.kind === 'Component') && o.apiVersion.startsWith('kustomize.config.k8s.io/'));
  const byDir = new Map(kustomizations.map((k) => [dirOf(k.uri), k]));
  const covered = new Set<string>();
  const visit = (k: K8sObject, seen: Set<K8sObject>): void => {
    if (seen.has(k)) return;
    seen.add(k);
    const dir = dirOf(k.uri);
    for (const key of KUSTOMIZE_LISTS) {
      const list = get(k.root, key);
      if (list?.kind !== 'seq') continue;
      for (const item of list.items) {
        const relative = scalarString(item);
        const path = relative === undefined ? undefined : resolvePath(dir, relative);
        if (path === undefined) continue;
        const sub = byDir.get(path);
        if (sub !== undefined) visit(sub, seen);
        else covered.add(path);
      }
    }
  };
  for (const k of kustomizations) {
    const namespace = scalarString(get(k.root, 'namespace'));
    if (namespace !== undefined && namespace.trim() !== '') visit(k, new Set());
  }
  namespacedByKustomize.set(objects, covered);
  return covered;
}

/** The object's index among the objects of its file (the document order: stable while a document is edited in place). */
function positionInFile(object: K8sObject): number {
  return positions.get(object) ?? -1;
}
const positions = new WeakMap<K8sObject, number>();

/**
 * The objects of a file that leave their namespace to apply time, in source order; a file fact (once
 * per parsed file; the first one carries the finding, the others name it, so readers use the
 * objects' labels and order).
 */
const unsetObjects = defineFact(
  'k8s-objects-without-namespace',
  (file: K8sFile): readonly K8sObject[] => (file.objects.forEach((o, i) => positions.set(o, i)), file.objects).filter((o) => KINDS.includes(o.kind) && !o.hasErrors && namespaceOf(o).state === 'absent'),
  // Readers compare identity (is this object the first?): label and position among the file's objects stand for it.
  (unset) => JSON.stringify(unset.map((o) => [objectLabel(o), positionInFile(o)])),
);

function nameAnchor(object: K8sObject): Span {
  const metadata = entry(object.root, 'metadata');
  const name = entry(metadata?.value, 'name');
  if (name !== undefined) return tightEntrySpan(name);
  return metadata !== undefined ? metadata.keySpan : object.headerSpan;
}

export default defineKubernetesRule({
  id: 'k8s-no-default-namespace',
  kinds: KINDS,
  messages: {
    defaultNamespace: '{object} is deployed to the default namespace, which has no dedicated RBAC, NetworkPolicy or quota boundary for PHI workloads.',
    unset: '{object} sets no metadata.namespace, so it lands in whatever namespace kubectl, kustomize or Helm uses at apply time ("default" unless one is given){others}.',
  },
  fixes: {
    chooseNamespace: { title: "Move the object out of the default namespace (review: choose the namespace; the object's DNS name and RBAC scope change)", safety: 'review' },
    setNamespaces: { title: 'Set metadata.namespace on every object of this file that has none (review: choose the namespace; DNS names and RBAC scope change)', safety: 'review' },
  },
  check(object, ctx) {
    const namespace = namespaceOf(object);
    if (namespace.state === 'unknown') {
      ctx.cannotDetermine(namespace.span, namespace.reason);
      return;
    }
    if (namespace.state === 'set') {
      if (namespace.value === 'default') {
        const edits = replaceDefault(object, ctx.text);
        ctx.report({ messageId: 'defaultNamespace', at: namespace.span, data: { object: objectLabel(object) }, ...(edits !== undefined ? { fix: { fixId: 'chooseNamespace' as const, edits } } : {}) });
      }
      return;
    }
    if (kustomizeNamespaced(ctx.workspaceObjects()).has(object.uri)) return;
    const unset = ctx.fileFact(unsetObjects);
    const first = unset[0] ?? object;
    if (first !== object) {
      ctx.cannotDetermine(nameAnchor(object), `no metadata.namespace; reported once for this file, on ${objectLabel(first)}`);
      return;
    }
    const more = unset.length - 1;
    const others = more === 0 ? '' : `; ${more} more ${more === 1 ? 'object' : 'objects'} in this file ${more === 1 ? 'sets' : 'set'} none either`;
    const edits = setNamespaces(unset, ctx.text);
    ctx.report({ messageId: 'unset', at: nameAnchor(object), data: { object: objectLabel(object), others }, severity: 'low', ...(edits !== undefined ? { fix: { fixId: 'setNamespaces' as const, edits } } : {}) });
  },
});
