/**
 * aws-sns-topic-encrypted: an aws_sns_topic sets `kms_master_key_id` (catalog when_missing: fail). The
 * AWS managed key `alias/aws/sns` passes with the catalog's warn_if, reported one step lower (low): its
 * policy cannot be restricted or shared across accounts.
 *
 * Findings: a missing key at the resource header; `null` or `""` at the value; the AWS managed key at
 * the value (with the variable/tfvars it came from as related location). A key id that cannot be
 * resolved is not guessed; a reference to a key resource or data source counts as a key.
 *
 * Fix: review, although the catalog marks it safe: publishers need kms:GenerateDataKey on the key.
 * The fix writes `kms_master_key_id = var.sns_kms_key_arn` (inserted, or replacing a literal `null`,
 * `""` or the AWS managed alias; a snippet placeholder where the editor supports it) and declares the
 * variable without a default: the key is environment-specific. The AWS managed key is never written:
 * AWS services that publish to the topic (CloudWatch alarms, EventBridge, S3 notifications) cannot use
 * it and silently stop delivering, and it is itself a finding (the warn).
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { customerManagedKey, judgePresence, setUserValue, userValueFix, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const AWS_MANAGED = 'alias/aws/sns';
const KEY = customerManagedKey('sns', 'the SNS topic');

export default defineTerraformRule({
  id: 'aws-sns-topic-encrypted',
  resourceTypes: ['aws_sns_topic'],
  messages: {
    missing: 'aws_sns_topic "{name}" does not set kms_master_key_id; server-side encryption is off for the messages it stores.',
    emptyKey: 'aws_sns_topic "{name}" sets kms_master_key_id = {value}{origin}, which names no key; server-side encryption is off.',
    awsManagedKey: 'aws_sns_topic "{name}" uses the AWS managed key {value}{origin}, whose key policy cannot restrict who decrypts or be shared across accounts.',
  },
  fixes: {
    useCustomerKey: { title: 'Encrypt with a customer managed KMS key you choose (var.sns_kms_key_arn; publishers, including AWS services, need kms:GenerateDataKey on it)', safety: 'review' },
  },
  check(resource, ctx) {
    const topic = resource.node;
    const name = resourceName(topic);
    const key = judgePresence(ctx, topic, 'kms_master_key_id');
    switch (key.kind) {
      case 'unknown':
        ctx.cannotDetermine(key.at, key.reason);
        return;
      case 'absent': {
        if (key.attr === undefined || key.resolved === undefined) {
          ctx.report({
            messageId: 'missing',
            at: topic.headerSpan,
            data: { name },
            fix: { fixId: 'useCustomerKey', edits: setUserValue(ctx, resource.uri, topic, 'kms_master_key_id', KEY) },
          });
          return;
        }
        const edits = userValueFix(ctx, resource.uri, topic, 'kms_master_key_id', KEY);
        ctx.report({
          messageId: 'emptyKey',
          at: key.attr.expr.span,
          data: { name, value: valueText(key.resolved), origin: originSuffix(key.resolved) },
          related: originRelated(key.resolved),
          ...(edits ? { fix: { fixId: 'useCustomerKey' as const, edits } } : {}),
        });
        return;
      }
      case 'present': {
        const value = ctx.evaluate(key.attr.expr);
        const id = value.known && value.value !== null ? asString(value.value) : undefined;
        // `alias/aws/sns`, or its ARN form `arn:aws:kms:<region>:<account>:alias/aws/sns`.
        if (!value.known || id === undefined || !(id === AWS_MANAGED || id.endsWith(`:${AWS_MANAGED}`))) return;
        const replace = userValueFix(ctx, resource.uri, topic, 'kms_master_key_id', KEY);
        ctx.report({
          messageId: 'awsManagedKey',
          at: key.attr.expr.span,
          data: { name, value: valueText(value), origin: originSuffix(value) },
          related: originRelated(value),
          severity: 'low',
          ...(replace ? { fix: { fixId: 'useCustomerKey' as const, edits: replace } } : {}),
        });
      }
    }
  },
});
