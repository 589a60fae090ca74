import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute, insertNestedBlock } from '../../fixes/terraform-edits';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfAttribute, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { insertCompanionAfter, noBucketCompanion, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const COMPANION = 'aws_s3_bucket_server_side_encryption_configuration';
const ALLOWED = ['AES256', 'aws:kms', 'aws:kms:dsse'];

const messages = {
  missing: 'aws_s3_bucket "{name}" declares no default encryption; AWS applies SSE-S3 to new buckets, but the control is not evidenced in code.',
  noAlgorithm: '{resource} "{name}" declares an encryption configuration without a default sse_algorithm.',
  badAlgorithm: '{resource} "{name}" sets sse_algorithm = {value}{origin}, which is not AES256, aws:kms or aws:kms:dsse.',
};
const fixes = {
  addConfiguration: { title: `Add an ${COMPANION} with SSE-S3 (AES256, the AWS default)`, safety: 'safe' as const },
  declareAlgorithm: { title: 'Declare sse_algorithm = "AES256" (SSE-S3, the AWS default)', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-s3-bucket-encryption-at-rest',
  resourceTypes: ['aws_s3_bucket', COMPANION],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === COMPANION) {
      // A companion is judged on its own: its findings are shown on it, never again on the bucket.
      checkConfiguration(resource, resource.node, ctx);
      return;
    }
    const bucket = resource.node;
    const inline = nestedBlocks(bucket, 'server_side_encryption_configuration');
    if (inline.length > 0) {
      // Legacy inline block (AWS provider < 4).
      for (const block of inline) checkConfiguration(resource, block, ctx);
      return;
    }
    if (!noBucketCompanion(ctx, resource, COMPANION, 'configure this bucket')) return;
    ctx.report({
      messageId: 'missing',
      at: bucket.headerSpan,
      data: { name: resourceName(bucket) },
      // Catalog warn_if: the data is encrypted by the platform default, only the declaration is missing.
      severity: 'medium',
      fix: {
        fixId: 'addConfiguration',
        edits: [insertCompanionAfter(ctx, resource, COMPANION, [], ['rule {', '  apply_server_side_encryption_by_default {', '    sse_algorithm = "AES256"', '  }', '}'])],
      },
    });
  },
});

/**
 * Checks `rule[*].apply_server_side_encryption_by_default[*].sse_algorithm` of a companion resource
 * or of the bucket's inline `server_side_encryption_configuration` block.
 */
function checkConfiguration(resource: Located<TfBlock>, configuration: TfBlock, ctx: Ctx): void {
  const data = { resource: resourceType(resource.node), name: resourceName(resource.node) };
  const rules = nestedBlocks(configuration, 'rule');
  const defaults = rules.flatMap((rule) => nestedBlocks(rule, 'apply_server_side_encryption_by_default'));
  const algorithms = defaults.map((d) => d.attributes.get('sse_algorithm')).filter((a): a is TfAttribute => a !== undefined);
  if (algorithms.length === 0) {
    ctx.report({
      messageId: 'noAlgorithm',
      at: configuration.headerSpan,
      data,
      // Without a default algorithm S3 still applies SSE-S3: only the declaration is missing.
      severity: 'medium',
      fix: { fixId: 'declareAlgorithm', edits: [declareAes256(resource.uri, ctx.text, configuration, rules, defaults)] },
    });
    return;
  }
  for (const attr of algorithms) {
    const value = ctx.evaluate(attr.expr);
    if (!value.known) {
      ctx.cannotDetermine(attr.expr.span, `sse_algorithm = ${value.text} cannot be resolved statically`);
      continue;
    }
    const algorithm = value.value === null ? undefined : asString(value.value);
    if (algorithm !== undefined && ALLOWED.includes(algorithm)) continue;
    ctx.report({
      messageId: 'badAlgorithm',
      at: attr.expr.span,
      data: { ...data, value: valueText(value), origin: originSuffix(value) },
      related: originRelated(value),
    });
  }
}

/** Adds the missing level(s) of `rule { apply_server_side_encryption_by_default { sse_algorithm = "AES256" } }`. */
function declareAes256(uri: string, text: string, configuration: TfBlock, rules: readonly TfBlock[], defaults: readonly TfBlock[]): FixEdit {
  const apply = defaults[0];
  if (apply !== undefined) return insertAttribute(uri, text, apply, 'sse_algorithm', '"AES256"');
  const inner = ['apply_server_side_encryption_by_default {', '  sse_algorithm = "AES256"', '}'];
  const rule = rules[0];
  if (rule !== undefined) return insertNestedBlock(uri, text, rule, inner);
  return insertNestedBlock(uri, text, configuration, ['rule {', ...inner.map((l) => `  ${l}`), '}']);
}
