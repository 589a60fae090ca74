import rule from '../../../../server/src/rules/terraform/aws-efs-encrypted';
import { runRuleCases } from '../../../harness/rule-cases';

const fs = (body: string): string => `resource "aws_efs_file_system" "reports" {\n  creation_token = "phi-reports"\n${body}}\n`;
/** What the fixes append: the key is the user's choice, so a variable without a default. */
const keyVariable =
  '\nvariable "efs_kms_key_arn" {\n  description = "ARN of the customer managed KMS key that encrypts the EFS file system (its key policy decides who can decrypt)"\n  type        = string\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'encrypted with a customer managed key', code: fs('  encrypted      = true\n  kms_key_id     = aws_kms_key.phi.arn\n') },
    {
      name: 'key from a variable default in another file',
      files: { 'main.tf': fs('  encrypted      = true\n  kms_key_id     = var.kms_key_arn\n'), 'variables.tf': 'variable "kms_key_arn" {\n  default = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n' },
    },
    {
      name: 'encrypted from terraform.tfvars',
      files: {
        'main.tf': fs('  encrypted      = var.encrypted\n  kms_key_id     = aws_kms_key.phi.arn\n'),
        'variables.tf': 'variable "encrypted" {\n  default = false\n}\n',
        'terraform.tfvars': 'encrypted = true\n',
      },
    },
    { name: 'an unknown value is not judged', code: 'variable "encrypted" {}\n' + fs('  encrypted      = var.encrypted\n') },
    { name: 'an unknown key is not judged', code: 'variable "key" {}\n' + fs('  encrypted      = true\n  kms_key_id     = var.key\n') },
  ],
  invalid: [
    {
      name: 'encrypted missing (KICS positive)',
      code: fs('').replace('resource "aws_efs_file_system" "reports"', '«resource "aws_efs_file_system" "reports"»'),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'enableWithKey',
      output: fs('  encrypted = true\n  kms_key_id = var.efs_kms_key_arn\n') + keyVariable,
    },
    {
      name: 'encrypted = false (KICS positive)',
      code: fs('  encrypted      = «false»\n'),
      findings: [{ messageId: 'disabled', severity: 'high' }],
      fix: 'enableWithKey',
      output: fs('  encrypted      = true\n  kms_key_id     = var.efs_kms_key_arn\n') + keyVariable,
    },
    {
      name: 'encrypted without kms_key_id: the catalog warn (AWS managed key), at medium; the fix asks for a key',
      code: fs('  encrypted      = true\n').replace('resource "aws_efs_file_system" "reports"', '«resource "aws_efs_file_system" "reports"»'),
      findings: [{ messageId: 'awsManagedKey', severity: 'medium' }],
      fix: 'useCustomerKey',
      output: fs('  encrypted      = true\n  kms_key_id     = var.efs_kms_key_arn\n') + keyVariable,
    },
    {
      name: 'false from a variable default: related location, no fix',
      files: { 'main.tf': fs('  encrypted      = «var.encrypted»\n'), 'variables.tf': 'variable "encrypted" {\n  default = false\n}\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'an empty kms_key_id is no key',
      code: fs('  encrypted      = true\n  kms_key_id     = «""»\n'),
      findings: [{ messageId: 'awsManagedKey' }],
    },
    {
      name: 'for_each file systems: reported once for the block',
      code: '«resource "aws_efs_file_system" "shares"» {\n  for_each       = toset(["a", "b"])\n  creation_token = each.key\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
