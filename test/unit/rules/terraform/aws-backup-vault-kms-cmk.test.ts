import rule from '../../../../server/src/rules/terraform/aws-backup-vault-kms-cmk';
import { runRuleCases } from '../../../harness/rule-cases';

/** What the fix appends: the key is the user's choice, so a variable without a default. */
const keyVariable = '\nvariable "backup_vault_kms_key_arn" {\n  description = "ARN of the customer managed KMS key that encrypts the recovery points of the AWS Backup vault (its key policy decides who can decrypt)"\n  type        = string\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'customer managed key of the module', code: 'resource "aws_backup_vault" "phi" {\n  name        = "phi"\n  kms_key_arn = aws_kms_key.backup.arn\n}\n' },
    {
      name: 'key ARN from terraform.tfvars',
      files: {
        'main.tf': 'resource "aws_backup_vault" "phi" {\n  name        = "phi"\n  kms_key_arn = var.backup_key\n}\n',
        'variables.tf': 'variable "backup_key" {\n  type = string\n}\n',
        'terraform.tfvars': 'backup_key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n',
      },
    },
    { name: 'key ARN from a variable without a value is not judged', code: 'variable "key" {}\nresource "aws_backup_vault" "phi" {\n  kms_key_arn = var.key\n}\n' },
    { name: 'for_each vaults with a data source key', code: 'resource "aws_backup_vault" "v" {\n  for_each    = toset(["a", "b"])\n  name        = each.key\n  kms_key_arn = data.aws_kms_key.backup.arn\n}\n' },
  ],
  invalid: [
    {
      name: 'no kms_key_arn: the review fix asks for a key',
      code: '«resource "aws_backup_vault" "phi"» {\n  name = "phi"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'useCustomerKey',
      output: 'resource "aws_backup_vault" "phi" {\n  name = "phi"\n  kms_key_arn = var.backup_vault_kms_key_arn\n}\n' + keyVariable,
    },
    {
      name: 'kms_key_arn null through a variable default: at the value, related to the default',
      files: { 'main.tf': 'resource "aws_backup_vault" "phi" {\n  kms_key_arn = «var.key»\n}\n', 'variables.tf': 'variable "key" {\n  default = null\n}\n' },
      findings: [{ messageId: 'missing', relatedCount: 1 }],
    },
    {
      name: 'the AWS managed aws/backup alias',
      code: 'resource "aws_backup_vault" "phi" {\n  kms_key_arn = «"arn:aws:kms:us-east-1:111122223333:alias/aws/backup"»\n}\n',
      findings: [{ messageId: 'awsManaged' }],
      fix: 'useCustomerKey',
      output: 'resource "aws_backup_vault" "phi" {\n  kms_key_arn = var.backup_vault_kms_key_arn\n}\n' + keyVariable,
    },
    { name: 'count vault: reported once', code: '«resource "aws_backup_vault" "v"» {\n  count = 2\n  name  = "v${count.index}"\n}\n', findings: [{ messageId: 'missing' }] },
  ],
});
