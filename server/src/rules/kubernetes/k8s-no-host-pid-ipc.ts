/**
 * k8s-no-host-pid-ipc: the pod spec must not set hostPID: true or hostIPC: true (catalog `fail_if_any`).
 * Missing or false passes (the Kubernetes default is false). A value that is not a YAML boolean (a
 * quoted "true", a placeholder) cannot be decided: evaluation unknown, no finding for that field.
 *
 * One finding per offending field, at its `hostPID: true` / `hostIPC: true` entry.
 *
 * Not handled here: the catalog's note that debugging and monitoring agents may legitimately need
 * these namespaces; there is no allowlist setting yet, so they are reported like any other workload.
 *
 * Fix (catalog autofix.safe: true, and the edit needs no environment-specific value → safe): set the
 * field to false in place. Not offered when the value is reached through an alias (the edit would
 * change every user of the anchor) or the pod spec itself is an alias.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import { entry } from '../../model/kubernetes/yaml';
import { containsSpan } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { objectLabel, readBoolean, readPath } from './containers';

const FIELDS = [
  { key: 'hostPID', messageId: 'hostPID', fixId: 'noHostPID' },
  { key: 'hostIPC', messageId: 'hostIPC', fixId: 'noHostIPC' },
] as const;

export default defineKubernetesRule({
  id: 'k8s-no-host-pid-ipc',
  kinds: WORKLOAD_KINDS,
  messages: {
    hostPID: 'The pod spec of {object} sets hostPID: {value}, so its containers can see, trace and signal every process on the node, including other pods handling ePHI.',
    hostIPC: 'The pod spec of {object} sets hostIPC: {value}, so its containers can read the shared memory of every process on the node.',
  },
  fixes: {
    noHostPID: { title: 'Set hostPID: false', safety: 'safe' },
    noHostIPC: { title: 'Set hostIPC: false', safety: 'safe' },
  },
  check(object, ctx) {
    const podSpec = object.podSpec;
    if (podSpec === undefined) return;
    const podSpecLocal = object.podSpecEntry !== undefined && containsSpan(object.podSpecEntry.span, podSpec.span);
    for (const field of FIELDS) {
      const setting = readPath(podSpec, [field.key], readBoolean);
      if (setting.state === 'unknown') {
        ctx.cannotDetermine(setting.span, setting.reason);
        continue;
      }
      if (setting.state !== 'set' || !setting.value) continue;
      const e = entry(podSpec, field.key)!;
      const local = podSpecLocal && e.value !== undefined && containsSpan(e.span, e.value.span);
      ctx.report({
        messageId: field.messageId,
        at: setting.span,
        data: { object: objectLabel(object), value: setting.raw },
        ...(local ? { fix: { fixId: field.fixId, edits: [setMapKey(object.uri, ctx.text, podSpec, field.key, 'false')] } } : {}),
      });
    }
  },
});
