/**
 * aws-cloudtrail-kms-encryption: an aws_cloudtrail must set `kms_key_id` (catalog: exists,
 * when_missing fail), so log files are encrypted with SSE-KMS under a customer managed key instead of
 * the default SSE-S3.
 *
 * Findings: an absent attribute at the trail header; `null` or `""` at the value. A reference to a
 * key or a data source counts as set; a variable that cannot be resolved is "cannot determine".
 *
 * Fix: review (the catalog marks it unsafe): the key has to exist and its policy must let
 * cloudtrail.amazonaws.com call GenerateDataKey* (and readers Decrypt), or log delivery stops. The rule
 * never invents a key ARN: it writes `kms_key_id = var.cloudtrail_kms_key_arn` (a snippet placeholder
 * where the editor supports it) and declares the variable without a default. A value that comes from a
 * variable or tfvars is changed there, not here.
 */
import { defineTerraformRule } from '../define-rule';
import { requireKmsKeyId } from './customer-managed-key';
import { customerManagedKey } from './helpers';

const KEY = customerManagedKey('cloudtrail', 'the CloudTrail log files');

export default defineTerraformRule({
  id: 'aws-cloudtrail-kms-encryption',
  resourceTypes: ['aws_cloudtrail'],
  messages: {
    missing: 'aws_cloudtrail "{name}" does not set kms_key_id; its log files are encrypted only with S3-managed keys, outside a customer managed key policy.',
    empty: 'aws_cloudtrail "{name}" sets kms_key_id = {value}{origin}; its log files are not encrypted with a customer managed KMS key.',
  },
  fixes: {
    useCustomerKey: { title: 'Encrypt the log files with a customer managed KMS key you choose (var.cloudtrail_kms_key_arn; its key policy must let CloudTrail use it, or log delivery stops)', safety: 'review' },
  },
  check(resource, ctx) {
    requireKmsKeyId(resource, ctx, KEY);
  },
});
