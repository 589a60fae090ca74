import type { KubernetesRule } from '../types';
import k8sAutomountSaTokenDisabled from './k8s-automount-sa-token-disabled';
import k8sDropAllCapabilities from './k8s-drop-all-capabilities';
import k8sImagePinnedNoLatest from './k8s-image-pinned-no-latest';
import k8sIngressTlsConfigured from './k8s-ingress-tls-configured';
import k8sLivenessReadinessProbes from './k8s-liveness-readiness-probes';
import k8sNamespaceDefaultDenyNetworkpolicy from './k8s-namespace-default-deny-networkpolicy';
import k8sNoClusterAdminBinding from './k8s-no-cluster-admin-binding';
import k8sNoDefaultNamespace from './k8s-no-default-namespace';
import k8sNoHostNetwork from './k8s-no-host-network';
import k8sNoHostPidIpc from './k8s-no-host-pid-ipc';
import k8sNoHostpathVolumes from './k8s-no-hostpath-volumes';
import k8sNoPrivilegeEscalation from './k8s-no-privilege-escalation';
import k8sNoPrivilegedContainers from './k8s-no-privileged-containers';
import k8sNoSecretLiteralsInEnv from './k8s-no-secret-literals-in-env';
import k8sRbacNoWildcards from './k8s-rbac-no-wildcards';
import k8sReadOnlyRootFilesystem from './k8s-read-only-root-filesystem';
import k8sResourceLimitsSet from './k8s-resource-limits-set';
import k8sRunAsNonRoot from './k8s-run-as-non-root';
import k8sSeccompRuntimeDefault from './k8s-seccomp-runtime-default';
import k8sServiceLoadbalancerRestricted from './k8s-service-loadbalancer-restricted';

/** Registry of Kubernetes rules; the catalog test checks it against the files of this folder. */
export const kubernetesRules: readonly KubernetesRule[] = [
  k8sAutomountSaTokenDisabled,
  k8sDropAllCapabilities,
  k8sImagePinnedNoLatest,
  k8sIngressTlsConfigured,
  k8sLivenessReadinessProbes,
  k8sNamespaceDefaultDenyNetworkpolicy,
  k8sNoClusterAdminBinding,
  k8sNoDefaultNamespace,
  k8sNoHostNetwork,
  k8sNoHostPidIpc,
  k8sNoHostpathVolumes,
  k8sNoPrivilegeEscalation,
  k8sNoPrivilegedContainers,
  k8sNoSecretLiteralsInEnv,
  k8sRbacNoWildcards,
  k8sReadOnlyRootFilesystem,
  k8sResourceLimitsSet,
  k8sRunAsNonRoot,
  k8sSeccompRuntimeDefault,
  k8sServiceLoadbalancerRestricted,
];
