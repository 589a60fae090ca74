/**
 * k8s-automount-sa-token-disabled: a workload's pods do not get a ServiceAccount token mounted unless
 * they call the Kubernetes API. Catalog `pass_if_any`: the pod spec sets
 * automountServiceAccountToken: false, or the ServiceAccount it runs as (spec.serviceAccountName, or
 * the deprecated spec.serviceAccount; `default` when neither is set), declared in the same namespace,
 * sets automountServiceAccountToken: false.
 *
 * The ServiceAccount may be declared in any Kubernetes file of the workspace (ctx.workspaceObjects();
 * the workspace index re-analyses workloads when a ServiceAccount changes). Namespaces match when they
 * are equal or when either object leaves metadata.namespace to apply time; a ServiceAccount with the
 * exact namespace is preferred. Several candidates that disagree cannot be decided.
 *
 * Kubernetes gives the pod-level field precedence over the ServiceAccount's, so:
 * - pod false → pass, whatever the ServiceAccount says;
 * - pod true with a dedicated ServiceAccount (not `default`) → pass: the catalog's `exempt_if`, a
 *   workload that declares it needs API access and runs under its own ServiceAccount (whose RBAC is
 *   for k8s-rbac-no-wildcards / k8s-no-cluster-admin-binding to judge);
 * - pod true with the default ServiceAccount → fail, at the `automountServiceAccountToken: true` entry;
 * - pod field missing → the ServiceAccount decides: fail when it is declared without false (finding
 *   at the `serviceAccountName` entry, with the ServiceAccount as related location) or when it is the
 *   `default` ServiceAccount and the workspace does not declare it (Kubernetes creates it without the
 *   field; finding at the object's `kind:` entry). A named ServiceAccount that the workspace does not
 *   declare (a chart or another repository creates it) cannot be decided: evaluation unknown.
 * Values that are not YAML booleans, or a serviceAccountName that is not a string, are unknown too.
 *
 * Fix (catalog autofix.safe: false → review): set automountServiceAccountToken: false in the pod spec.
 * Workloads that call the API server then fail with 401. Not offered when the pod spec is reached
 * through an alias.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import type { K8sObject } from '../../model/kubernetes/types';
import { entry, scalarString } from '../../model/kubernetes/yaml';
import { containsSpan } from '../../model/span';
import type { Related } from '../types';
import { defineKubernetesRule } from '../define-rule';
import { isUnset, objectLabel, podSpecEditable, readBoolean, readPath, tightEntrySpan } from './containers';

function compatible(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** The ServiceAccounts of the workspace that the object's pods may run as. */
function serviceAccounts(objects: readonly K8sObject[], name: string, namespace: string | undefined): K8sObject[] {
  const named = objects.filter((o) => o.kind === 'ServiceAccount' && o.name === name && compatible(o.namespace, namespace));
  const exact = named.filter((o) => o.namespace === namespace);
  return exact.length > 0 ? exact : named;
}

export default defineKubernetesRule({
  id: 'k8s-automount-sa-token-disabled',
  kinds: WORKLOAD_KINDS,
  messages: {
    explicitDefault: 'The pod spec of {object} sets automountServiceAccountToken: {value} for the default ServiceAccount, so every container gets a cluster API token.',
    defaultAccount: 'The pod spec of {object} does not set automountServiceAccountToken: false and runs as the default ServiceAccount, so every container gets a cluster API token.',
    serviceAccount: 'Neither the pod spec of {object} nor its ServiceAccount "{account}" sets automountServiceAccountToken: false, so every container gets a cluster API token.',
  },
  fixes: {
    disable: { title: 'Set automountServiceAccountToken: false on the pod spec (workloads that call the Kubernetes API fail with 401)', safety: 'review' },
  },
  check(object, ctx) {
    const podSpec = object.podSpec;
    if (podSpec === undefined) return;
    const label = objectLabel(object);
    const pod = readPath(podSpec, ['automountServiceAccountToken'], readBoolean);
    if (pod.state === 'unknown') {
      ctx.cannotDetermine(pod.span, pod.reason);
      return;
    }
    if (pod.state === 'set' && !pod.value) return;

    const accountEntry = [entry(podSpec, 'serviceAccountName'), entry(podSpec, 'serviceAccount')].find((e) => e !== undefined && !isUnset(e.value));
    const account = accountEntry === undefined ? 'default' : accountEntry.value!.kind === 'scalar' ? scalarString(accountEntry.value) : undefined;
    if (account === undefined) {
      ctx.cannotDetermine(accountEntry!.keySpan, 'serviceAccountName is not a literal string');
      return;
    }

    const podEntry = entry(podSpec, 'automountServiceAccountToken');
    const editable = podSpecEditable(object) && (podEntry?.value === undefined || containsSpan(podEntry.span, podEntry.value.span));
    const fix = editable ? { fix: { fixId: 'disable' as const, edits: [setMapKey(object.uri, ctx.text, podSpec, 'automountServiceAccountToken', 'false')] } } : {};

    if (pod.state === 'set') {
      // An explicit opt-in under a dedicated ServiceAccount is the catalog's exemption.
      if (account !== 'default') return;
      ctx.report({ messageId: 'explicitDefault', at: pod.span, data: { object: label, value: pod.raw }, ...fix });
      return;
    }

    const candidates = serviceAccounts(ctx.workspaceObjects(), account, object.namespace);
    if (candidates.length === 0) {
      if (account === 'default') {
        ctx.report({ messageId: 'defaultAccount', at: accountEntry !== undefined ? tightEntrySpan(accountEntry) : object.headerSpan, data: { object: label }, ...fix });
      } else {
        ctx.cannotDetermine(tightEntrySpan(accountEntry!), `ServiceAccount "${account}" is not declared in the workspace`);
      }
      return;
    }
    const settings = candidates.map((sa) => ({ sa, setting: readPath(sa.root, ['automountServiceAccountToken'], readBoolean) }));
    const unknown = settings.find((s) => s.setting.state === 'unknown');
    if (unknown !== undefined && unknown.setting.state === 'unknown') {
      ctx.cannotDetermine(accountEntry !== undefined ? tightEntrySpan(accountEntry) : object.headerSpan, `ServiceAccount "${account}": ${unknown.setting.reason}`);
      return;
    }
    const disabled = settings.filter((s) => s.setting.state === 'set' && !s.setting.value);
    if (disabled.length === settings.length) return;
    if (disabled.length > 0) {
      ctx.cannotDetermine(accountEntry !== undefined ? tightEntrySpan(accountEntry) : object.headerSpan, `several ServiceAccounts named "${account}" disagree on automountServiceAccountToken`);
      return;
    }
    const related: Related[] = settings.map(({ sa, setting }) => ({
      uri: sa.uri,
      span: setting.state === 'set' ? setting.span : sa.headerSpan,
      message: setting.state === 'set' ? `ServiceAccount "${account}" sets automountServiceAccountToken: ${setting.raw}.` : `ServiceAccount "${account}" does not set automountServiceAccountToken.`,
    }));
    const messageId = account === 'default' ? 'defaultAccount' : 'serviceAccount';
    ctx.report({ messageId, at: accountEntry !== undefined ? tightEntrySpan(accountEntry) : object.headerSpan, data: { object: label, account }, related, ...fix });
  },
});
