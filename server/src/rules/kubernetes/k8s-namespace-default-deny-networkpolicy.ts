/**
 * k8s-namespace-default-deny-networkpolicy: every application namespace that runs workloads has a
 * default-deny NetworkPolicy for ingress and egress. Evaluated over the whole workspace
 * (ctx.workspaceObjects(); the workspace index re-analyses every Kubernetes file when a NetworkPolicy
 * or Namespace changes).
 *
 * Which namespaces (catalog `for_each`), kept low-noise: a namespace is checked only when some
 * workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob)
 * of the workspace names it in metadata.namespace; kube-system, kube-public and kube-node-lease are
 * excluded. Workloads without metadata.namespace get theirs at apply time and are not grouped
 * (evaluation unknown); a declared Namespace without workloads in the workspace is not checked.
 *
 * Default deny (catalog `pass_if`): a NetworkPolicy of that namespace that selects every pod
 * (podSelector {} or missing; empty matchLabels / matchExpressions count as empty), whose policyTypes
 * include the direction (when policyTypes is missing: Ingress, plus Egress if an egress section is
 * present, as the API defaults it), and whose rules for that direction are missing or [].
 * Ingress and egress may be denied by two separate policies: the effect is the same as one policy
 * with both types.
 * - both directions denied → pass;
 * - ingress only → the catalog's `warn_if` ("default-deny covers only Ingress"), reported one step
 *   lower, at medium, with the ingress policy as related location;
 * - otherwise → fail (high).
 * A policy without metadata.namespace, in the directory of one of the namespace's workloads, may be
 * applied to that namespace (kubectl -n): when it would supply the missing denial, the outcome is
 * unknown. So is a policy whose spec cannot be read. The catalog's other `warn_if` (pods selected by
 * no NetworkPolicy) is not implemented.
 *
 * Where the finding is shown (one per namespace and file): on the Namespace object (its `name: x`
 * entry) when the workspace declares the namespace; otherwise on the first workload of that namespace
 * in each file that has one. The namespace's other workloads record "cannot determine" naming that
 * place, so their evaluation is not reported as satisfied.
 *
 * Fix (catalog autofix.safe: false → review): append to the file a NetworkPolicy in that namespace
 * that selects every pod and denies the missing direction(s) (default-deny-all, -ingress or -egress;
 * a numeric suffix when the name is taken). All traffic in that direction stops until allow policies
 * exist, DNS egress to kube-dns included. Offered only for a namespace name that is a valid DNS label.
 */
import { eolOf, indentUnitOf } from '../../fixes/text-layout';
import { defineFact } from '../../model/facts';
import type { K8sFile, K8sObject } from '../../model/kubernetes/types';
import { entry, get, scalarString, type YNode } from '../../model/kubernetes/yaml';
import type { Span } from '../../model/span';
import type { Related } from '../types';
import { defineKubernetesRule } from '../define-rule';
import { isUnset, tightEntrySpan } from './containers';

const WORKLOADS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

/** The object's position among its file's objects (stable while its document is edited). */
const fileIndex = (o: K8sObject): number => indexInFile.get(o) ?? -1;
const indexInFile = new WeakMap<K8sObject, number>();

/** Per namespace, the first workload of the file in it (where the namespace's finding lives when no Namespace object declares it). */
const firstWorkloads = defineFact(
  'k8s-first-workload-per-namespace',
  (file: K8sFile): ReadonlyMap<string | undefined, K8sObject> => {
    const first = new Map<string | undefined, K8sObject>();
    file.objects.forEach((o, i) => indexInFile.set(o, i));
    for (const o of file.objects) if (WORKLOADS.includes(o.kind) && !o.hasErrors && !first.has(o.namespace)) first.set(o.namespace, o);
    return first;
  },
  // Readers compare identity (is this object the anchor?): the anchor's position among the file's objects stands for it.
  (first) => JSON.stringify([...first].map(([namespace, o]) => [namespace ?? null, place(o), o.uri, fileIndex(o)])),
);
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Kleene logic: undefined = cannot be read. */
type Tri = boolean | undefined;

interface Denial {
  readonly ingress: Tri;
  readonly egress: Tri;
}

function emptyRules(node: YNode | undefined): Tri {
  if (isUnset(node)) return true;
  if (node!.kind !== 'seq') return undefined;
  return node!.items.length === 0;
}

function selectsAllPods(node: YNode | undefined): Tri {
  if (isUnset(node)) return true;
  if (node!.kind !== 'map') return undefined;
  for (const e of node!.entries) {
    if (isUnset(e.value)) continue;
    const v = e.value!;
    if ((e.key === 'matchLabels' && v.kind === 'map' && v.entries.length === 0) || (e.key === 'matchExpressions' && v.kind === 'seq' && v.items.length === 0)) continue;
    return e.key === 'matchLabels' || e.key === 'matchExpressions' ? false : undefined;
  }
  return true;
}

/** Which directions a NetworkPolicy denies to every pod of its namespace. */
export function denial(policy: K8sObject): Denial {
  const spec = get(policy.root, 'spec');
  if (spec?.kind !== 'map') return { ingress: undefined, egress: undefined };
  const all = selectsAllPods(get(spec, 'podSelector'));
  const typesNode = get(spec, 'policyTypes');
  let types: Set<string> | undefined;
  if (isUnset(typesNode)) {
    types = new Set(['Ingress']);
    if (entry(spec, 'egress') !== undefined) types.add('Egress');
  } else if (typesNode!.kind === 'seq' && typesNode!.items.every((i) => scalarString(i) !== undefined)) {
    types = new Set(typesNode!.items.map((i) => scalarString(i)!));
  }
  const direction = (type: string, rules: string): Tri => {
    if (all === false) return false;
    if (types !== undefined && !types.has(type)) return false;
    const empty = emptyRules(get(spec, rules));
    if (empty === false) return false;
    return all === true && types !== undefined && empty === true ? true : undefined;
  };
  return { ingress: direction('Ingress', 'ingress'), egress: direction('Egress', 'egress') };
}

function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? '' : uri.slice(0, i);
}

type Outcome =
  | { readonly state: 'pass' }
  | { readonly state: 'unknown'; readonly reason: string }
  | { readonly state: 'missing' | 'ingressOnly' | 'egressOnly'; readonly policies: readonly K8sObject[] };

interface NamespaceFacts {
  readonly outcome: Outcome;
  /** The Namespace object that declares it, when the workspace has one. */
  readonly declaredBy: K8sObject | undefined;
  /** NetworkPolicy names already used in the namespace (for the fix). */
  readonly policyNames: ReadonlySet<string>;
}

const memo = new WeakMap<readonly K8sObject[], Map<string, NamespaceFacts | undefined>>();

/** The facts of a namespace with workloads; undefined when no workload of the workspace names it. */
function namespaceFacts(objects: readonly K8sObject[], namespace: string): NamespaceFacts | undefined {
  let cache = memo.get(objects);
  if (cache === undefined) memo.set(objects, (cache = new Map()));
  if (cache.has(namespace)) return cache.get(namespace);
  const workloads = objects.filter((o) => WORKLOADS.includes(o.kind) && o.namespace === namespace);
  let facts: NamespaceFacts | undefined;
  if (workloads.length > 0) {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy' && o.namespace === namespace);
    const denials = policies.map((p) => ({ policy: p, denial: denial(p) }));
    const ingress = denials.filter((d) => d.denial.ingress === true);
    const egress = denials.filter((d) => d.denial.egress === true);
    let outcome: Outcome;
    if (ingress.length > 0 && egress.length > 0) outcome = { state: 'pass' };
    else {
      const missingIngress = ingress.length === 0;
      const missingEgress = egress.length === 0;
      const unreadable = denials.find((d) => (missingIngress && d.denial.ingress === undefined) || (missingEgress && d.denial.egress === undefined));
      const dirs = new Set(workloads.map((w) => dirOf(w.uri)));
      const unplaced = objects.find(
        (o) =>
          o.kind === 'NetworkPolicy' &&
          o.namespace === undefined &&
          dirs.has(dirOf(o.uri)) &&
          ((missingIngress && denial(o).ingress !== false) || (missingEgress && denial(o).egress !== false)),
      );
      if (unreadable !== undefined) outcome = { state: 'unknown', reason: `the spec of NetworkPolicy "${unreadable.policy.name ?? '(unnamed)'}" cannot be read` };
      else if (unplaced !== undefined) outcome = { state: 'unknown', reason: `NetworkPolicy "${unplaced.name ?? '(unnamed)'}" has no metadata.namespace and may be applied to namespace ${namespace}` };
      else if (!missingIngress) outcome = { state: 'ingressOnly', policies: ingress.map((d) => d.policy) };
      else if (!missingEgress) outcome = { state: 'egressOnly', policies: egress.map((d) => d.policy) };
      else outcome = { state: 'missing', policies: [] };
    }
    facts = {
      outcome,
      declaredBy: objects.find((o) => o.kind === 'Namespace' && o.name === namespace),
      policyNames: new Set(policies.map((p) => p.name ?? '')),
    };
  }
  cache.set(namespace, facts);
  return facts;
}

function nameAnchor(object: K8sObject): Span {
  const name = entry(get(object.root, 'metadata'), 'name');
  return name !== undefined ? tightEntrySpan(name) : object.headerSpan;
}

function place(object: K8sObject): string {
  const file = object.uri.slice(object.uri.lastIndexOf('/') + 1);
  return `${object.kind} "${object.name ?? '(unnamed)'}" (${file})`;
}

/** The text of a default-deny NetworkPolicy appended as a new document at the end of the file. */
function appendPolicy(text: string, namespace: string, name: string, types: readonly string[]): { span: Span; newText: string } {
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  const lines = [
    '---',
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `${unit}name: ${name}`,
    `${unit}namespace: ${namespace}`,
    'spec:',
    `${unit}podSelector: {}`,
    `${unit}policyTypes: [${types.join(', ')}]`,
  ];
  const lead = text === '' || text.endsWith('\n') || text.endsWith('\r') ? '' : eol;
  return { span: { start: text.length, end: text.length }, newText: lead + lines.join(eol) + eol };
}

export default defineKubernetesRule({
  id: 'k8s-namespace-default-deny-networkpolicy',
  kinds: ['Namespace', ...WORKLOADS],
  messages: {
    missing: 'Namespace "{namespace}" runs workloads but no NetworkPolicy in the workspace denies its ingress and egress by default, so any pod can reach them and they can reach anything.',
    egressOnly: 'Namespace "{namespace}" runs workloads and denies egress by default, but no NetworkPolicy in the workspace denies its ingress by default, so any pod can reach them.',
    ingressOnly: 'Namespace "{namespace}" denies ingress by default, but no NetworkPolicy in the workspace denies its egress, so a compromised pod can send data anywhere.',
  },
  fixes: {
    addDefaultDeny: { title: 'Add a default-deny NetworkPolicy for this namespace (all traffic stops until allow policies exist, DNS egress included)', safety: 'review' },
    addEgressDeny: { title: 'Add a default-deny egress NetworkPolicy for this namespace (all egress stops until allow policies exist, DNS included)', safety: 'review' },
    addIngressDeny: { title: 'Add a default-deny ingress NetworkPolicy for this namespace (all ingress stops until allow policies exist)', safety: 'review' },
  },
  check(object, ctx) {
    const namespace = object.kind === 'Namespace' ? object.name : object.namespace;
    if (namespace === undefined) {
      if (object.kind !== 'Namespace') ctx.cannotDetermine(object.headerSpan, 'no metadata.namespace: the namespace is chosen at apply time');
      return;
    }
    if (SYSTEM_NAMESPACES.has(namespace)) return;
    const objects = ctx.workspaceObjects();
    const facts = namespaceFacts(objects, namespace);
    if (facts === undefined) return;
    const outcome = facts.outcome;
    if (outcome.state === 'pass') return;

    // Where this namespace's finding lives: the Namespace object, else the first workload of the namespace in this file.
    const anchor =
      facts.declaredBy ?? ctx.fileFact(firstWorkloads).get(namespace);
    if (anchor !== object) {
      const reason = outcome.state === 'unknown' ? outcome.reason : `reported on ${place(anchor ?? object)}`;
      ctx.cannotDetermine(object.kind === 'Namespace' ? nameAnchor(object) : object.headerSpan, `namespace ${namespace}: ${reason}`);
      return;
    }
    const at = object.kind === 'Namespace' ? nameAnchor(object) : object.headerSpan;
    if (outcome.state === 'unknown') {
      ctx.cannotDetermine(at, `namespace ${namespace}: ${outcome.reason}`);
      return;
    }

    const types = outcome.state === 'missing' ? ['Ingress', 'Egress'] : outcome.state === 'ingressOnly' ? ['Egress'] : ['Ingress'];
    const base = outcome.state === 'missing' ? 'default-deny-all' : outcome.state === 'ingressOnly' ? 'default-deny-egress' : 'default-deny-ingress';
    let name = base;
    for (let i = 2; facts.policyNames.has(name); i++) name = `${base}-${i}`;
    const fixId: 'addDefaultDeny' | 'addEgressDeny' | 'addIngressDeny' = outcome.state === 'missing' ? 'addDefaultDeny' : outcome.state === 'ingressOnly' ? 'addEgressDeny' : 'addIngressDeny';
    const fix = DNS_LABEL.test(namespace) ? { fix: { fixId, edits: [{ uri: object.uri, ...appendPolicy(ctx.text, namespace, name, types) }] } } : {};
    const related: Related[] = outcome.policies.map((p) => ({
      uri: p.uri,
      span: nameAnchor(p),
      message: `NetworkPolicy "${p.name ?? '(unnamed)'}" denies ${outcome.state === 'ingressOnly' ? 'ingress' : 'egress'} to every pod of the namespace.`,
    }));
    ctx.report({
      messageId: outcome.state,
      at,
      data: { namespace },
      related,
      ...(outcome.state === 'ingressOnly' ? { severity: 'medium' as const } : {}),
      ...fix,
    });
  },
});
