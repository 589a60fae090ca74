/**
 * gcp-storage-bucket-cmek
 *
 * Logic (catalog): a google_storage_bucket passes when an `encryption` block sets
 * `default_kms_key_name` (any value that is not null or empty: the key itself, usually
 * google_kms_crypto_key.x.id, is not judged). No `encryption` block, or one without a key, fails: the
 * bucket uses Google-managed keys. A `dynamic "encryption"` block whose `for_each` is known to be empty
 * writes no block; one whose `for_each` cannot be resolved is not guessed.
 * The catalog's `requires` (the Cloud Storage service agent holds roles/cloudkms.cryptoKeyEncrypterDecrypter
 * on the key) is not checked: without that grant Cloud Storage refuses to create the bucket, so it
 * fails at apply time instead of leaving a silent gap.
 *
 * Findings: on the resource header when there is no block; on the `encryption` block header or the
 * null/empty value otherwise.
 *
 * A key named by a variable or local without a value may still be null: not guessed.
 *
 * Fix: review (catalog autofix.safe = false): it needs a KMS key and its IAM grant, and only new
 * objects use the key. The key is environment-specific: the fix writes `default_kms_key_name =
 * var.gcs_kms_key_name` (with the `encryption` block when there is none; a snippet placeholder where
 * the editor supports it) and declares the variable without a default. Values from variables are
 * changed there.
 */
import { insertNestedBlock } from '../../fixes/terraform-edits';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import type { Span } from '../../model/span';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { isResourceAttributeRef, userValueFix, valueText, withUserValues } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const KEY: UserValue = {
  variable: 'gcs_kms_key_name',
  description: 'Resource name of the Cloud KMS key that encrypts new objects (projects/…/locations/…/keyRings/…/cryptoKeys/…); the Cloud Storage service agent needs encrypter/decrypter on it',
};

export default defineTerraformRule({
  id: 'gcp-storage-bucket-cmek',
  resourceTypes: ['google_storage_bucket'],
  messages: {
    missing: 'google_storage_bucket "{name}" has no encryption block with default_kms_key_name; its objects are encrypted with Google-managed keys only.',
    noKey: 'google_storage_bucket "{name}" declares an encryption block without a default_kms_key_name{detail}; its objects are encrypted with Google-managed keys only.',
  },
  fixes: {
    useCustomerKey: {
      title: 'Encrypt new objects with a Cloud KMS key you choose (var.gcs_kms_key_name; the Cloud Storage service agent needs encrypter/decrypter on it, or writes fail)',
      safety: 'review',
    },
  },
  check(resource, ctx) {
    const bucket = resource.node;
    const name = resourceName(bucket);
    const blocks: TfBlock[] = [];
    for (const child of bucket.blocks) {
      if (child.type === 'encryption') blocks.push(child);
      else if (child.type === 'dynamic' && child.labels[0] === 'encryption') {
        const forEach = child.attributes.get('for_each');
        const value = forEach === undefined ? undefined : ctx.evaluate(forEach.expr);
        if (value === undefined || !value.known) {
          ctx.cannotDetermine(forEach?.expr.span ?? child.headerSpan, 'the for_each of dynamic "encryption" cannot be resolved statically');
          return;
        }
        const empty = value.value === null || (Array.isArray(value.value) && value.value.length === 0) || (typeof value.value === 'object' && !Array.isArray(value.value) && Object.keys(value.value).length === 0);
        if (!empty) blocks.push(...child.blocks.filter((b) => b.type === 'content'));
      }
    }
    if (blocks.length === 0) {
      const edits = withUserValues(ctx, resource.uri, [KEY], [insertNestedBlock(resource.uri, ctx.text, bucket, ['encryption {', `  default_kms_key_name = ${userValueRef(KEY)}`, '}'])]);
      ctx.report({ messageId: 'missing', at: bucket.headerSpan, data: { name }, fix: { fixId: 'useCustomerKey', edits } });
      return;
    }
    let finding: { at: Span; detail: string; related: ReturnType<typeof originRelated>; block: TfBlock } | undefined;
    for (const block of blocks) {
      const attr = block.attributes.get('default_kms_key_name');
      if (attr === undefined) {
        finding ??= { at: block.headerSpan, detail: '', related: [], block };
        continue;
      }
      const value = ctx.evaluate(attr.expr);
      if (!value.known) {
        // A resource's or data source's attribute (google_kms_crypto_key.x.id) is a key; a variable
        // without a value may still be null.
        if (!isResourceAttributeRef(attr.expr)) ctx.cannotDetermine(attr.expr.span, `default_kms_key_name = ${value.text} cannot be resolved statically`);
        return;
      }
      const key = value.value === null ? undefined : asString(value.value);
      if (key !== undefined && key.trim() !== '') return;
      finding ??= { at: attr.expr.span, detail: ` (it is ${valueText(value)}${originSuffix(value)})`, related: originRelated(value), block };
    }
    if (finding !== undefined) {
      const edits = userValueFix(ctx, resource.uri, finding.block, 'default_kms_key_name', KEY);
      ctx.report({ messageId: 'noKey', at: finding.at, data: { name, detail: finding.detail }, related: finding.related, ...(edits ? { fix: { fixId: 'useCustomerKey' as const, edits } } : {}) });
    }
  },
});
