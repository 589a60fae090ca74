import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import { defineKubernetesRule } from '../define-rule';
import { containerSecurityField, isTrue, objectLabel } from './containers';

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
    for (const container of object.containers) {
      const privileged = containerSecurityField(container, 'privileged');
      if (privileged === undefined || !isTrue(privileged.value)) continue;
      const sc = container.node.entries.find((e) => e.key === 'securityContext')?.value;
      ctx.report({
        messageId: 'privileged',
        at: privileged.span,
        data: { container: container.name, object: objectLabel(object) },
        ...(sc?.kind === 'map' ? { fix: { fixId: 'unprivilege' as const, edits: [setMapKey(object.uri, ctx.text, sc, 'privileged', 'false')] } } : {}),
      });
    }
  },
});
