/**
 * aws-eks-secrets-encryption — an aws_eks_cluster envelope-encrypts Kubernetes Secrets with KMS.
 *
 * Logic (catalog pass_if_all): an `encryption_config` whose `resources` contains "secrets" and whose
 * `provider.key_arn` is set. A missing block, a missing `resources` or `provider.key_arn` fail
 * (when_missing: fail). A `dynamic "encryption_config"` whose `for_each` cannot be resolved, a
 * `resources` list with unresolvable items and a key ARN from a variable without a value are never
 * guessed ("cannot determine"). A reference to a key (`aws_kms_key.eks.arn`) counts as set.
 *
 * Findings: the missing block at the resource header; a `resources` list without "secrets" at the
 * list (with the variable/tfvars it came from as related location); a missing `resources` or key at
 * the `encryption_config` (or `provider`) header. No fix (catalog autofix.safe: false): the key ARN is
 * environment-specific, and encryption, once enabled, can never be removed from the cluster.
 */
import type { TfBlock } from '../../model/terraform/types';
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { judgePresence, nestedInstances, valueText } from './helpers';
import { asStringList, originRelated, originSuffix } from './values';

const messages = {
  missing: 'aws_eks_cluster "{name}" has no encryption_config, so Kubernetes Secrets are stored in etcd without KMS envelope encryption.',
  noSecrets: 'aws_eks_cluster "{name}" encrypts resources = {value}{origin}, which does not include "secrets", so Kubernetes Secrets are not envelope-encrypted.',
  noResources: 'aws_eks_cluster "{name}" declares an encryption_config without resources, so Kubernetes Secrets are not envelope-encrypted.',
  noKey: 'aws_eks_cluster "{name}" declares an encryption_config without provider.key_arn, so no KMS key encrypts Kubernetes Secrets.',
};
type Ctx = TerraformContext<keyof typeof messages, never>;

export default defineTerraformRule({
  id: 'aws-eks-secrets-encryption',
  resourceTypes: ['aws_eks_cluster'],
  messages,
  fixes: {},
  check(resource, ctx) {
    const block = resource.node;
    const data = { name: resourceName(block) };
    const { present, uncertain } = nestedInstances(ctx, block, 'encryption_config');
    if (present.length === 0) {
      const maybe = uncertain[0];
      if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
      else ctx.report({ messageId: 'missing', at: block.headerSpan, data });
      return;
    }
    for (const config of present) {
      checkResources(config, data, ctx);
      checkKey(config, data, ctx);
    }
  },
});

function checkResources(config: TfBlock, data: Record<string, string>, ctx: Ctx): void {
  const attr = config.attributes.get('resources');
  const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
  if (attr === undefined || value === undefined || (value.known && value.value === null)) {
    ctx.report({ messageId: 'noResources', at: config.headerSpan, data });
    return;
  }
  if (!value.known) {
    ctx.cannotDetermine(attr.expr.span, `resources = ${value.text} cannot be resolved statically`);
    return;
  }
  const list = asStringList(value.value);
  if (list.items.includes('secrets')) return;
  if (!list.complete) {
    ctx.cannotDetermine(attr.expr.span, 'resources has items that cannot be resolved statically');
    return;
  }
  ctx.report({
    messageId: 'noSecrets',
    at: attr.expr.span,
    data: { ...data, value: Array.isArray(value.value) ? JSON.stringify(list.items) : valueText(value), origin: originSuffix(value) },
    related: originRelated(value),
  });
}

function checkKey(config: TfBlock, data: Record<string, string>, ctx: Ctx): void {
  const { present, uncertain } = nestedInstances(ctx, config, 'provider');
  if (present.length === 0) {
    const maybe = uncertain[0];
    if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
    else ctx.report({ messageId: 'noKey', at: config.headerSpan, data });
    return;
  }
  for (const provider of present) {
    const key = judgePresence(ctx, provider, 'key_arn');
    if (key.kind === 'unknown') ctx.cannotDetermine(key.at, key.reason);
    else if (key.kind === 'absent') {
      ctx.report({
        messageId: 'noKey',
        at: key.attr?.expr.span ?? provider.headerSpan,
        data,
        ...(key.resolved !== undefined ? { related: originRelated(key.resolved) } : {}),
      });
    }
  }
}
