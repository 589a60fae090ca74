import type { K8sContainer, K8sObject } from '../../model/kubernetes/types';
import { asBoolean, asNumber, entry, get, type YEntry, type YMap, type YNode } from '../../model/kubernetes/yaml';
import { containsSpan, type Span } from '../../model/span';
import { isYamlPlaceholder } from '../../fixes/yaml-user-values';

/** `securityContext.<key>` of a container, as an entry (with spans) when present. */
export function containerSecurityField(container: K8sContainer, key: string) {
  return entry(get(container.node, 'securityContext'), key);
}

/** `securityContext.<key>` of the pod spec. */
export function podSecurityField(object: K8sObject, key: string) {
  return entry(get(object.podSpec, 'securityContext'), key);
}

export function isTrue(node: YNode | undefined): boolean {
  return asBoolean(node) === true;
}

export function objectLabel(object: K8sObject): string {
  return `${object.kind} "${object.name ?? '(unnamed)'}"`;
}

/**
 * The containers of an object, each node once: an item written as an alias (`- *web`) is the same
 * node as its anchor and would otherwise be reported (and fixed) twice.
 */
export function distinctContainers(object: K8sObject): K8sContainer[] {
  const seen = new Set<YMap>();
  return object.containers.filter((c) => {
    if (seen.has(c.node)) return false;
    seen.add(c.node);
    return true;
  });
}

/** True for a value that Kubernetes reads as unset: no value (`key:`), `null` or `~`. */
export function isUnset(node: YNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null && !node.quoted);
}

/**
 * A setting as written in a manifest:
 * - `absent`: the key (or the map that would hold it) is missing or null;
 * - `set`: a literal of the expected type; `span` is the entry (`key: value`);
 * - `unknown`: present, but not a literal of that type (a quoted string, a placeholder, an unresolved
 *   alias), or its parent is not a mapping. Kubernetes would reject it or a templating step replaces
 *   it, so rules record `cannotDetermine(span, reason)`.
 */
export type Setting<T> =
  | { readonly state: 'absent' }
  | { readonly state: 'set'; readonly value: T; readonly span: Span; readonly raw: string }
  | { readonly state: 'unknown'; readonly span: Span; readonly reason: string };

export interface Reader<T> {
  /** What a literal looks like, for the `unknown` reason: "a YAML boolean". */
  readonly expected: string;
  read(node: YNode): T | undefined;
}

/** Booleans as Kubernetes reads them (YAML 1.1 yes/no/on/off included; quoted strings never are booleans). */
export const readBoolean: Reader<boolean> = { expected: 'a YAML boolean', read: (node) => asBoolean(node) };

/** Any value that is not null: the catalog's `exists`. */
export const readAny: Reader<YNode> = { expected: 'a value', read: (node) => node };

/**
 * True for a scalar holding a placeholder a fix wrote for a value only the user can choose
 * (`<memory-limit>`, see fixes/yaml-user-values.ts), not replaced yet: rules read it as undecided.
 */
export function isPlaceholder(node: YNode | undefined): boolean {
  return node?.kind === 'scalar' && node.value !== null && isYamlPlaceholder(node.raw);
}

/** Any value that is not null and not a placeholder still to be filled in (`exists`, for fields fixes write placeholders to). */
export const readChosen: Reader<YNode> = { expected: 'a chosen value (it is a placeholder to fill in)', read: (node) => (isPlaceholder(node) ? undefined : node) };

/** The first placeholder still to be filled in under `node` (a probe a fix wrote), in document order. */
export function findPlaceholder(node: YNode | undefined, depth = 0): YNode | undefined {
  if (node === undefined || depth > 32) return undefined;
  if (node.kind === 'scalar') return isPlaceholder(node) ? node : undefined;
  const children = node.kind === 'map' ? node.entries.map((e) => e.value) : node.kind === 'seq' ? node.items : [];
  for (const child of children) {
    const found = findPlaceholder(child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Integers (runAsUser, runAsGroup, …); floats and strings are not literals of this type. */
export const readInteger: Reader<number> = {
  expected: 'an integer',
  read: (node) => {
    const n = asNumber(node);
    return n !== undefined && Number.isInteger(n) ? n : undefined;
  },
};

/**
 * The value at a path of map keys under `node` (e.g. ['securityContext', 'runAsUser']): absent when a
 * key on the way is missing or null, unknown when a step is not a mapping or the value is not a literal.
 */
export function readPath<T>(node: YNode | undefined, path: readonly string[], reader: Reader<T>): Setting<T> {
  let current = node;
  let e: YEntry | undefined;
  for (let i = 0; i < path.length; i++) {
    if (isUnset(current)) return { state: 'absent' };
    if (current!.kind !== 'map') {
      return { state: 'unknown', span: e !== undefined ? tightEntrySpan(e) : current!.span, reason: `${path.slice(0, i).join('.')} is ${rawOf(current!)}, not a mapping` };
    }
    e = entry(current, path[i]!);
    if (e === undefined) return { state: 'absent' };
    current = e.value;
  }
  if (e === undefined || isUnset(current)) return { state: 'absent' };
  const value = reader.read(current!);
  const span = tightEntrySpan(e);
  const raw = rawOf(current!);
  return value === undefined ? { state: 'unknown', span, reason: `${path.join('.')} is ${raw}, not ${reader.expected}` } : { state: 'set', value, span, raw };
}

/** `securityContext.<key>` of a container. */
export function containerSecuritySetting<T>(container: K8sContainer, key: string, reader: Reader<T>): Setting<T> {
  return readPath(container.node, ['securityContext', key], reader);
}

/** `securityContext.<key>` of the pod spec (the PodSecurityContext). */
export function podSecuritySetting<T>(object: K8sObject, key: string, reader: Reader<T>): Setting<T> {
  return readPath(object.podSpec, ['securityContext', key], reader);
}

/**
 * The value Kubernetes applies to a container for a field that both SecurityContext and
 * PodSecurityContext carry (runAsUser, runAsNonRoot, runAsGroup, seLinuxOptions, seccompProfile, …):
 * the container's own setting when present (even if unknown), else the pod's.
 */
export function effectiveSecuritySetting<T>(object: K8sObject, container: K8sContainer, key: string, reader: Reader<T>): Setting<T> & { readonly from: 'container' | 'pod' } {
  const own = containerSecuritySetting(container, key, reader);
  if (own.state !== 'absent') return { ...own, from: 'container' };
  return { ...podSecuritySetting(object, key, reader), from: 'pod' };
}

/**
 * Where a container-level finding is shown when no single entry decides it (one convention for every
 * container rule): the key of `section` (e.g. `securityContext`, `resources`) when the container has
 * it, else the container's `name: x` entry, else the whole item (an unnamed container).
 */
export function containerAnchor(container: K8sContainer, section?: string): Span {
  const own = section === undefined ? undefined : entry(container.node, section);
  if (own !== undefined) return own.keySpan;
  const name = entry(container.node, 'name');
  return name !== undefined ? tightEntrySpan(name) : container.span;
}

/** `key: value` without the comments the grammar may count into a pair; just the key when the value is not local. */
export function tightEntrySpan(e: YEntry): Span {
  const v = e.value;
  if (v === undefined) return e.span;
  if (v.kind === 'scalar' && containsSpan(e.span, v.span)) return { start: e.keySpan.start, end: v.span.end };
  return e.keySpan;
}

/**
 * True when a fix may write into the container's `securityContext`: it is missing, null, or a map
 * written on the container itself. Not when it is reached through an alias (editing the anchor would
 * change every user of it) or is not a map.
 */
export function securityContextEditable(container: K8sContainer): boolean {
  const sc = entry(container.node, 'securityContext');
  if (sc === undefined || isUnset(sc.value)) return true;
  return sc.value!.kind === 'map' && containsSpan(sc.span, sc.value!.span);
}

function rawOf(node: YNode): string {
  if (node.kind === 'scalar') return node.quoted ? JSON.stringify(node.raw) : node.raw;
  return node.kind === 'opaque' ? 'an alias or tagged value' : `a ${node.kind === 'map' ? 'mapping' : 'sequence'}`;
}

/**
 * True when a fix may write at `path` under `map` (e.g. ['securityContext', 'seccompProfile']) with
 * setMapKey: every mapping on the way is missing, null, or written in place. Not when one is reached
 * through an alias (editing the anchor would change every user of it) or is not a mapping.
 */
export function mapPathEditable(map: YMap, path: readonly string[]): boolean {
  let current: YNode | undefined = map;
  for (const key of path) {
    if (isUnset(current)) return true;
    if (current!.kind !== 'map') return false;
    const e = entry(current, key);
    if (e === undefined || isUnset(e.value)) return true;
    if (e.value!.kind !== 'map' || !containsSpan(e.span, e.value!.span)) return false;
    current = e.value;
  }
  return true;
}

/** True when the object's pod spec is a mapping written in place (not reached through an alias), so fixes may edit it. */
export function podSpecEditable(object: K8sObject): boolean {
  return object.podSpec !== undefined && object.podSpecEntry !== undefined && containsSpan(object.podSpecEntry.span, object.podSpec.span);
}
