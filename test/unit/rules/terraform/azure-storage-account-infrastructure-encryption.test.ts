import rule from '../../../../server/src/rules/terraform/azure-storage-account-infrastructure-encryption';
import { runRuleCases } from '../../../harness/rule-cases';

const account = (body: string, header = 'resource "azurerm_storage_account" "phi"'): string =>
  `${header} {\n  name                     = "acmephidata"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'enabled', code: account('  infrastructure_encryption_enabled = true\n') },
    { name: 'enabled through a variable default in another file', files: { 'main.tf': account('  infrastructure_encryption_enabled = var.double\n'), 'variables.tf': 'variable "double" {\n  type    = bool\n  default = true\n}\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "double" {}\n' + account('  infrastructure_encryption_enabled = var.double\n') },
  ],
  invalid: [
    {
      name: 'absent: the fix (review) inserts it',
      code: account('', '«resource "azurerm_storage_account" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'enable',
      output: account('  infrastructure_encryption_enabled = true\n'),
    },
    {
      name: 'false: the fix replaces the literal',
      code: account('  infrastructure_encryption_enabled = «false»\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: account('  infrastructure_encryption_enabled = true\n'),
    },
    {
      name: 'false from terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "double" {}\n' + account('  infrastructure_encryption_enabled = «var.double»\n'), 'terraform.tfvars': 'double = false\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'count resource reported once',
      code: '«resource "azurerm_storage_account" "phi"» {\n  count = 2\n  name  = "acmephi${count.index}"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
