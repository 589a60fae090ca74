/**
 * k8s-resource-limits-set: every container (containers, initContainers, ephemeralContainers) declares
 * resources.limits.memory, resources.requests.cpu and resources.requests.memory (catalog `pass_if_all`,
 * `when_missing: fail`); a missing resources.limits.cpu is the catalog's `warn_if` and is reported at
 * severity low, only when the required fields are all present. `exists` is taken literally: any
 * non-null value counts, and a request is not inferred from a limit (the API server would default a
 * missing request to the limit, but the catalog requires the request to be declared).
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
import { containerAnchor, distinctContainers, objectLabel, readAny, readPath } from './containers';

const REQUIRED = [
  ['limits', 'memory'],
  ['requests', 'cpu'],
  ['requests', 'memory'],
] as const;

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
      const settings = REQUIRED.map((path) => ({ path, setting: readPath(container.node, ['resources', ...path], readAny) }));
      const missing = settings.filter((s) => s.setting.state === 'absent').map((s) => ['resources', ...s.path].join('.'));
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
