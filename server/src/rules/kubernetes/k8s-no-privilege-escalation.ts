/**
 * k8s-no-privilege-escalation: every container (containers, initContainers, ephemeralContainers)
 * sets securityContext.allowPrivilegeEscalation: false. The catalog's `when_missing: fail` applies:
 * Kubernetes allows escalation unless the field is false, and PodSecurityContext has no such field,
 * so there is nothing to inherit from the pod.
 *
 * A privileged container, or one that adds CAP_SYS_ADMIN (also written SYS_ADMIN), always escalates:
 * the API server rejects allowPrivilegeEscalation: false next to privileged: true or CAP_SYS_ADMIN.
 * Such a container fails even when it sets the field to false. The only remedy is to drop privileged /
 * SYS_ADMIN: a privileged container gets the review fix k8s-no-privileged-containers offers
 * (`privileged: false`), together with `allowPrivilegeEscalation: false`, so the finding is fixed in
 * one step; SYS_ADMIN is left to a human (k8s-drop-all-capabilities).
 *
 * Where findings are shown: the entry that decides (`allowPrivilegeEscalation: true`,
 * `privileged: true`, the `SYS_ADMIN` item); when the field is missing, the `securityContext` key
 * if the container has one, else its `name: x` entry (containerAnchor). A value that is not a YAML
 * boolean (a quoted "false", a placeholder) cannot be decided: no finding, evaluation unknown.
 *
 * Fix (catalog autofix.safe: true): set allowPrivilegeEscalation: false in the container's
 * securityContext, creating the securityContext when missing, in the container's style (block or
 * flow). Not offered when the securityContext is reached through an alias.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import { get, scalarString } from '../../model/kubernetes/yaml';
import { defineKubernetesRule } from '../define-rule';
import { containerAnchor, containerSecuritySetting, distinctContainers, objectLabel, readBoolean, securityContextEditable } from './containers';

const SYS_ADMIN = new Set(['SYS_ADMIN', 'CAP_SYS_ADMIN']);

export default defineKubernetesRule({
  id: 'k8s-no-privilege-escalation',
  kinds: WORKLOAD_KINDS,
  messages: {
    missing: 'Container "{container}" of {object} does not set securityContext.allowPrivilegeEscalation: false, and Kubernetes allows privilege escalation by default.',
    allowed: 'Container "{container}" of {object} sets allowPrivilegeEscalation: {value}, so a setuid binary can give a compromised process more privileges.',
    privileged: 'Container "{container}" of {object} is privileged, which always allows privilege escalation whatever allowPrivilegeEscalation says.',
    sysAdmin: 'Container "{container}" of {object} adds the {capability} capability, which always allows privilege escalation whatever allowPrivilegeEscalation says.',
  },
  fixes: {
    disallow: { title: 'Set securityContext.allowPrivilegeEscalation: false', safety: 'safe' },
    unprivilege: {
      title: 'Set securityContext.privileged: false and allowPrivilegeEscalation: false (the workload loses host-level privileges; CNI or storage agents break)',
      safety: 'review',
    },
  },
  check(object, ctx) {
    for (const container of distinctContainers(object)) {
      const data = { container: container.name, object: objectLabel(object) };
      const privileged = containerSecuritySetting(container, 'privileged', readBoolean);
      const added = get(get(get(container.node, 'securityContext'), 'capabilities'), 'add');
      const sysAdmin = added?.kind === 'seq' ? added.items.find((item) => SYS_ADMIN.has(scalarString(item) ?? '')) : undefined;
      if (privileged.state === 'set' && privileged.value) {
        const securityContext = get(container.node, 'securityContext');
        const escalation = containerSecuritySetting(container, 'allowPrivilegeEscalation', readBoolean);
        const fixable = sysAdmin === undefined && securityContextEditable(container) && securityContext?.kind === 'map' && escalation.state !== 'unknown';
        const edits = fixable
          ? [
              setMapKey(object.uri, ctx.text, securityContext, 'privileged', 'false'),
              ...(escalation.state === 'set' && !escalation.value ? [] : [setMapKey(object.uri, ctx.text, securityContext, 'allowPrivilegeEscalation', 'false')]),
            ]
          : undefined;
        ctx.report({ messageId: 'privileged', at: privileged.span, data, ...(edits ? { fix: { fixId: 'unprivilege' as const, edits } } : {}) });
        continue;
      }
      if (sysAdmin !== undefined) {
        ctx.report({ messageId: 'sysAdmin', at: sysAdmin.span, data: { ...data, capability: scalarString(sysAdmin)! } });
        continue;
      }
      const setting = containerSecuritySetting(container, 'allowPrivilegeEscalation', readBoolean);
      if (setting.state === 'set' && !setting.value) continue;
      if (setting.state === 'unknown') {
        ctx.cannotDetermine(setting.span, `container "${container.name}": ${setting.reason}`);
        continue;
      }
      const fix = securityContextEditable(container)
        ? { fix: { fixId: 'disallow' as const, edits: [setMapKey(object.uri, ctx.text, container.node, 'securityContext', { allowPrivilegeEscalation: 'false' })] } }
        : {};
      if (setting.state === 'set') {
        ctx.report({ messageId: 'allowed', at: setting.span, data: { ...data, value: setting.raw }, ...fix });
      } else {
        ctx.report({ messageId: 'missing', at: containerAnchor(container, 'securityContext'), data, ...fix });
      }
    }
  },
});
