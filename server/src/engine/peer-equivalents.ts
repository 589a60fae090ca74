import type { Rule } from '../rules/types';
import type { SuppressionOrigin } from './finding';

/**
 * When a peer tool's exception counts as an exception for one of our rules.
 *
 * `groups`: the peer ids that must ALL be named on the same resource (each group lists aliases of one
 * peer check). When the catalog gives a rule several equivalent ids of one tool (CKV_AWS_19 and
 * CKV_AWS_145 for S3 encryption), skipping only some of them leaves the rule in force: the other
 * checks may still report what the rule finds, and a missed PHI exposure costs more than a finding.
 * `messageIds`: the equivalence covers only these findings of the rule (k8s-no-host-pid-ipc: kube-linter's
 * `host-pid` covers the hostPID finding, not the hostIPC one).
 */
export interface PeerEquivalence {
  readonly origin: SuppressionOrigin;
  readonly ruleId: string;
  readonly groups: readonly (readonly string[])[];
  readonly messageIds?: readonly string[];
}

/**
 * Kubernetes linters whose ids the catalog does not carry, read from each project's own check list:
 * stackrox/kube-linter docs/generated/checks.md, zegl/kube-score README_CHECKS.md (plus the deprecated
 * umbrella `container-security-context`, which covers privileged, user/group id and read-only root fs),
 * FairwindsOps/polaris checks/*.yaml. Only checks that test the same field with the same pass condition
 * are mapped; weaker or broader checks are left out (docs/suppressions.md lists them).
 */
export const KUBERNETES_LINTERS: readonly PeerEquivalence[] = [
  { origin: 'kube-linter', ruleId: 'k8s-no-privileged-containers', groups: [['privileged-container']] },
  { origin: 'kube-linter', ruleId: 'k8s-no-privilege-escalation', groups: [['privilege-escalation-container']] },
  { origin: 'kube-linter', ruleId: 'k8s-run-as-non-root', groups: [['run-as-non-root']] },
  { origin: 'kube-linter', ruleId: 'k8s-read-only-root-filesystem', groups: [['no-read-only-root-fs']] },
  { origin: 'kube-linter', ruleId: 'k8s-no-host-network', groups: [['host-network']] },
  { origin: 'kube-linter', ruleId: 'k8s-no-host-pid-ipc', groups: [['host-pid']], messageIds: ['hostPID'] },
  { origin: 'kube-linter', ruleId: 'k8s-no-host-pid-ipc', groups: [['host-ipc']], messageIds: ['hostIPC'] },
  { origin: 'kube-linter', ruleId: 'k8s-resource-limits-set', groups: [['unset-cpu-requirements'], ['unset-memory-requirements']] },
  { origin: 'kube-linter', ruleId: 'k8s-image-pinned-no-latest', groups: [['latest-tag']], messageIds: ['untagged', 'latest'] },
  { origin: 'kube-linter', ruleId: 'k8s-no-secret-literals-in-env', groups: [['env-var-secret']], messageIds: ['env'] },
  { origin: 'kube-linter', ruleId: 'k8s-liveness-readiness-probes', groups: [['no-liveness-probe']], messageIds: ['liveness'] },
  { origin: 'kube-linter', ruleId: 'k8s-liveness-readiness-probes', groups: [['no-readiness-probe']], messageIds: ['readiness'] },
  { origin: 'kube-linter', ruleId: 'k8s-liveness-readiness-probes', groups: [['no-liveness-probe'], ['no-readiness-probe']], messageIds: ['both'] },
  { origin: 'kube-linter', ruleId: 'k8s-service-loadbalancer-restricted', groups: [['exposed-services']] },
  { origin: 'kube-linter', ruleId: 'k8s-no-default-namespace', groups: [['use-namespace']] },
  { origin: 'kube-linter', ruleId: 'k8s-rbac-no-wildcards', groups: [['wildcard-in-rules']] },
  { origin: 'kube-linter', ruleId: 'k8s-no-cluster-admin-binding', groups: [['cluster-admin-role-binding']] },

  { origin: 'kube-score', ruleId: 'k8s-no-privileged-containers', groups: [['container-security-context-privileged', 'container-security-context']] },
  { origin: 'kube-score', ruleId: 'k8s-run-as-non-root', groups: [['container-security-context-user-group-id', 'container-security-context']] },
  { origin: 'kube-score', ruleId: 'k8s-read-only-root-filesystem', groups: [['container-security-context-readonlyrootfilesystem', 'container-security-context']] },
  { origin: 'kube-score', ruleId: 'k8s-resource-limits-set', groups: [['container-resources']] },
  { origin: 'kube-score', ruleId: 'k8s-image-pinned-no-latest', groups: [['container-image-tag']], messageIds: ['untagged', 'latest'] },
  { origin: 'kube-score', ruleId: 'k8s-liveness-readiness-probes', groups: [['pod-probes']] },
  { origin: 'kube-score', ruleId: 'k8s-seccomp-runtime-default', groups: [['container-seccomp-profile']] },

  { origin: 'polaris', ruleId: 'k8s-no-privileged-containers', groups: [['runAsPrivileged']] },
  { origin: 'polaris', ruleId: 'k8s-no-privilege-escalation', groups: [['privilegeEscalationAllowed']] },
  { origin: 'polaris', ruleId: 'k8s-run-as-non-root', groups: [['runAsRootAllowed']] },
  { origin: 'polaris', ruleId: 'k8s-read-only-root-filesystem', groups: [['notReadOnlyRootFilesystem']] },
  { origin: 'polaris', ruleId: 'k8s-no-host-network', groups: [['hostNetworkSet']] },
  { origin: 'polaris', ruleId: 'k8s-no-host-pid-ipc', groups: [['hostPIDSet']], messageIds: ['hostPID'] },
  { origin: 'polaris', ruleId: 'k8s-no-host-pid-ipc', groups: [['hostIPCSet']], messageIds: ['hostIPC'] },
  { origin: 'polaris', ruleId: 'k8s-resource-limits-set', groups: [['cpuLimitsMissing'], ['memoryLimitsMissing']] },
  { origin: 'polaris', ruleId: 'k8s-image-pinned-no-latest', groups: [['tagNotSpecified']], messageIds: ['untagged', 'latest'] },
  { origin: 'polaris', ruleId: 'k8s-liveness-readiness-probes', groups: [['livenessProbeMissing']], messageIds: ['liveness'] },
  { origin: 'polaris', ruleId: 'k8s-liveness-readiness-probes', groups: [['readinessProbeMissing']], messageIds: ['readiness'] },
  { origin: 'polaris', ruleId: 'k8s-liveness-readiness-probes', groups: [['livenessProbeMissing'], ['readinessProbeMissing']], messageIds: ['both'] },
  { origin: 'polaris', ruleId: 'k8s-automount-sa-token-disabled', groups: [['automountServiceAccountToken']] },
  { origin: 'polaris', ruleId: 'k8s-ingress-tls-configured', groups: [['tlsSettingsMissing']] },
  // One binding object is one kind, so each of Polaris's per-kind checks stands for the rule on that object.
  { origin: 'polaris', ruleId: 'k8s-no-cluster-admin-binding', groups: [['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole']] },
];

/**
 * Trivy (and tfsec, whose ids Trivy kept): each check by its AVD id and its long id
 * (`<provider>-<service>-<short_code>`), read from the check metadata of aquasecurity/trivy-checks
 * (checks/cloud/aws/**). Only one-to-one checks are mapped; the rest of the tfsec/Trivy ids are
 * recognised and reported as unmapped (a hint), so no exception is silently widened.
 */
export const TRIVY: readonly PeerEquivalence[] = [
  { origin: 'trivy', ruleId: 'aws-s3-bucket-encryption-at-rest', groups: [['AVD-AWS-0088', 'aws-s3-enable-bucket-encryption']] },
  { origin: 'trivy', ruleId: 'aws-s3-bucket-versioning-enabled', groups: [['AVD-AWS-0090', 'aws-s3-enable-versioning']] },
  { origin: 'trivy', ruleId: 'aws-rds-instance-storage-encrypted', groups: [['AVD-AWS-0080', 'aws-rds-encrypt-instance-storage-data']] },
  { origin: 'trivy', ruleId: 'aws-kms-key-rotation-enabled', groups: [['AVD-AWS-0065', 'aws-kms-auto-rotate-keys']] },
  { origin: 'trivy', ruleId: 'aws-cloudtrail-log-file-validation', groups: [['AVD-AWS-0016', 'aws-cloudtrail-enable-log-validation']] },
  { origin: 'trivy', ruleId: 'aws-cloudtrail-multi-region-logging', groups: [['AVD-AWS-0014', 'aws-cloudtrail-enable-all-regions']] },
  { origin: 'trivy', ruleId: 'aws-eks-secrets-encryption', groups: [['AVD-AWS-0039', 'aws-eks-encrypt-secrets']] },
  // Our finding (an endpoint open to every address) is what both of Trivy's EKS endpoint checks report.
  { origin: 'trivy', ruleId: 'aws-eks-endpoint-not-public', groups: [['AVD-AWS-0040', 'aws-eks-no-public-cluster-access'], ['AVD-AWS-0041', 'aws-eks-no-public-cluster-access-to-cidr']] },
  { origin: 'trivy', ruleId: 'aws-dynamodb-pitr-enabled', groups: [['AVD-AWS-0024', 'aws-dynamodb-enable-recovery']] },
  { origin: 'trivy', ruleId: 'aws-sqs-queue-encrypted', groups: [['AVD-AWS-0096', 'aws-sqs-enable-queue-encryption']] },
];

const cache = new WeakMap<readonly Rule[], readonly PeerEquivalence[]>();

/**
 * Every equivalence for the given rules: Checkov and KICS ids from each rule's catalog metadata
 * (deprecated KICS ids as an alternative set), and the Kubernetes linters' and Trivy's tables above
 * (tfsec markers use Trivy's). Rules not in
 * `rules` (not implemented, or not shipped) have none.
 */
export function peerEquivalences(rules: readonly Rule[]): readonly PeerEquivalence[] {
  let out = cache.get(rules);
  if (out !== undefined) return out;
  const ids = new Set(rules.map((r) => r.id));
  const list: PeerEquivalence[] = [];
  for (const rule of rules) {
    const { checkov, kics, kicsDeprecated } = rule.meta.equivalents;
    if (checkov.length > 0) list.push({ origin: 'checkov', ruleId: rule.id, groups: checkov.map((c) => [c.id]) });
    if (kics.length > 0) list.push({ origin: 'kics', ruleId: rule.id, groups: kics.map((k) => [k.id]) });
    if (kicsDeprecated.length > 0) list.push({ origin: 'kics', ruleId: rule.id, groups: kicsDeprecated.map((k) => [k.id]) });
  }
  for (const e of [...KUBERNETES_LINTERS, ...TRIVY]) if (ids.has(e.ruleId)) list.push(e);
  out = list;
  cache.set(rules, out);
  return out;
}

/** Peer ids are compared without case (Polaris and Checkov ids are written in several casings). */
export function samePeerId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
