import rule from '../../../../server/src/rules/terraform/aws-sns-topic-encrypted';
import { runRuleCases } from '../../../harness/rule-cases';

const topic = (body: string): string => `resource "aws_sns_topic" "alerts" {\n  name = "phi-alerts"\n${body}}\n`;
/** What the fixes append: the key is the user's choice, so a variable without a default. */
const keyVariable =
  '\nvariable "sns_kms_key_arn" {\n  description = "ARN of the customer managed KMS key that encrypts the SNS topic (its key policy decides who can decrypt)"\n  type        = string\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'customer managed key by reference', code: topic('  kms_master_key_id = aws_kms_key.sns.arn\n') },
    { name: 'customer managed key alias (KICS negative)', code: topic('  kms_master_key_id = "alias/MyAlias"\n') },
    { name: 'key from a variable default in another file', files: { 'main.tf': topic('  kms_master_key_id = var.key\n'), 'variables.tf': 'variable "key" {\n  default = "alias/phi-sns"\n}\n' } },
    { name: 'key from a data source', code: topic('  kms_master_key_id = data.aws_kms_alias.sns.target_key_arn\n') },
    { name: 'an unknown key id is not judged', code: 'variable "key" {}\n' + topic('  kms_master_key_id = var.key\n') },
    { name: 'a conditional key id is not judged', code: 'variable "cmk" {}\n' + topic('  kms_master_key_id = var.cmk ? aws_kms_key.sns.arn : null\n') },
    { name: 'for_each topics with a key', code: topic('  for_each          = toset(["a"])\n  kms_master_key_id = aws_kms_key.sns.arn\n') },
  ],
  invalid: [
    {
      name: 'no key: at the header, review fix asks for a customer managed key (never the AWS managed one)',
      code: '«resource "aws_sns_topic" "alerts"» {\n  name = "phi-alerts"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'useCustomerKey',
      output: topic('  kms_master_key_id = var.sns_kms_key_arn\n') + keyVariable,
    },
    {
      name: 'empty key id (KICS positive): at the value, fix replaces it',
      code: topic('  kms_master_key_id = «""»\n'),
      findings: [{ messageId: 'emptyKey' }],
      fix: 'useCustomerKey',
      output: topic('  kms_master_key_id = var.sns_kms_key_arn\n') + keyVariable,
    },
    {
      name: 'AWS managed key: warn (low) at the value; the fix asks for a customer managed key',
      code: topic('  kms_master_key_id = «"alias/aws/sns"»\n'),
      findings: [{ messageId: 'awsManagedKey', severity: 'low' }],
      fix: 'useCustomerKey',
      output: topic('  kms_master_key_id = var.sns_kms_key_arn\n') + keyVariable,
    },
    {
      name: 'AWS managed key ARN from terraform.tfvars: warn, related',
      files: { 'main.tf': 'variable "key" {}\n' + topic('  kms_master_key_id = «var.key»\n'), 'terraform.tfvars': 'key = "arn:aws:kms:us-east-1:111122223333:alias/aws/sns"\n' },
      findings: [{ messageId: 'awsManagedKey', severity: 'low', relatedCount: 1 }],
    },
    {
      name: 'null key from a variable default: related, no fix',
      files: { 'main.tf': topic('  kms_master_key_id = «var.key»\n'), 'variables.tf': 'variable "key" {\n  default = null\n}\n' },
      findings: [{ messageId: 'emptyKey', relatedCount: 1 }],
    },
    {
      name: 'count topic without a key: one finding',
      code: '«resource "aws_sns_topic" "alerts"» {\n  count = 2\n  name  = "phi-alerts-${count.index}"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
