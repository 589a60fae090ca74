import type { Span } from '../span';
import type { YComment, YEntry, YMap } from './yaml';

/** A container of a pod spec, from `containers`, `initContainers` or `ephemeralContainers`. */
export interface K8sContainer {
  readonly name: string;
  readonly group: 'containers' | 'initContainers' | 'ephemeralContainers';
  readonly node: YMap;
  /** The `- name: x` item: where container-level findings are shown. */
  readonly span: Span;
}

/** One Kubernetes object of a YAML stream (a document, or an item of `kind: List`). */
export interface K8sObject {
  readonly uri: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly root: YMap;
  /** The `kind: X` entry: where object-level findings are shown. */
  readonly headerSpan: Span;
  readonly span: Span;
  /** The resolved pod spec for workload kinds (Pod, Deployment, …, CronJob). */
  readonly podSpec: YMap | undefined;
  /** The entry whose value is the pod spec (e.g. `spec:` under `template:`), for insertion fixes. */
  readonly podSpecEntry: YEntry | undefined;
  /** The pod template's metadata (or the Pod's own), for annotations on the pod. */
  readonly podMetadata: YMap | undefined;
  readonly containers: readonly K8sContainer[];
  readonly hasErrors: boolean;
}

export interface K8sFile {
  readonly uri: string;
  readonly objects: readonly K8sObject[];
  readonly comments: readonly YComment[];
  /** True when at least one document carries apiVersion and kind at its root. */
  readonly isKubernetes: boolean;
  readonly hasErrors: boolean;
}
