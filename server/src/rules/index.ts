import type { Rule } from './types';
import { terraformRules } from './terraform';
import { kubernetesRules } from './kubernetes';

/** Every rule the product ships, in a stable order (Terraform first, then Kubernetes; each by id). */
export const allRules: readonly Rule[] = [...terraformRules, ...kubernetesRules];
