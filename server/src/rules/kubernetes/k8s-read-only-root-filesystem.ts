/**
 * k8s-read-only-root-filesystem: every container (containers, initContainers, ephemeralContainers)
 * sets securityContext.readOnlyRootFilesystem: true (catalog `pass_if_all`, `when_missing: fail`).
 * PodSecurityContext has no such field, so nothing is inherited from the pod. A value that is not a
 * YAML boolean (a quoted "true", a placeholder) cannot be decided: evaluation unknown, no finding.
 *
 * Where findings are shown: the `readOnlyRootFilesystem: false` entry when the container sets it;
 * otherwise the `securityContext` key if the container has one, else its `name: x` entry
 * (containerAnchor).
 *
 * Fix (catalog autofix.safe: false → review): set readOnlyRootFilesystem: true in the container's
 * securityContext, creating it when missing, in the container's style. Applications that write to
 * their root filesystem (/tmp, caches, PID files) crash until writable emptyDir mounts are added;
 * the fix does not invent those mounts. Not offered when the securityContext is reached through an
 * alias.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import { defineKubernetesRule } from '../define-rule';
import { containerAnchor, containerSecuritySetting, distinctContainers, objectLabel, readBoolean, securityContextEditable } from './containers';

export default defineKubernetesRule({
  id: 'k8s-read-only-root-filesystem',
  kinds: WORKLOAD_KINDS,
  messages: {
    missing: 'Container "{container}" of {object} does not set securityContext.readOnlyRootFilesystem: true, so a compromised process can alter its binaries and drop tools.',
    writable: 'Container "{container}" of {object} sets readOnlyRootFilesystem: {value}, so a compromised process can alter its binaries and drop tools.',
  },
  fixes: {
    readOnly: { title: 'Set securityContext.readOnlyRootFilesystem: true (apps that write to local disk crash until writable emptyDir mounts are added)', safety: 'review' },
  },
  check(object, ctx) {
    for (const container of distinctContainers(object)) {
      const setting = containerSecuritySetting(container, 'readOnlyRootFilesystem', readBoolean);
      if (setting.state === 'set' && setting.value) continue;
      if (setting.state === 'unknown') {
        ctx.cannotDetermine(setting.span, `container "${container.name}": ${setting.reason}`);
        continue;
      }
      const data = { container: container.name, object: objectLabel(object) };
      const fix = securityContextEditable(container)
        ? { fix: { fixId: 'readOnly' as const, edits: [setMapKey(object.uri, ctx.text, container.node, 'securityContext', { readOnlyRootFilesystem: 'true' })] } }
        : {};
      if (setting.state === 'set') ctx.report({ messageId: 'writable', at: setting.span, data: { ...data, value: setting.raw }, ...fix });
      else ctx.report({ messageId: 'missing', at: containerAnchor(container, 'securityContext'), data, ...fix });
    }
  },
});
