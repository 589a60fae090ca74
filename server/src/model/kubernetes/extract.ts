import type { Tree } from 'web-tree-sitter';
import type { K8sContainer, K8sFile, K8sObject } from './types';
import { entry, extractYaml, get, scalarString, type YComment, type YEntry, type YMap, type YNode } from './yaml';

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

/**
 * What one piece of a YAML stream (or the whole stream) holds, offsets into the file's text: its
 * documents' roots (kept so that a moved copy can be made, see incremental.ts), the objects found
 * in them and its comments.
 */
export interface KubernetesPiece {
  readonly documents: readonly KubernetesDocument[];
  readonly objects: readonly K8sObject[];
  readonly comments: readonly YComment[];
  /** Whether a document's root is an object (then the file is Kubernetes, even when that object is an empty List). */
  readonly isKubernetes: boolean;
  readonly hasErrors: boolean;
}

/** A document of a piece: its root, whether it has syntax errors, and the nodes anchors name. */
export interface KubernetesDocument {
  readonly root: YNode | undefined;
  readonly hasErrors: boolean;
  readonly anchored: readonly YNode[];
}

/** YAML stream → Kubernetes objects. A document is an object when its root has scalar apiVersion and kind. */
export function extractKubernetes(uri: string, tree: Tree, text: string): K8sFile {
  return kubernetesFile(uri, [extractKubernetesPiece(uri, tree, text)]);
}

/** The file made of its pieces, in order. */
export function kubernetesFile(uri: string, pieces: readonly KubernetesPiece[]): K8sFile {
  return {
    uri,
    objects: pieces.length === 1 ? pieces[0]!.objects : pieces.flatMap((p) => p.objects),
    comments: pieces.length === 1 ? pieces[0]!.comments : pieces.flatMap((p) => p.comments),
    isKubernetes: pieces.some((p) => p.isKubernetes),
    hasErrors: pieces.some((p) => p.hasErrors),
  };
}

/**
 * The documents, objects and comments of a tree of `text`, or of `[offset, end)` of it when the
 * tree is of that piece alone (its offsets relative to `offset`; see parsing/yaml-stream.ts).
 */
export function extractKubernetesPiece(uri: string, tree: Tree, text: string, offset = 0, end = text.length): KubernetesPiece {
  const { documents, comments } = extractYaml(tree, text, offset, end);
  const kept = documents.map(({ root, hasErrors, anchored }): KubernetesDocument => ({ root, hasErrors, anchored }));
  // The root itself is an ERROR (not a stream) when recovery failed at the top: no document is left to carry the flag.
  return {
    documents: kept,
    objects: objectsOf(uri, kept),
    comments,
    isKubernetes: kept.some((d) => d.root?.kind === 'map' && header(d.root) !== undefined),
    hasErrors: tree.rootNode.hasError || documents.some((d) => d.hasErrors),
  };
}

/** The Kubernetes objects of documents: each root with scalar apiVersion and kind, and the items of a `kind: …List`. */
export function objectsOf(uri: string, documents: readonly KubernetesDocument[]): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of documents) {
    const root = doc.root;
    if (root?.kind !== 'map') continue;
    const object = toObject(uri, root, doc.hasErrors);
    if (object === undefined) continue;
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
  return objects;
}

/** The scalar apiVersion and kind of a root, and the `kind` entry. */
function header(root: YMap): { apiVersion: string; kind: string; kindEntry: YEntry } | undefined {
  const apiVersion = scalarString(get(root, 'apiVersion'));
  const kindEntry = entry(root, 'kind');
  const kind = scalarString(kindEntry?.value);
  if (apiVersion === undefined || kind === undefined || kindEntry === undefined) return undefined;
  return { apiVersion, kind, kindEntry };
}

function toObject(uri: string, root: YMap, hasErrors: boolean): K8sObject | undefined {
  const found = header(root);
  if (found === undefined) return undefined;
  const { apiVersion, kind, kindEntry } = found;
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
