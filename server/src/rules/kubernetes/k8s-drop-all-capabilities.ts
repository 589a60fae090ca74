/**
 * k8s-drop-all-capabilities: every container (containers, initContainers, ephemeralContainers)
 * - lists ALL in securityContext.capabilities.drop (catalog `pass_if_all`, `when_missing: fail`), and
 * - adds nothing but NET_BIND_SERVICE in securityContext.capabilities.add (`subset_of`, missing passes);
 *   adding SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, SYS_MODULE or ALL is the catalog's `fail_if_any`
 *   and gets its own message.
 * Capability names are compared as container runtimes read them: case-insensitively and with or
 * without the CAP_ prefix (`all`, `CAP_SYS_ADMIN`). PodSecurityContext has no capabilities, so nothing
 * is inherited from the pod. A `capabilities`, `drop` or `add` that is not a mapping / list, or an item
 * that is not a string (an unresolved alias), cannot be decided when it matters: evaluation unknown.
 *
 * Where findings are shown (up to two per container, one per problem):
 * - added capabilities: the first offending item of `add` (a dangerous one first);
 * - ALL not dropped: the `drop` key when present, else the `capabilities` key, else the
 *   `securityContext` key, else the container's `name: x` entry.
 *
 * Fix (catalog autofix.safe: false → review), for the missing drop only: set capabilities.drop to
 * ["ALL"], creating securityContext / capabilities when missing, in the container's style. An existing
 * drop list is replaced (ALL covers every item). Added capabilities are never removed by a fix: which
 * ones the process needs is a human decision. Not offered when the securityContext or capabilities
 * is reached through an alias.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import { entry, get, scalarString, type YNode, type YSeq } from '../../model/kubernetes/yaml';
import { containsSpan, type Span } from '../../model/span';
import type { K8sContainer } from '../../model/kubernetes/types';
import { defineKubernetesRule } from '../define-rule';
import { containerAnchor, distinctContainers, isUnset, objectLabel, readPath, securityContextEditable, type Reader, type Setting } from './containers';

const DANGEROUS = new Set(['SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'SYS_PTRACE', 'SYS_MODULE', 'ALL']);
const ALLOWED_ADD = 'NET_BIND_SERVICE';

const readList: Reader<YSeq> = { expected: 'a list', read: (node) => (node.kind === 'seq' ? node : undefined) };

/** `sys_admin`, `CAP_SYS_ADMIN` → `SYS_ADMIN`; undefined for an item that is not a string. */
function capabilityName(item: YNode): string | undefined {
  const raw = item.kind === 'scalar' ? scalarString(item) : undefined;
  return raw === undefined ? undefined : raw.toUpperCase().replace(/^CAP_/, '');
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

interface Items {
  readonly items: readonly { readonly name: string | undefined; readonly raw: string; readonly span: Span }[];
  readonly unknown?: { readonly span: Span; readonly reason: string };
}

function itemsOf(setting: Setting<YSeq>, path: string): Items {
  if (setting.state === 'absent') return { items: [] };
  if (setting.state === 'unknown') return { items: [], unknown: { span: setting.span, reason: setting.reason } };
  const items = setting.value.items.map((item) => ({ name: capabilityName(item), raw: item.kind === 'scalar' ? item.raw : '', span: item.span }));
  const odd = items.find((i) => i.name === undefined);
  return odd === undefined ? { items } : { items, unknown: { span: odd.span, reason: `${path} has an item that is not a capability name` } };
}

/** The fix may write into securityContext.capabilities: both are missing, null, or maps written on the container itself. */
function capabilitiesEditable(container: K8sContainer): boolean {
  if (!securityContextEditable(container)) return false;
  const caps = entry(get(container.node, 'securityContext'), 'capabilities');
  if (caps === undefined || isUnset(caps.value)) return true;
  return caps.value!.kind === 'map' && containsSpan(caps.span, caps.value!.span);
}

function dropAnchor(container: K8sContainer): Span {
  const caps = entry(get(container.node, 'securityContext'), 'capabilities');
  const drop = entry(caps?.value, 'drop');
  if (drop !== undefined) return drop.keySpan;
  if (caps !== undefined) return caps.keySpan;
  return containerAnchor(container, 'securityContext');
}

export default defineKubernetesRule({
  id: 'k8s-drop-all-capabilities',
  kinds: WORKLOAD_KINDS,
  messages: {
    notDropped: 'Container "{container}" of {object} does not drop ALL capabilities, so it keeps the runtime defaults (NET_RAW, CHOWN, SETUID, …) that aid spoofing and container breakout.',
    added: 'Container "{container}" of {object} adds {capabilities}; only NET_BIND_SERVICE may be added back after dropping ALL.',
    addedDangerous: 'Container "{container}" of {object} adds {capabilities}; only NET_BIND_SERVICE may be added back, and {dangerous} can let a compromised process spoof traffic, trace other processes or take over the node.',
  },
  fixes: {
    dropAll: { title: 'Set securityContext.capabilities.drop: ["ALL"] (a process that needs a capability, e.g. to bind ports below 1024, must add it back)', safety: 'review' },
  },
  check(object, ctx) {
    for (const container of distinctContainers(object)) {
      const data = { container: container.name, object: objectLabel(object) };
      const add = itemsOf(readPath(container.node, ['securityContext', 'capabilities', 'add'], readList), 'capabilities.add');
      const drop = itemsOf(readPath(container.node, ['securityContext', 'capabilities', 'drop'], readList), 'capabilities.drop');
      const extra = add.items.filter((i) => i.name !== undefined && i.name !== ALLOWED_ADD);
      const dangerous = extra.filter((i) => DANGEROUS.has(i.name!));
      if (extra.length > 0) {
        const names = (items: typeof extra): string => list([...new Set(items.map((i) => i.raw))]);
        const ordered = [...dangerous, ...extra.filter((i) => !DANGEROUS.has(i.name!))];
        ctx.report({
          messageId: dangerous.length > 0 ? 'addedDangerous' : 'added',
          at: ordered[0]!.span,
          data: { ...data, capabilities: names(ordered), dangerous: names(dangerous) },
        });
      } else if (add.unknown !== undefined) {
        ctx.cannotDetermine(add.unknown.span, `container "${container.name}": ${add.unknown.reason}`);
      }

      if (drop.items.some((i) => i.name === 'ALL')) continue;
      if (drop.unknown !== undefined) {
        ctx.cannotDetermine(drop.unknown.span, `container "${container.name}": ${drop.unknown.reason}`);
        continue;
      }
      const fix = capabilitiesEditable(container)
        ? { fix: { fixId: 'dropAll' as const, edits: [setMapKey(object.uri, ctx.text, container.node, 'securityContext', { capabilities: { drop: '["ALL"]' } })] } }
        : {};
      ctx.report({ messageId: 'notDropped', at: dropAnchor(container), data, ...fix });
    }
  },
});
