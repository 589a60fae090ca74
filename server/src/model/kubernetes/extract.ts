import type { Tree } from 'web-tree-sitter';
import type { K8sContainer, K8sFile, K8sObject } from './types';
import { entry, extractYaml, get, scalarString, type YEntry, type YMap, type YNode } from './yaml';

/** Where the pod spec lives for each workload kind; every other workload kind uses spec.template.spec. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);

const CONTAINER_GROUPS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** YAML stream → Kubernetes objects. A document is an object when its root has scalar apiVersion and kind. */
export function extractKubernetes(uri: string, tree: Tree, text: string): K8sFile {
  const { documents, comments } = extractYaml(tree, text);
  const objects: K8sObject[] = [];
  let isKubernetes = false;
  for (const doc of documents) {
    const root = doc.root;
    if (root?.kind !== 'map') continue;
    const object = toObject(uri, root, doc.hasErrors);
    if (object === undefined) continue;
    isKubernetes = true;
    if (object.kind === 'List' || object.kind.endsWith('List')) {
      const items = get(root, 'items');
      if (items?.kind === 'seq') {
        for (const item of items.items) {
          if (item.kind !== 'map') continue;
          const inner = toObject(uri, item, doc.hasErrors);
          if (inner !== undefined) objects.push(inner);
        }
      }
    } else {
      objects.push(object);
    }
  }
  // The root itself is an ERROR (not a stream) when recovery failed at the top: no document is left to carry the flag.
  return { uri, objects, comments, isKubernetes, hasErrors: tree.rootNode.hasError || documents.some((d) => d.hasErrors) };
}

function toObject(uri: string, root: YMap, hasErrors: boolean): K8sObject | undefined {
  const apiVersion = scalarString(get(root, 'apiVersion'));
  const kindEntry = entry(root, 'kind');
  const kind = scalarString(kindEntry?.value);
  if (apiVersion === undefined || kind === undefined || kindEntry === undefined) return undefined;
  const metadata = get(root, 'metadata');
  const path = POD_SPEC_PATHS[kind];
  let podSpecEntry: YEntry | undefined;
  let podMetadata: YMap | undefined;
  if (path !== undefined) {
    let parent: YNode | undefined = root;
    for (let i = 0; i < path.length; i++) {
      const e = entry(parent, path[i]!);
      if (i === path.length - 1) podSpecEntry = e;
      if (i === path.length - 2 && kind !== 'Pod') {
        const m = get(e?.value, 'metadata');
        if (m?.kind === 'map') podMetadata = m;
      }
      parent = e?.value;
    }
    if (kind === 'Pod' && metadata?.kind === 'map') podMetadata = metadata;
  }
  const podSpec = podSpecEntry?.value?.kind === 'map' ? podSpecEntry.value : undefined;
  const containers: K8sContainer[] = [];
  for (const group of CONTAINER_GROUPS) {
    const list = get(podSpec, group);
    if (list?.kind !== 'seq') continue;
    for (const item of list.items) {
      if (item.kind !== 'map') continue;
      containers.push({ name: scalarString(get(item, 'name')) ?? '(unnamed)', group, node: item, span: item.span });
    }
  }
  return {
    uri,
    apiVersion,
    kind,
    name: scalarString(get(metadata, 'name')),
    namespace: scalarString(get(metadata, 'namespace')),
    root,
    headerSpan: kindEntry.span,
    span: root.span,
    podSpec,
    podSpecEntry,
    podMetadata,
    containers,
    hasErrors,
  };
}
