/**
 * k8s-resource-limits-set: every container (containers, initContainers, ephemeralContainers) declares
 * resources.limits.memory, resources.requests.cpu and resources.requests.memory (catalog `pass_if_all`,
 * `when_missing: fail`); a missing resources.limits.cpu is the catalog's `warn_if` and is reported at
 * severity low, only when the required fields are all present. `exists` means any non-null value.
 *
 * A request that is not declared while the limit of the same resource is counts as declared: the API
 * server sets a missing request to the limit (Kubernetes "Resource Management for Pods and
 * Containers"), so `limits: {cpu: 500m, memory: 128Mi}` alone reserves exactly that much (Guaranteed
 * QoS) and cannot starve its neighbours. This corrects the catalog's literal `when_missing: fail`,
 * which Checkov and KICS share (see the rule doc, Differences from KICS).
 *
 * One finding per container, listing the missing fields, at the `resources` key if the container has
 * one, else its `name: x` entry (containerAnchor). A `resources`, `limits` or `requests` that is not a
 * mapping (an unresolved alias, a placeholder) cannot be decided: evaluation unknown.
 *
 * Not handled here: the catalog's alternative, a namespace LimitRange supplying defaults
 * (resolution: cross_file_context); the message names it so the user can judge.
 *
 * No fix: the catalog marks the autofix unsafe because the values are workload-specific, and any
 * value a fix inserted would be either invented or a placeholder that silences the finding.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { defineKubernetesRule } from '../define-rule';
import type { K8sContainer } from '../../model/kubernetes/types';
import type { YNode } from '../../model/kubernetes/yaml';
import { containerAnchor, distinctContainers, objectLabel, readAny, readPath, type Setting } from './containers';

/** resources.requests.<resource>, or the limit the API server copies into a missing request. */
function requestOrLimit(container: K8sContainer, resource: 'cpu' | 'memory'): Setting<YNode> {
  const request = readPath(container.node, ['resources', 'requests', resource], readAny);
  return request.state === 'absent' ? readPath(container.node, ['resources', 'limits', resource], readAny) : request;
}

const REQUIRED: readonly { readonly field: string; read(container: K8sContainer): Setting<YNode> }[] = [
  { field: 'resources.limits.memory', read: (c) => readPath(c.node, ['resources', 'limits', 'memory'], readAny) },
  { field: 'resources.requests.cpu', read: (c) => requestOrLimit(c, 'cpu') },
  { field: 'resources.requests.memory', read: (c) => requestOrLimit(c, 'memory') },
];

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

export default defineKubernetesRule({
  id: 'k8s-resource-limits-set',
  kinds: WORKLOAD_KINDS,
  messages: {
    missing: 'Container "{container}" of {object} does not declare {fields}, so it can starve co-located workloads unless a namespace LimitRange supplies defaults.',
    noCpuLimit: 'Container "{container}" of {object} declares no resources.limits.cpu (recommended), so it can take all spare CPU of its node.',
  },
  fixes: {},
  check(object, ctx) {
    for (const container of distinctContainers(object)) {
      const data = { container: container.name, object: objectLabel(object) };
      const settings = REQUIRED.map((required) => ({ field: required.field, setting: required.read(container) }));
      const missing = settings.filter((s) => s.setting.state === 'absent').map((s) => s.field);
      if (missing.length > 0) {
        ctx.report({ messageId: 'missing', at: containerAnchor(container, 'resources'), data: { ...data, fields: list(missing) } });
        continue;
      }
      const cpuLimit = readPath(container.node, ['resources', 'limits', 'cpu'], readAny);
      const unknown = [...settings.map((s) => s.setting), cpuLimit].find((s) => s.state === 'unknown');
      if (unknown?.state === 'unknown') {
        ctx.cannotDetermine(unknown.span, `container "${container.name}": ${unknown.reason}`);
        continue;
      }
      if (cpuLimit.state === 'absent') ctx.report({ messageId: 'noCpuLimit', at: containerAnchor(container, 'resources'), data, severity: 'low' });
    }
  },
});
