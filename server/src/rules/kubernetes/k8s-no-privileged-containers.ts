/**
 * k8s-no-privileged-containers: no container may set securityContext.privileged: true. Missing or
 * false passes (the Kubernetes default is false). A value that is not a YAML boolean (a quoted "true",
 * a placeholder) cannot be decided: evaluation unknown, no finding.
 *
 * The finding is shown at the `privileged: true` entry. Fix (catalog autofix.safe: false → review):
 * set privileged: false; not offered when the securityContext is reached through an alias.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import { entry } from '../../model/kubernetes/yaml';
import { defineKubernetesRule } from '../define-rule';
import { containerSecuritySetting, distinctContainers, objectLabel, readBoolean, securityContextEditable } from './containers';

export default defineKubernetesRule({
  id: 'k8s-no-privileged-containers',
  kinds: WORKLOAD_KINDS,
  messages: {
    privileged: 'Container "{container}" of {object} runs privileged: it has full access to the node and every pod on it.',
  },
  fixes: {
    unprivilege: { title: 'Set securityContext.privileged: false (the workload may need other capabilities)', safety: 'review' },
  },
  check(object, ctx) {
    for (const container of distinctContainers(object)) {
      const setting = containerSecuritySetting(container, 'privileged', readBoolean);
      if (setting.state === 'unknown') {
        ctx.cannotDetermine(setting.span, setting.reason);
        continue;
      }
      if (setting.state !== 'set' || !setting.value) continue;
      const sc = entry(container.node, 'securityContext')?.value;
      const fixable = sc?.kind === 'map' && securityContextEditable(container);
      ctx.report({
        messageId: 'privileged',
        at: setting.span,
        data: { container: container.name, object: objectLabel(object) },
        ...(fixable ? { fix: { fixId: 'unprivilege' as const, edits: [setMapKey(object.uri, ctx.text, sc, 'privileged', 'false')] } } : {}),
      });
    }
  },
});
