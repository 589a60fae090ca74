import rule from '../../../../server/src/rules/terraform/azure-storage-account-min-tls12';
import { runRuleCases } from '../../../harness/rule-cases';

const account = (body: string, header = 'resource "azurerm_storage_account" "phi"'): string =>
  `${header} {\n  name                     = "acmephidata"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'TLS1_2', code: account('  min_tls_version          = "TLS1_2"\n') },
    { name: 'TLS1_3', code: account('  min_tls_version          = "TLS1_3"\n') },
    { name: 'TLS1_2 from terraform.tfvars', files: { 'main.tf': 'variable "tls" {}\n' + account('  min_tls_version          = var.tls\n'), 'terraform.tfvars': 'tls = "TLS1_2"\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "tls" {}\n' + account('  min_tls_version          = var.tls\n') },
  ],
  invalid: [
    {
      name: 'absent: warn at medium severity; the fix inserts TLS1_2 aligned',
      code: account('', '«resource "azurerm_storage_account" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'setTls12',
      output: account('  min_tls_version          = "TLS1_2"\n'),
    },
    {
      name: 'TLS1_0: high severity; the fix replaces the literal',
      code: account('  min_tls_version          = «"TLS1_0"»\n'),
      findings: [{ messageId: 'outdated', severity: 'high' }],
      fix: 'setTls12',
      output: account('  min_tls_version          = "TLS1_2"\n'),
    },
    {
      name: 'TLS1_1 from a variable default in another file: related, no fix',
      files: { 'main.tf': account('  min_tls_version          = «var.tls»\n'), 'variables.tf': 'variable "tls" {\n  default = "TLS1_1"\n}\n' },
      findings: [{ messageId: 'outdated', relatedCount: 1 }],
    },
    {
      name: 'for_each resource reported once',
      code: 'resource "azurerm_storage_account" "phi" {\n  for_each        = toset(["a", "b"])\n  name            = "acme${each.key}"\n  min_tls_version = «"TLS1_1"»\n}\n',
      findings: [{ messageId: 'outdated' }],
    },
    {
      name: 'explicit null: the provider default applies (warn), no fix',
      code: account('  min_tls_version          = null\n', '«resource "azurerm_storage_account" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
    },
  ],
});
