import { insertAttribute } from '../../fixes/terraform-edits';
import { defineTerraformRule } from '../define-rule';
import { replaceValue } from './decided-value';
import { asBool, originRelated, originSuffix } from './values';

export default defineTerraformRule({
  id: 'aws-rds-instance-storage-encrypted',
  resourceTypes: ['aws_db_instance'],
  messages: {
    missing: 'aws_db_instance "{name}" does not set storage_encrypted; the provider default leaves storage, backups and snapshots unencrypted.',
    disabled: 'aws_db_instance "{name}" has storage_encrypted = false{origin}; storage, backups and snapshots are unencrypted.',
    kmsKeyOnly: 'aws_db_instance "{name}" sets kms_key_id but not storage_encrypted; a KMS key does not turn encryption on (RDS rejects a KmsKeyId without StorageEncrypted).',
  },
  fixes: {
    // Enabling encryption on an existing instance makes Terraform replace it: never part of fix-all.
    enable: { title: 'Set storage_encrypted = true (replaces an existing instance)', safety: 'review' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const name = block.labels[1] ?? '';
    if (block.attributes.has('replicate_source_db')) return; // a replica inherits the source's encryption
    const attr = block.attributes.get('storage_encrypted');
    if (attr === undefined) {
      if (block.attributes.has('snapshot_identifier')) {
        ctx.cannotDetermine(block.headerSpan, 'restored from a snapshot: encryption follows the snapshot');
        return;
      }
      ctx.report({
        // A kms_key_id alone reads as "encrypted" to some scanners (KICS); the RDS API needs both.
        messageId: block.attributes.has('kms_key_id') ? 'kmsKeyOnly' : 'missing',
        at: block.headerSpan,
        data: { name },
        fix: { fixId: 'enable', edits: [insertAttribute(resource.uri, ctx.text, block, 'storage_encrypted', 'true')] },
      });
      return;
    }
    const value = ctx.evaluate(attr.expr);
    if (!value.known) {
      ctx.cannotDetermine(attr.expr.span, `storage_encrypted = ${value.text} cannot be resolved statically`);
      return;
    }
    if (asBool(value.value) === false) {
      // A literal is replaced here; a var.* whose value terraform.tfvars or the default decides is changed there.
      const replacement = replaceValue(ctx, resource.uri, attr, value, 'true');
      const decidedElsewhere = replacement?.decidedElsewhere;
      ctx.report({
        messageId: 'disabled',
        at: attr.expr.span,
        data: { name, origin: originSuffix(value) },
        related: originRelated(value),
        ...(replacement !== undefined ? { fix: { fixId: 'enable' as const, edits: [replacement.edit], ...(decidedElsewhere !== undefined ? { decidedElsewhere } : {}) } } : {}),
      });
    }
  },
});
