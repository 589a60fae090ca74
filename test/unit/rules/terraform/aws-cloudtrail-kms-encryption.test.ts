import rule from '../../../../server/src/rules/terraform/aws-cloudtrail-kms-encryption';
import { runRuleCases } from '../../../harness/rule-cases';

/** What the fix appends: the key is the user's choice, so a variable without a default. */
const keyVariable = '\nvariable "cloudtrail_kms_key_arn" {\n  description = "ARN of the customer managed KMS key that encrypts the CloudTrail log files (its key policy decides who can decrypt)"\n  type        = string\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'key referenced by ARN', code: 'resource "aws_cloudtrail" "audit" {\n  name       = "audit"\n  kms_key_id = aws_kms_key.audit.arn\n}\n' },
    { name: 'literal key ARN', code: 'resource "aws_cloudtrail" "audit" {\n  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/example"\n}\n' },
    { name: 'key from a data source', code: 'resource "aws_cloudtrail" "audit" {\n  kms_key_id = data.aws_kms_alias.audit.target_key_arn\n}\n' },
    {
      name: 'key from a variable default in another file',
      files: {
        'main.tf': 'resource "aws_cloudtrail" "audit" {\n  kms_key_id = var.trail_key\n}\n',
        'variables.tf': 'variable "trail_key" {\n  default = "alias/cloudtrail"\n}\n',
      },
    },
    { name: 'a variable without a default is not judged', code: 'variable "trail_key" {}\nresource "aws_cloudtrail" "audit" {\n  kms_key_id = var.trail_key\n}\n' },
    { name: 'count trail with a key', code: 'resource "aws_cloudtrail" "audit" {\n  count      = 2\n  kms_key_id = aws_kms_key.audit[count.index].arn\n}\n' },
    { name: 'other resource types are ignored', code: 'resource "aws_s3_bucket" "logs" {}\n' },
  ],
  invalid: [
    {
      name: 'kms_key_id missing',
      code: '«resource "aws_cloudtrail" "audit"» {\n  name           = "audit"\n  s3_bucket_name = "trail-logs"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'useCustomerKey',
      output: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = "trail-logs"\n  kms_key_id     = var.cloudtrail_kms_key_arn\n}\n' + keyVariable,
    },
    {
      name: 'explicit null',
      code: 'resource "aws_cloudtrail" "audit" {\n  kms_key_id = «null»\n}\n',
      findings: [{ messageId: 'empty' }],
      fix: 'useCustomerKey',
      output: 'resource "aws_cloudtrail" "audit" {\n  kms_key_id = var.cloudtrail_kms_key_arn\n}\n' + keyVariable,
    },
    {
      name: 'empty string from terraform.tfvars: related to the tfvars line, no fix here',
      files: {
        'main.tf': 'variable "trail_key" {\n  default = "alias/cloudtrail"\n}\nresource "aws_cloudtrail" "audit" {\n  kms_key_id = «var.trail_key»\n}\n',
        'terraform.tfvars': 'trail_key = ""\n',
      },
      findings: [{ messageId: 'empty', relatedCount: 1 }],
    },
    {
      name: 'for_each trail reported once',
      code: '«resource "aws_cloudtrail" "regional"» {\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
