import { insertAttribute, insertNestedBlock } from '../../fixes/terraform-edits';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { insertCompanionAfter, noBucketCompanion, replaceLiteral, requireBool, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

/**
 * aws-s3-bucket-versioning-enabled
 *
 * Logic (catalog): passes when the legacy inline `versioning { enabled = true }` block says so, or
 * when an `aws_s3_bucket_versioning` (AWS provider v4+) anywhere in the module points at the bucket
 * (`bucket = aws_s3_bucket.<name>.id|.bucket`, or the literal bucket name) with
 * `versioning_configuration { status = "Enabled" }`. Fails when nothing configures versioning, or
 * when it is Suspended/Disabled/false.
 *
 * Findings: an inline block is judged on the bucket (at `enabled`, or at the `versioning` header
 * when `enabled` is missing, the provider default being false). A companion is judged on its own,
 * at `status` (or its header), never again on the bucket. A bucket with neither is reported at its
 * header. A companion whose `bucket` cannot be resolved may configure any bucket: cannot determine.
 *
 * Fixes (catalog autofix.safe: true, no environment-specific value): add the companion with
 * status "Enabled" after the bucket (mirroring count/for_each), set `enabled = true`, or set
 * `status = "Enabled"` when the value is written as a literal. All safe.
 */

const COMPANION = 'aws_s3_bucket_versioning';

const messages = {
  missing: 'aws_s3_bucket "{name}" has no versioning configured, so overwritten or deleted objects cannot be recovered.',
  inlineMissing: 'aws_s3_bucket "{name}" declares a versioning block without enabled = true (the default is false).',
  inlineDisabled: 'aws_s3_bucket "{name}" sets versioning enabled = {value}{origin}, so overwritten or deleted objects cannot be recovered.',
  statusMissing: 'aws_s3_bucket_versioning "{name}" declares no versioning_configuration status, so versioning is not enabled.',
  statusNotEnabled: 'aws_s3_bucket_versioning "{name}" sets status = {value}{origin}; versioning must be "Enabled".',
};
const fixes = {
  addVersioning: { title: `Add an ${COMPANION} with status = "Enabled"`, safety: 'safe' as const },
  enableInline: { title: 'Set enabled = true in the versioning block', safety: 'safe' as const },
  enableStatus: { title: 'Set status = "Enabled"', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-s3-bucket-versioning-enabled',
  resourceTypes: ['aws_s3_bucket', COMPANION],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === COMPANION) {
      checkCompanion(resource, ctx);
      return;
    }
    const bucket = resource.node;
    const data = { name: resourceName(bucket) };
    const inline = nestedBlocks(bucket, 'versioning');
    if (inline.length > 0) {
      // Legacy inline block (AWS provider < 4, deprecated in v4+).
      for (const block of inline) {
        requireBool(resource, ctx, { attribute: 'enabled', expected: true, missing: 'inlineMissing', wrong: 'inlineDisabled', fixId: 'enableInline', data, block });
      }
      return;
    }
    if (!noBucketCompanion(ctx, resource, COMPANION, 'configure this bucket')) return; // each companion is judged on its own
    ctx.report({
      messageId: 'missing',
      at: bucket.headerSpan,
      data,
      fix: { fixId: 'addVersioning', edits: [insertCompanionAfter(ctx, resource, COMPANION, [], ['', 'versioning_configuration {', '  status = "Enabled"', '}'])] },
    });
  },
});

function checkCompanion(resource: Located<TfBlock>, ctx: Ctx): void {
  const block = resource.node;
  const data = { name: resourceName(block) };
  const configurations = nestedBlocks(block, 'versioning_configuration');
  const statuses = configurations.map((c) => c.attributes.get('status')).filter((a) => a !== undefined);
  if (statuses.length === 0) {
    const configuration = configurations[0];
    const edit =
      configuration === undefined
        ? insertNestedBlock(resource.uri, ctx.text, block, ['versioning_configuration {', '  status = "Enabled"', '}'])
        : insertAttribute(resource.uri, ctx.text, configuration, 'status', '"Enabled"');
    ctx.report({ messageId: 'statusMissing', at: (configuration ?? block).headerSpan, data, fix: { fixId: 'enableStatus', edits: [edit] } });
    return;
  }
  for (const attr of statuses) {
    const value = ctx.evaluate(attr.expr);
    if (!value.known) {
      ctx.cannotDetermine(attr.expr.span, `status = ${value.text} cannot be resolved statically`);
      continue;
    }
    if (value.value !== null && asString(value.value) === 'Enabled') continue;
    const fix = replaceLiteral(resource.uri, attr, '"Enabled"');
    ctx.report({
      messageId: 'statusNotEnabled',
      at: attr.expr.span,
      data: { ...data, value: valueText(value), origin: originSuffix(value) },
      related: originRelated(value),
      ...(fix ? { fix: { fixId: 'enableStatus' as const, edits: [fix] } } : {}),
    });
  }
}
