/**
 * aws-cloudwatch-log-group-kms: an aws_cloudwatch_log_group must set `kms_key_id` (catalog: exists,
 * when_missing fail). CloudWatch Logs always encrypts at rest with a service key; a customer
 * managed key puts every read of the (often PHI-bearing) log data under a key policy and in CloudTrail.
 *
 * Findings: an absent attribute at the log group header; `null` or `""` at the value. A reference to
 * a key or a data source counts as set; a variable that cannot be resolved is "cannot determine".
 *
 * Fix: review (the catalog marks it unsafe): the key policy must allow logs.<region>.amazonaws.com
 * with an encryption-context condition or log delivery fails, and the key ARN is environment-specific:
 * the fix writes `kms_key_id = var.log_group_kms_key_arn` (a snippet placeholder where the editor
 * supports it) and declares the variable without a default. Values from variables are changed there.
 */
import { defineTerraformRule } from '../define-rule';
import { requireKmsKeyId } from './customer-managed-key';
import { customerManagedKey } from './helpers';

const KEY = customerManagedKey('log_group', 'the CloudWatch Logs log group');

export default defineTerraformRule({
  id: 'aws-cloudwatch-log-group-kms',
  resourceTypes: ['aws_cloudwatch_log_group'],
  messages: {
    missing: 'aws_cloudwatch_log_group "{name}" does not set kms_key_id; its log events are not encrypted with a customer managed KMS key.',
    empty: 'aws_cloudwatch_log_group "{name}" sets kms_key_id = {value}{origin}; its log events are not encrypted with a customer managed KMS key.',
  },
  fixes: {
    useCustomerKey: { title: 'Encrypt the log group with a customer managed KMS key you choose (var.log_group_kms_key_arn; its key policy must allow CloudWatch Logs, or log delivery fails)', safety: 'review' },
  },
  check(resource, ctx) {
    requireKmsKeyId(resource, ctx, KEY);
  },
});
