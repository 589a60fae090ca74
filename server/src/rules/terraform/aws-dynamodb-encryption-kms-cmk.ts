/**
 * aws-dynamodb-encryption-kms-cmk — aws_dynamodb_table is encrypted with a KMS key, preferably a
 * customer managed one.
 *
 * Logic (catalog): `server_side_encryption[*].enabled = true` passes; an absent block, an absent
 * `enabled` or `false` fails (the table then uses an AWS owned key that no key policy or CloudTrail
 * entry of yours covers). catalog warn_if: `enabled = true` without `kms_key_arn` (or with the AWS
 * managed `alias/aws/dynamodb`) uses the AWS managed key, reported one step lower (low). `dynamic
 * "server_side_encryption"` blocks whose `for_each` cannot be resolved, and values that cannot be
 * resolved, are never guessed.
 *
 * Findings: on the table header when the block is absent, on the block header when `enabled` or
 * `kms_key_arn` is absent, on the value otherwise. Fixes: where a key is written, `enabled = true`
 * is `safe` (catalog autofix.safe: true; the switch is online). Everywhere else the fix also writes
 * `kms_key_arn = var.dynamodb_kms_key_arn` (a snippet placeholder where the editor supports it) and
 * declares the variable without a default: enabling encryption alone would select the AWS managed key,
 * the `warn` finding, and the customer managed key is environment-specific, so these fixes are `review`
 * (the catalog's `aws_kms_key.<key>.arn` would be a made-up reference). The warn's fix writes the same.
 */
import { insertNestedBlock } from '../../fixes/terraform-edits';
import { userValueRef } from '../../fixes/user-values';
import type { Resolved } from '../../model/terraform/evaluate';
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { customerManagedKey, judgePresence, nestedInstances, requireBool, userValueFix, withUserValues } from './helpers';
import { asString } from './values';

const KEY = customerManagedKey('dynamodb', 'the DynamoDB table');

export default defineTerraformRule({
  id: 'aws-dynamodb-encryption-kms-cmk',
  resourceTypes: ['aws_dynamodb_table'],
  messages: {
    noBlock: 'aws_dynamodb_table "{name}" has no server_side_encryption block; the table is encrypted with an AWS owned key outside your key policies and audit trail.',
    notSet: 'aws_dynamodb_table "{name}" has a server_side_encryption block without enabled; the table uses an AWS owned key outside your key policies and audit trail.',
    disabled: 'aws_dynamodb_table "{name}" sets server_side_encryption.enabled = {value}{origin}; the table uses an AWS owned key outside your key policies and audit trail.',
    awsManagedKey: 'aws_dynamodb_table "{name}" is encrypted with the AWS managed key aws/dynamodb; a customer managed key (kms_key_arn) keeps decryption under your own key policy.',
  },
  fixes: {
    enable: { title: 'Set enabled = true (encrypts with the KMS key already named; the switch is online)', safety: 'safe' },
    enableWithKey: { title: 'Encrypt with a customer managed KMS key you choose (var.dynamodb_kms_key_arn; readers and writers need kms:Decrypt on it)', safety: 'review' },
    useCustomerKey: { title: 'Use a customer managed KMS key you choose (var.dynamodb_kms_key_arn; readers and writers need kms:Decrypt on it)', safety: 'review' },
  },
  check(resource, ctx) {
    const table = resource.node;
    const data = { name: resourceName(table) };
    const { present, uncertain } = nestedInstances(ctx, table, 'server_side_encryption');
    if (present.length === 0) {
      const maybe = uncertain[0];
      if (maybe !== undefined) {
        ctx.cannotDetermine(maybe.at, maybe.reason);
        return;
      }
      ctx.report({
        messageId: 'noBlock',
        at: table.headerSpan,
        data,
        fix: {
          fixId: 'enableWithKey',
          edits: withUserValues(ctx, resource.uri, [KEY], [
            insertNestedBlock(resource.uri, ctx.text, table, ['server_side_encryption {', '  enabled     = true', `  kms_key_arn = ${userValueRef(KEY)}`, '}']),
          ]),
        },
      });
      return;
    }
    for (const block of present) {
      const verdict = requireBool(resource, ctx, {
        attribute: 'enabled',
        expected: true,
        missing: 'notSet',
        wrong: 'disabled',
        fixId: 'enable',
        data,
        block,
        alsoSet: { attributes: [['kms_key_arn', userValueRef(KEY)]], values: [KEY] },
        alsoSetFixId: 'enableWithKey',
      });
      if (verdict.kind !== 'ok') continue;
      // catalog warn_if: enabled without a customer managed key.
      const key = judgePresence(ctx, block, 'kms_key_arn');
      if (key.kind === 'unknown') {
        ctx.cannotDetermine(key.at, key.reason);
        continue;
      }
      if (key.kind === 'present' && !isAwsManagedAlias(ctx.evaluate(key.attr.expr))) continue;
      const edits = userValueFix(ctx, resource.uri, block, 'kms_key_arn', KEY);
      ctx.report({
        messageId: 'awsManagedKey',
        at: key.kind === 'present' ? key.attr.expr.span : block.headerSpan,
        data,
        severity: 'low',
        ...(edits ? { fix: { fixId: 'useCustomerKey' as const, edits } } : {}),
      });
    }
  },
});

/** `alias/aws/dynamodb` or its ARN: the AWS managed key, named explicitly. */
function isAwsManagedAlias(resolved: Resolved): boolean {
  if (!resolved.known || resolved.value === null) return false;
  const value = asString(resolved.value);
  return value !== undefined && /(^|:)alias\/aws\/dynamodb$/.test(value);
}
