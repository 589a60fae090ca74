import type { K8sContainer, K8sObject } from '../../model/kubernetes/types';
import { asBoolean, entry, get, type YNode } from '../../model/kubernetes/yaml';

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
