/**
 * gcp-storage-bucket-versioning
 *
 * Logic (catalog): a google_storage_bucket passes only with `versioning { enabled = true }`; no block,
 * a block without `enabled`, or `enabled = false` fails. The object form `versioning = { enabled = … }`
 * (accepted by some tools) is read the same way. Unknown values are never guessed; a `dynamic
 * "versioning"` counts only when its `for_each` is known to create the block (an unresolvable one:
 * evaluation unknown).
 *
 * Findings: on the `enabled` value when written (variable origin related), on the `versioning` block
 * header when it lacks `enabled`, else on the resource header.
 *
 * Fix (safe, catalog autofix.safe): adds `versioning { enabled = true }`, inserts `enabled = true`, or
 * replaces a literal `false`. In place; noncurrent versions are kept (and billed) from then on — add
 * lifecycle rules for them. No block is added beside a dynamic `versioning` that creates none.
 */
import { insertAttribute, insertNestedBlock, replaceSpan } from '../../fixes/terraform-edits';
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { nestedInstances, requireBool, valueText } from './helpers';
import { asBool, originRelated, originSuffix } from './values';

export default defineTerraformRule({
  id: 'gcp-storage-bucket-versioning',
  resourceTypes: ['google_storage_bucket'],
  messages: {
    missing: 'google_storage_bucket "{name}" does not enable object versioning; overwritten or deleted objects cannot be restored.',
    disabled: 'google_storage_bucket "{name}" sets versioning enabled = {value}{origin}; overwritten or deleted objects cannot be restored.',
  },
  fixes: {
    enable: { title: 'Enable object versioning (noncurrent versions are kept and billed)', safety: 'safe' },
  },
  check(resource, ctx) {
    const bucket = resource.node;
    const name = resourceName(bucket);
    // A dynamic versioning block counts only when its for_each is known to create it.
    const { present: blocks, uncertain } = nestedInstances(ctx, bucket, 'versioning');
    if (blocks.length > 0) {
      for (const block of blocks) {
        if (!block.attributes.has('enabled')) {
          ctx.report({ messageId: 'missing', at: block.headerSpan, data: { name }, fix: { fixId: 'enable', edits: [insertAttribute(resource.uri, ctx.text, block, 'enabled', 'true')] } });
          continue;
        }
        requireBool(resource, ctx, { block, attribute: 'enabled', expected: true, wrong: 'disabled', fixId: 'enable', data: { name } });
      }
      return;
    }
    const maybe = uncertain[0];
    if (maybe !== undefined) {
      ctx.cannotDetermine(maybe.at, maybe.reason);
      return;
    }
    const attr = bucket.attributes.get('versioning');
    if (attr !== undefined) {
      // `versioning = { enabled = true }`
      const entry = attr.expr.kind === 'object' ? attr.expr.entries.find((e) => e.key === 'enabled') : undefined;
      const target = entry?.value ?? attr.expr;
      const value = ctx.evaluate(target);
      if (!value.known) {
        ctx.cannotDetermine(target.span, 'versioning cannot be resolved statically');
        return;
      }
      const raw = entry !== undefined ? value.value : value.value !== null && typeof value.value === 'object' && !Array.isArray(value.value) ? (value.value as Record<string, never>)['enabled'] : undefined;
      if (raw !== undefined && raw !== null && asBool(raw) === true) return;
      const fix = entry?.value.kind === 'literal' ? replaceSpan(resource.uri, entry.value.span, 'true') : undefined;
      ctx.report({
        messageId: 'disabled',
        at: target.span,
        data: { name, value: raw === undefined ? 'unset' : valueText({ known: true, value: raw }), origin: originSuffix(value) },
        related: originRelated(value),
        ...(fix ? { fix: { fixId: 'enable' as const, edits: [fix] } } : {}),
      });
      return;
    }
    // No fix beside a dynamic versioning block that creates nothing: two blocks would not plan once it does.
    const hasDynamic = bucket.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'versioning');
    ctx.report({
      messageId: 'missing',
      at: bucket.headerSpan,
      data: { name },
      ...(hasDynamic ? {} : { fix: { fixId: 'enable' as const, edits: [insertNestedBlock(resource.uri, ctx.text, bucket, ['versioning {', '  enabled = true', '}'])] } }),
    });
  },
});
