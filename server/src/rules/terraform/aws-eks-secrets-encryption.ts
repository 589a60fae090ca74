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
 * the `encryption_config` (or `provider`) header. Fix: review (catalog autofix.safe: false):
 * encryption, once enabled, can never be removed from the cluster, and the key ARN is
 * environment-specific: the fix writes the missing parts, `resources = ["secrets"]` and
 * `provider { key_arn = var.eks_kms_key_arn }` (a snippet placeholder where the editor supports it,
 * declared without a default). A `resources` list without "secrets" is left to a person.
 */
import { insertAttribute, insertNestedBlock } from '../../fixes/terraform-edits';
import { userValueRef } from '../../fixes/user-values';
import type { Located } from '../../model/terraform/module';
import type { TfBlock } from '../../model/terraform/types';
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { customerManagedKey, judgePresence, nestedInstances, userValueFix, valueText, withUserValues } from './helpers';
import { asStringList, originRelated, originSuffix } from './values';

const KEY = customerManagedKey('eks', 'the Kubernetes Secrets of the EKS cluster');
const fixes = {
  encryptSecrets: {
    title: 'Envelope-encrypt Kubernetes Secrets with a customer managed KMS key you choose (var.eks_kms_key_arn; irreversible: encryption can never be removed from the cluster)',
    safety: 'review' as const,
  },
};

const messages = {
  missing: 'aws_eks_cluster "{name}" has no encryption_config, so Kubernetes Secrets are stored in etcd without KMS envelope encryption.',
  noSecrets: 'aws_eks_cluster "{name}" encrypts resources = {value}{origin}, which does not include "secrets", so Kubernetes Secrets are not envelope-encrypted.',
  noResources: 'aws_eks_cluster "{name}" declares an encryption_config without resources, so Kubernetes Secrets are not envelope-encrypted.',
  noKey: 'aws_eks_cluster "{name}" declares an encryption_config without provider.key_arn, so no KMS key encrypts Kubernetes Secrets.',
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-eks-secrets-encryption',
  resourceTypes: ['aws_eks_cluster'],
  messages,
  fixes,
  check(resource, ctx) {
    const block = resource.node;
    const data = { name: resourceName(block) };
    const { present, uncertain } = nestedInstances(ctx, block, 'encryption_config');
    if (present.length === 0) {
      const maybe = uncertain[0];
      if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
      else {
        const lines = ['encryption_config {', '  resources = ["secrets"]', '', '  provider {', `    key_arn = ${userValueRef(KEY)}`, '  }', '}'];
        const edits = withUserValues(ctx, resource.uri, [KEY], [insertNestedBlock(resource.uri, ctx.text, block, lines)]);
        ctx.report({ messageId: 'missing', at: block.headerSpan, data, fix: { fixId: 'encryptSecrets', edits } });
      }
      return;
    }
    for (const config of present) {
      checkResources(resource, config, data, ctx);
      checkKey(resource, config, data, ctx);
    }
  },
});

function checkResources(resource: Located<TfBlock>, config: TfBlock, data: Record<string, string>, ctx: Ctx): void {
  const attr = config.attributes.get('resources');
  const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
  if (attr === undefined || value === undefined || (value.known && value.value === null)) {
    const fixable = attr === undefined || attr.expr.kind === 'literal';
    ctx.report({
      messageId: 'noResources',
      at: config.headerSpan,
      data,
      ...(fixable ? { fix: { fixId: 'encryptSecrets' as const, edits: [insertAttribute(resource.uri, ctx.text, config, 'resources', '["secrets"]')] } } : {}),
    });
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

function checkKey(resource: Located<TfBlock>, config: TfBlock, data: Record<string, string>, ctx: Ctx): void {
  const { present, uncertain } = nestedInstances(ctx, config, 'provider');
  if (present.length === 0) {
    const maybe = uncertain[0];
    if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
    else {
      const edits = withUserValues(ctx, resource.uri, [KEY], [insertNestedBlock(resource.uri, ctx.text, config, ['provider {', `  key_arn = ${userValueRef(KEY)}`, '}'])]);
      ctx.report({ messageId: 'noKey', at: config.headerSpan, data, fix: { fixId: 'encryptSecrets', edits } });
    }
    return;
  }
  for (const provider of present) {
    const key = judgePresence(ctx, provider, 'key_arn');
    if (key.kind === 'unknown') ctx.cannotDetermine(key.at, key.reason);
    else if (key.kind === 'absent') {
      const edits = userValueFix(ctx, resource.uri, provider, 'key_arn', KEY);
      ctx.report({
        messageId: 'noKey',
        at: key.attr?.expr.span ?? provider.headerSpan,
        data,
        ...(key.resolved !== undefined ? { related: originRelated(key.resolved) } : {}),
        ...(edits ? { fix: { fixId: 'encryptSecrets' as const, edits } } : {}),
      });
    }
  }
}
