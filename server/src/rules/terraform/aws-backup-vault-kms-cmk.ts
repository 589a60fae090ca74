/**
 * aws-backup-vault-kms-cmk — an aws_backup_vault encrypts its recovery points with a customer managed
 * KMS key.
 *
 * Logic (catalog pass_if): `kms_key_arn` is set; absent, `null` or `""` fail (when_missing: fail: AWS
 * Backup then uses the AWS managed `aws/backup` key). A literal that names an AWS managed key alias
 * (`…:alias/aws/…`) fails too. A reference to a key (`aws_kms_key.backup.arn`) counts as set; a
 * variable without a default or tfvars value is never guessed ("cannot determine").
 *
 * Findings: at the resource header when the attribute is absent, at the value otherwise (with the
 * variable/tfvars it came from as related location). Fix: review (catalog autofix.safe: false):
 * changing the key replaces the vault (recovery points stay in the old one), and the key is
 * environment-specific: the fix writes `kms_key_arn = var.backup_vault_kms_key_arn` (a snippet
 * placeholder where the editor supports it) where the attribute is absent or a literal, and declares
 * the variable without a default.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { customerManagedKey, judgePresence, userValueFix } from './helpers';
import { originRelated, originSuffix } from './values';

const KEY = customerManagedKey('backup_vault', 'the recovery points of the AWS Backup vault');

export default defineTerraformRule({
  id: 'aws-backup-vault-kms-cmk',
  resourceTypes: ['aws_backup_vault'],
  messages: {
    missing: 'aws_backup_vault "{name}" does not set kms_key_arn{origin}, so recovery points are encrypted with the AWS managed aws/backup key.',
    awsManaged: 'aws_backup_vault "{name}" sets kms_key_arn to an AWS managed key alias{origin}, whose key policy cannot separate decrypt rights from backup-operator rights.',
  },
  fixes: {
    useCustomerKey: { title: 'Use a customer managed KMS key you choose (var.backup_vault_kms_key_arn; replaces the vault, existing recovery points stay in the old one)', safety: 'review' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const data = { name: resourceName(block) };
    const key = judgePresence(ctx, block, 'kms_key_arn');
    if (key.kind === 'unknown') {
      ctx.cannotDetermine(key.at, key.reason);
      return;
    }
    const edits = userValueFix(ctx, resource.uri, block, 'kms_key_arn', KEY);
    const fix = edits ? { fix: { fixId: 'useCustomerKey' as const, edits } } : {};
    if (key.kind === 'absent') {
      ctx.report({
        messageId: 'missing',
        at: key.attr?.expr.span ?? block.headerSpan,
        data: { ...data, origin: key.resolved === undefined ? '' : originSuffix(key.resolved) },
        related: key.resolved === undefined ? [] : originRelated(key.resolved),
        ...fix,
      });
      return;
    }
    const value = ctx.evaluate(key.attr.expr);
    if (value.known && typeof value.value === 'string' && /(^|:)alias\/aws\//.test(value.value)) {
      ctx.report({ messageId: 'awsManaged', at: key.attr.expr.span, data: { ...data, origin: originSuffix(value) }, related: originRelated(value), ...fix });
    }
  },
});
