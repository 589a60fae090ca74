import type { KubernetesRule } from '../types';
import k8sNoHostNetwork from './k8s-no-host-network';
import k8sNoPrivilegeEscalation from './k8s-no-privilege-escalation';
import k8sNoPrivilegedContainers from './k8s-no-privileged-containers';
import k8sResourceLimitsSet from './k8s-resource-limits-set';
import k8sRunAsNonRoot from './k8s-run-as-non-root';

/** Registry of Kubernetes rules; the catalog test checks it against the files of this folder. */
export const kubernetesRules: readonly KubernetesRule[] = [
  k8sNoHostNetwork,
  k8sNoPrivilegeEscalation,
  k8sNoPrivilegedContainers,
  k8sResourceLimitsSet,
  k8sRunAsNonRoot,
];
