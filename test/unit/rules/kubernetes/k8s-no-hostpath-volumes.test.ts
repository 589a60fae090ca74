import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-no-hostpath-volumes';
import { isCriticalHostPath } from '../../../../server/src/rules/kubernetes/k8s-no-hostpath-volumes';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment with a `logs` volume mount and the given volumes. */
const deployment = (volumes: string, mount = '            - {name: logs, mountPath: /logs}\n', namespace = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shipper\n${namespace}spec:\n  template:\n    spec:\n      containers:\n        - name: shipper\n          image: shipper:1.2.3\n          volumeMounts:\n${mount}      volumes:\n${volumes}`;

const cronJob = (volume: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          initContainers:\n          - {name: init, image: "busybox:1.36", volumeMounts: [{name: data, mountPath: /data}]}\n          containers:\n          - name: backup\n            image: backup:2.0.1\n          volumes:\n          - ${volume}\n`;

const persistentVolume = (source: string): string =>
  `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-001\nspec:\n  capacity:\n    storage: 10Gi\n  accessModes:\n    - ReadWriteOnce\n${source}`;

runRuleCases(rule, {
  valid: [
    { name: 'emptyDir and PVC volumes', code: deployment('        - name: logs\n          emptyDir: {}\n        - name: data\n          persistentVolumeClaim: {claimName: data}\n') },
    { name: 'kube-system is exempt', code: deployment('        - name: logs\n          hostPath: {path: /var/lib/docker/containers}\n', undefined, '  namespace: kube-system\n') },
    {
      name: '/var/log mounted read-only by every container (log shipper exemption)',
      code: deployment('        - name: logs\n          hostPath:\n            path: /var/log/\n            type: Directory\n', '            - name: logs\n              mountPath: /logs\n              readOnly: true\n'),
    },
    { name: 'CronJob with a flow-style emptyDir', code: cronJob('{name: data, emptyDir: {}}') },
    {
      name: 'a path that is not a literal, mounted read-only: the /var/log exemption may apply, undecided',
      code: deployment('        - name: logs\n          hostPath: {path: *unknown}\n', '            - {name: logs, mountPath: /logs, readOnly: true}\n'),
    },
    {
      name: 'a PersistentVolume pre-bound to a claim in kube-system (its metadata.namespace would mean nothing)',
      code: persistentVolume('  claimRef:\n    namespace: kube-system\n    name: etcd-backup\n  hostPath:\n    path: /var/lib/etcd-backup\n'),
    },
    { name: 'a PersistentVolume on a local disk or NFS, not hostPath', code: persistentVolume('  local:\n    path: /mnt/disks/ssd1\n') + '---\n' + persistentVolume('  nfs:\n    server: nfs.example-health.org\n    path: /exports/phi\n') },
  ],
  invalid: [
    {
      name: 'a hostPath volume: finding on its path, severity high',
      code: deployment('        - name: logs\n          hostPath:\n            «path: /srv/app-data»\n'),
      findings: [{ messageId: 'hostPath', severity: 'high' }],
    },
    {
      name: 'the docker socket (through /var/run) is critical',
      code: deployment('        - name: logs\n          hostPath: {«path: /var/run/docker.sock», type: Socket}\n'),
      findings: [{ messageId: 'critical', severity: 'critical' }],
    },
    {
      name: '/var/log mounted read-write is not exempt',
      code: deployment('        - name: logs\n          hostPath:\n            «path: /var/log»\n', '            - name: logs\n              mountPath: /logs\n              readOnly: false\n'),
      findings: [{ messageId: 'hostPath', severity: 'high' }],
    },
    {
      name: 'CronJob: the node root filesystem, mounted by an initContainer',
      code: cronJob('{name: data, hostPath: {«path: /»}}'),
      findings: [{ messageId: 'critical', severity: 'critical' }],
    },
    {
      name: 'a PersistentVolume backed by a node directory: any pod claiming it mounts the node path',
      code: persistentVolume('  hostPath:\n    «path: /mnt/models/my_model»\n'),
      findings: [{ messageId: 'persistentVolume', severity: 'high' }],
    },
    {
      name: 'a PersistentVolume "in" kube-system by metadata only: cluster-scoped, so any namespace can claim it',
      code: persistentVolume('  hostPath:\n    «path: "/sys"»\n').replace('  name: pv-001\n', '  name: pv-001\n  namespace: kube-system\n'),
      findings: [{ messageId: 'persistentVolume', severity: 'high' }],
    },
    {
      name: 'a PersistentVolume backed by the node root filesystem is critical',
      code: persistentVolume('  hostPath:\n    «path: "/"»\n    type: Directory\n'),
      findings: [{ messageId: 'persistentVolumeCritical', severity: 'critical' }],
    },
    {
      name: 'hostPath without a path: finding on the hostPath key',
      code: deployment('        - name: logs\n          «hostPath»: {}\n'),
      findings: [{ messageId: 'hostPath' }],
    },
    {
      name: 'multi-document stream: a Pod in the default namespace and a DaemonSet mounting /var (above the kubelet directory)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec:\n  containers: [{name: a, image: "a:1"}]\n  volumes: [{name: etc, hostPath: {«path: /etc»}}]\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\n  namespace: monitoring\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: "a:1"}]\n      volumes:\n      - name: var\n        hostPath:\n          «path: /var»\n',
      findings: [{ messageId: 'critical', severity: 'critical' }, { messageId: 'critical', severity: 'critical' }],
    },
  ],
});

describe('rule k8s-no-hostpath-volumes: critical paths and evaluations', () => {
  it('escalates the catalog paths, the directories above them and the trees below the runtime and kubelet directories', () => {
    const critical = ['/', '/etc', '/etc/', '/var/run/docker.sock', '/run//docker.sock', '/run/containerd/containerd.sock', '/var/run/containerd', '/var/lib/kubelet/pods', '/proc', '/proc/1', '/root/.ssh', '/var', '/run', '/var/lib'];
    const high = ['/etc/ssl/certs', '/var/log', '/var/lib/docker/containers', '/sys', '/tmp/x', '/home/app', '/rootfs', '/procfs'];
    assert.deepEqual(critical.filter((p) => !isCriticalHostPath(p)), []);
    assert.deepEqual(high.filter((p) => isCriticalHostPath(p)), []);
  });
  it('one finding per volume, with the volume name and path in the message; no fix', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('        - name: logs\n          hostPath: {path: /srv/a}\n        - name: cache\n          hostPath: {path: /proc}\n') }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.findings.map((f) => [f.message.replace(/ \(HIPAA.*$/, ''), f.fix]),
      [
        ['Volume "logs" of Deployment "shipper" mounts the node path /srv/a (hostPath), giving its containers direct access to node files and other pods\' data.', undefined],
        ['Volume "cache" of Deployment "shipper" mounts the node path /proc (hostPath), which exposes the node\'s root filesystem, configuration, kubelet credentials or container runtime socket.', undefined],
      ],
    );
  });
  it('an unreadable path with a read-only mount is recorded as unknown', async () => {
    const code = deployment('        - name: logs\n          hostPath: {path: *unknown}\n', '            - {name: logs, mountPath: /logs, readOnly: true}\n');
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'volume "logs": hostPath.path is not a literal string']]);
  });
});
