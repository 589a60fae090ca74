import { catalogCheck } from './catalog';
import type { KubernetesRule, TerraformRule } from './types';

type Definition<R> = Omit<R, 'platform' | 'meta'>;

/** Binds a Terraform rule to its catalog entry; TypeScript infers messageIds and fixIds. */
export function defineTerraformRule<M extends string, F extends string = never>(rule: Definition<TerraformRule<M, F>>): TerraformRule<M, F> {
  return { ...rule, platform: 'terraform', meta: catalogCheck(rule.id) };
}

/** Binds a Kubernetes rule to its catalog entry; TypeScript infers messageIds and fixIds. */
export function defineKubernetesRule<M extends string, F extends string = never>(rule: Definition<KubernetesRule<M, F>>): KubernetesRule<M, F> {
  return { ...rule, platform: 'kubernetes', meta: catalogCheck(rule.id) };
}
