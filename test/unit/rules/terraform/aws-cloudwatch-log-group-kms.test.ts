import rule from '../../../../server/src/rules/terraform/aws-cloudwatch-log-group-kms';
import { runRuleCases } from '../../../harness/rule-cases';

/** What the fix appends: the key is the user's choice, so a variable without a default. */
const keyVariable = '\nvariable "log_group_kms_key_arn" {\n  description = "ARN of the customer managed KMS key that encrypts the CloudWatch Logs log group (its key policy decides who can decrypt)"\n  type        = string\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'key referenced by ARN', code: 'resource "aws_cloudwatch_log_group" "app" {\n  name       = "/phi/app"\n  kms_key_id = aws_kms_key.logs.arn\n}\n' },
    { name: 'literal key ARN (KICS negative)', code: 'resource "aws_cloudwatch_log_group" "app" {\n  kms_key_id = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n' },
    {
      name: 'key from terraform.tfvars',
      files: {
        'main.tf': 'variable "logs_key" {}\nresource "aws_cloudwatch_log_group" "app" {\n  kms_key_id = var.logs_key\n}\n',
        'terraform.tfvars': 'logs_key = "arn:aws:kms:us-east-1:111122223333:key/example"\n',
      },
    },
    { name: 'a variable without a value is not judged', code: 'variable "logs_key" {}\nresource "aws_cloudwatch_log_group" "app" {\n  kms_key_id = var.logs_key\n}\n' },
    { name: 'a conditional that cannot be resolved is not judged', code: 'variable "on" {}\nresource "aws_cloudwatch_log_group" "app" {\n  kms_key_id = var.on ? aws_kms_key.logs.arn : null\n}\n' },
  ],
  invalid: [
    {
      name: 'kms_key_id missing',
      code: '«resource "aws_cloudwatch_log_group" "app"» {\n  name              = "/phi/app"\n  retention_in_days = 365\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'useCustomerKey',
      output: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/phi/app"\n  retention_in_days = 365\n  kms_key_id        = var.log_group_kms_key_arn\n}\n' + keyVariable,
    },
    {
      name: 'null from a variable default in another file: no fix here',
      files: {
        'main.tf': 'resource "aws_cloudwatch_log_group" "app" {\n  kms_key_id = «var.logs_key»\n}\n',
        'variables.tf': 'variable "logs_key" {\n  type    = string\n  default = null\n}\n',
      },
      findings: [{ messageId: 'empty', relatedCount: 1 }],
    },
    {
      name: 'count log groups are reported once',
      code: '«resource "aws_cloudwatch_log_group" "svc"» {\n  count = 3\n  name  = "/phi/svc-${count.index}"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
