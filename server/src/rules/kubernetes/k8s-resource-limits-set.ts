/**
 * k8s-resource-limits-set: every container (containers and initContainers; not ephemeralContainers, on
 * which Kubernetes forbids resources — a correction of the catalog, see the rule doc) declares
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
 * A value that is a placeholder a fix wrote (`<memory-limit>`) is not decided yet: evaluation
 * unknown, never "declared".
 *
 * Fixes (catalog autofix.safe: false → review): the values are workload-specific, so they are never
 * invented. `addResources` writes the missing fields as placeholders only the user can fill in
 * (`<cpu-request>`, `<memory-request>`, `<memory-limit>`; snippet tab stops where the editor supports
 * them, see fixes/yaml-user-values.ts); `addCpuLimit` writes `limits.cpu: <cpu-limit>`. Not offered
 * for ephemeral containers (Kubernetes forbids resources on them) nor where `resources`, `requests`
 * or `limits` is reached through an alias.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import type { FixEdit } from '../../fixes/fix-edit';
import { mergeMapKeys, type YamlMapValue } from '../../fixes/yaml-edits';
import { finishYamlUserValues, yamlUserValue } from '../../fixes/yaml-user-values';
import { defineKubernetesRule } from '../define-rule';
import type { K8sContainer } from '../../model/kubernetes/types';
import type { YNode } from '../../model/kubernetes/yaml';
import { containerAnchor, distinctContainers, objectLabel, readChosen, readPath, type Setting } from './containers';

/** resources.requests.<resource>, or the limit the API server copies into a missing request. */
function requestOrLimit(container: K8sContainer, resource: 'cpu' | 'memory'): Setting<YNode> {
  const request = readPath(container.node, ['resources', 'requests', resource], readChosen);
  return request.state === 'absent' ? readPath(container.node, ['resources', 'limits', resource], readChosen) : request;
}

interface Field {
  readonly field: string;
  /** Where a fix writes it (under `resources`) and the placeholder it writes. */
  readonly section: 'requests' | 'limits';
  readonly resource: 'cpu' | 'memory';
  readonly placeholder: string;
  read(container: K8sContainer): Setting<YNode>;
}

const REQUIRED: readonly Field[] = [
  { field: 'resources.limits.memory', section: 'limits', resource: 'memory', placeholder: '<memory-limit>', read: (c) => readPath(c.node, ['resources', 'limits', 'memory'], readChosen) },
  { field: 'resources.requests.cpu', section: 'requests', resource: 'cpu', placeholder: '<cpu-request>', read: (c) => requestOrLimit(c, 'cpu') },
  { field: 'resources.requests.memory', section: 'requests', resource: 'memory', placeholder: '<memory-request>', read: (c) => requestOrLimit(c, 'memory') },
];

/**
 * The edits that write `fields` into the container's `resources`, each as its placeholder, requests
 * before limits; undefined where Kubernetes forbids resources (ephemeral containers) or a mapping on
 * the way is reached through an alias.
 */
function writeResources(uri: string, text: string, container: K8sContainer, fields: readonly Pick<Field, 'section' | 'resource' | 'placeholder'>[]): FixEdit[] | undefined {
  if (container.group === 'ephemeralContainers') return undefined;
  const section = (name: 'requests' | 'limits'): YamlMapValue =>
    Object.fromEntries(fields.filter((f) => f.section === name).map((f) => [f.resource, yamlUserValue(f.placeholder)]));
  const requests = section('requests');
  const limits = section('limits');
  const resources: YamlMapValue = { ...(Object.keys(requests).length > 0 ? { requests } : {}), ...(Object.keys(limits).length > 0 ? { limits } : {}) };
  const edits = mergeMapKeys(uri, text, container.node, { resources });
  return edits === undefined ? undefined : finishYamlUserValues(edits);
}

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
  fixes: {
    addResources: { title: 'Add the missing resource requests and memory limit (review: choose the values; a memory limit below peak use gets the container OOM-killed)', safety: 'review' },
    addCpuLimit: { title: 'Add a CPU limit (review: choose the value; a limit below peak use throttles the container)', safety: 'review' },
  },
  check(object, ctx) {
    for (const container of distinctContainers(object)) {
      // Kubernetes rejects resources on ephemeral containers (they use the pod's spare resources):
      // a finding there could never be fixed. The catalog lists them; this corrects it (rule doc).
      if (container.group === 'ephemeralContainers') continue;
      const data = { container: container.name, object: objectLabel(object) };
      const settings = REQUIRED.map((required) => ({ required, setting: required.read(container) }));
      const missing = settings.filter((s) => s.setting.state === 'absent').map((s) => s.required);
      if (missing.length > 0) {
        const edits = writeResources(object.uri, ctx.text, container, missing);
        ctx.report({
          messageId: 'missing',
          at: containerAnchor(container, 'resources'),
          data: { ...data, fields: list(missing.map((m) => m.field)) },
          ...(edits !== undefined ? { fix: { fixId: 'addResources' as const, edits } } : {}),
        });
        continue;
      }
      const cpuLimit = readPath(container.node, ['resources', 'limits', 'cpu'], readChosen);
      const unknown = [...settings.map((s) => s.setting), cpuLimit].find((s) => s.state === 'unknown');
      if (unknown?.state === 'unknown') {
        ctx.cannotDetermine(unknown.span, `container "${container.name}": ${unknown.reason}`);
        continue;
      }
      if (cpuLimit.state === 'absent') {
        const edits = writeResources(object.uri, ctx.text, container, [{ section: 'limits', resource: 'cpu', placeholder: '<cpu-limit>' }]);
        ctx.report({ messageId: 'noCpuLimit', at: containerAnchor(container, 'resources'), data, severity: 'low', ...(edits !== undefined ? { fix: { fixId: 'addCpuLimit' as const, edits } } : {}) });
      }
    }
  },
});
