/**
 * k8s-no-host-network: the pod spec must not set hostNetwork: true (catalog `fail_if`). Missing or
 * false passes (the Kubernetes default is false). A value that is not a YAML boolean (a quoted
 * "true", a placeholder) cannot be decided: evaluation unknown, no finding.
 *
 * The finding is shown at the `hostNetwork: true` entry of the pod spec.
 *
 * Not handled here: the catalog's `exempt_if` allowlist (kube-system, CNI, node-exporter workloads);
 * there is no allowlist setting yet, so such workloads are reported like any other.
 *
 * Fix (catalog autofix.safe: false → review): set hostNetwork: false. Not offered when the value is
 * reached through an alias.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import { entry } from '../../model/kubernetes/yaml';
import { containsSpan } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { objectLabel, readBoolean, readPath } from './containers';

export default defineKubernetesRule({
  id: 'k8s-no-host-network',
  kinds: WORKLOAD_KINDS,
  messages: {
    hostNetwork: 'The pod spec of {object} sets hostNetwork: {value}, so its pods share the node network namespace, bypass NetworkPolicy and can reach node-local services.',
  },
  fixes: {
    isolate: { title: 'Set hostNetwork: false (workloads that bind node ports directly will break)', safety: 'review' },
  },
  check(object, ctx) {
    const podSpec = object.podSpec;
    if (podSpec === undefined) return;
    const setting = readPath(podSpec, ['hostNetwork'], readBoolean);
    if (setting.state === 'unknown') {
      ctx.cannotDetermine(setting.span, setting.reason);
      return;
    }
    if (setting.state !== 'set' || !setting.value) return;
    const value = entry(podSpec, 'hostNetwork')!;
    const local = value.value !== undefined && containsSpan(value.span, value.value.span);
    ctx.report({
      messageId: 'hostNetwork',
      at: setting.span,
      data: { object: objectLabel(object), value: setting.raw },
      ...(local ? { fix: { fixId: 'isolate' as const, edits: [setMapKey(object.uri, ctx.text, podSpec, 'hostNetwork', 'false')] } } : {}),
    });
  },
});
