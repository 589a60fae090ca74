import type { KubernetesRule } from '../types';
import k8sNoPrivilegedContainers from './k8s-no-privileged-containers';

/** Registry of Kubernetes rules; the catalog test checks it against the files of this folder. */
export const kubernetesRules: readonly KubernetesRule[] = [k8sNoPrivilegedContainers];
