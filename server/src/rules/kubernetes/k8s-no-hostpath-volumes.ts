/**
 * k8s-no-hostpath-volumes: no volume of the pod spec may be a hostPath volume (catalog `fail_if_any`
 * podSpec.volumes[*].hostPath `exists`). One finding per hostPath volume.
 *
 * Severity: the catalog severity (high), raised to critical (`severity_escalation`) when the path is
 * /, /etc, /var/run/docker.sock, /run/containerd, /var/lib/kubelet, /proc or /root. Paths are
 * normalised (duplicate and trailing slashes; /var/run is the same directory as /run). A directory
 * above one of those paths (/var, /run: they contain the kubelet's credentials and the runtime
 * sockets) is critical too, and so is a path below /run/containerd, /var/lib/kubelet, /proc or /root.
 * A path below /etc is not escalated (/etc/ssl/certs is a routine read-only mount for CA bundles).
 *
 * Exemptions (catalog `exempt_if`):
 * - objects in the kube-system namespace (there is no setting for other system namespaces yet);
 * - /var/log (or a path below it) when every volumeMount of the volume, in every container, is
 *   readOnly: true (log shippers); a volume that no container mounts is exempt too.
 * A path that is not a literal string cannot be decided when the /var/log exemption could apply
 * (all mounts read-only): evaluation unknown. Otherwise such a volume is reported (the hostPath
 * itself is the violation) at high severity.
 *
 * Beyond the catalog's workload kinds, a PersistentVolume with `spec.hostPath` is reported too (same
 * severities): any pod that claims it through a PersistentVolumeClaim mounts that node directory, a
 * route Pod Security admission does not check, and the data stays on one node outside the storage
 * class's encryption and backups. PersistentVolumes are cluster-scoped: their metadata.namespace means
 * nothing to Kubernetes, so the kube-system exemption applies only to one pre-bound to a claim in
 * kube-system (`spec.claimRef.namespace`); the /var/log exemption does not apply (how a claiming pod
 * mounts the volume is not known from the PersistentVolume).
 *
 * Where findings are shown: the `path: x` entry of the hostPath, else its `hostPath` key.
 *
 * No fix (catalog autofix: manual): replacing hostPath with an emptyDir, a PVC or a CSI volume is a
 * storage redesign.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { asBoolean, entry, get, scalarString, type YEntry, type YMap } from '../../model/kubernetes/yaml';
import type { Span } from '../../model/span';
import type { K8sObject } from '../../model/kubernetes/types';
import { defineKubernetesRule } from '../define-rule';
import { distinctContainers, isUnset, objectLabel, tightEntrySpan } from './containers';

const CRITICAL = ['/', '/etc', '/run/docker.sock', '/run/containerd', '/var/lib/kubelet', '/proc', '/root'];
/** Directories whose every sub-path is as sensitive as the directory (not /etc: /etc/ssl/certs is a routine read-only mount). */
const CRITICAL_TREES = ['/run/containerd', '/var/lib/kubelet', '/proc', '/root'];

/** `/var/run//docker.sock/` → `/run/docker.sock`. */
export function normaliseHostPath(path: string): string {
  let p = path.replace(/\/+/g, '/');
  if (p.length > 1) p = p.replace(/\/$/, '');
  if (p === '/var/run' || p.startsWith('/var/run/')) p = p.slice('/var'.length);
  return p;
}

function within(path: string, dir: string): boolean {
  return dir === '/' ? path === '/' : path === dir || path.startsWith(`${dir}/`);
}

export function isCriticalHostPath(path: string): boolean {
  const p = normaliseHostPath(path);
  // The path itself, a directory above a critical one (mounting it exposes the critical one), or one below a critical tree.
  return CRITICAL.some((c) => within(c, p)) || CRITICAL_TREES.some((c) => within(p, c));
}

/** True when every volumeMount of the volume (there may be none) is readOnly: true; undefined when a readOnly value is not a boolean. */
function mountedReadOnly(object: K8sObject, volume: string): boolean | undefined {
  let unknown = false;
  for (const container of distinctContainers(object)) {
    const mounts = get(container.node, 'volumeMounts');
    if (mounts?.kind !== 'seq') continue;
    for (const mount of mounts.items) {
      if (scalarString(get(mount, 'name')) !== volume) continue;
      const readOnly = get(mount, 'readOnly');
      const value = readOnly === undefined ? false : asBoolean(readOnly);
      if (value === undefined) unknown = true;
      else if (!value) return false;
    }
  }
  return unknown ? undefined : true;
}

/** A hostPath's `path:` entry (or its `hostPath` key when there is none) and its literal value. */
function hostPathTarget(hostPath: YEntry): { at: Span; path: string | undefined; shown: string } {
  const pathEntry = entry(hostPath.value, 'path');
  const path = pathEntry?.value?.kind === 'scalar' ? scalarString(pathEntry.value) : undefined;
  const at = pathEntry !== undefined ? tightEntrySpan(pathEntry) : hostPath.keySpan;
  return { at, path, shown: path ?? (pathEntry === undefined ? '(no path)' : '(not a literal path)') };
}

const PERSISTENT_VOLUME = 'PersistentVolume';

export default defineKubernetesRule({
  id: 'k8s-no-hostpath-volumes',
  kinds: [...WORKLOAD_KINDS, PERSISTENT_VOLUME],
  messages: {
    hostPath: 'Volume "{volume}" of {object} mounts the node path {path} (hostPath), giving its containers direct access to node files and other pods\' data.',
    critical: 'Volume "{volume}" of {object} mounts the node path {path} (hostPath), which exposes the node\'s root filesystem, configuration, kubelet credentials or container runtime socket.',
    persistentVolume: '{object} is backed by the node path {path} (hostPath): every pod that claims it gets direct access to node files, unchecked by Pod Security admission, and its data stays on one node outside your storage class\'s encryption and backups.',
    persistentVolumeCritical: '{object} is backed by the node path {path} (hostPath): every pod that claims it gets the node\'s root filesystem, configuration, kubelet credentials or container runtime socket, unchecked by Pod Security admission.',
  },
  fixes: {},
  check(object, ctx) {
    if (object.kind === PERSISTENT_VOLUME) {
      const spec = get(object.root, 'spec');
      const hostPath = entry(spec, 'hostPath');
      if (hostPath === undefined || isUnset(hostPath.value)) return;
      if (scalarString(get(get(spec, 'claimRef'), 'namespace')) === 'kube-system') return;
      const { at, path, shown } = hostPathTarget(hostPath);
      const data = { object: objectLabel(object), path: shown };
      if (path !== undefined && isCriticalHostPath(path)) ctx.report({ messageId: 'persistentVolumeCritical', at, data, severity: 'critical' });
      else ctx.report({ messageId: 'persistentVolume', at, data });
      return;
    }
    if (object.namespace === 'kube-system') return;
    const volumes = get(object.podSpec, 'volumes');
    if (volumes === undefined) return;
    if (volumes.kind !== 'seq') {
      if (volumes.kind !== 'scalar' || volumes.value !== null) ctx.cannotDetermine(entry(object.podSpec, 'volumes')!.keySpan, 'volumes is not a list');
      return;
    }
    const seen = new Set<YMap>();
    for (const volume of volumes.items) {
      if (volume.kind !== 'map' || seen.has(volume)) continue;
      seen.add(volume);
      const hostPath = entry(volume, 'hostPath');
      if (hostPath === undefined) continue;
      const name = scalarString(get(volume, 'name')) ?? '(unnamed)';
      const { at, path, shown } = hostPathTarget(hostPath);
      const data = { volume: name, object: objectLabel(object), path: shown };
      if (path === undefined) {
        if (mountedReadOnly(object, name) !== false) {
          ctx.cannotDetermine(at, `volume "${name}": hostPath.path is not a literal string`);
          continue;
        }
        ctx.report({ messageId: 'hostPath', at, data });
        continue;
      }
      const normalised = normaliseHostPath(path);
      if (within(normalised, '/var/log')) {
        const readOnly = mountedReadOnly(object, name);
        if (readOnly === true) continue;
        if (readOnly === undefined) {
          ctx.cannotDetermine(at, `volume "${name}": a volumeMount's readOnly is not a YAML boolean`);
          continue;
        }
      }
      if (isCriticalHostPath(path)) ctx.report({ messageId: 'critical', at, data, severity: 'critical' });
      else ctx.report({ messageId: 'hostPath', at, data });
    }
  },
});
