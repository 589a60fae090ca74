import rule from '../../../../server/src/rules/terraform/azure-storage-account-https-only';
import { runRuleCases } from '../../../harness/rule-cases';

const account = (body: string): string =>
  `resource "azurerm_storage_account" "phi" {\n  name                     = "acmephidata"\n  resource_group_name      = azurerm_resource_group.phi.name\n  location                 = "eastus2"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'azurerm v4 name set to true', code: account('  https_traffic_only_enabled = true\n') },
    { name: 'azurerm v3 name set to true', code: account('  enable_https_traffic_only = true\n') },
    { name: 'absent: the provider default is true', code: account('') },
    { name: 'true from a variable default in another file', files: { 'main.tf': account('  https_traffic_only_enabled = var.https_only\n'), 'variables.tf': 'variable "https_only" {\n  default = true\n}\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "https_only" {}\n' + account('  https_traffic_only_enabled = var.https_only\n') },
  ],
  invalid: [
    {
      name: 'azurerm v3 name set to false: the fix sets it to true',
      code: account('  enable_https_traffic_only = «false»\n'),
      findings: [{ messageId: 'disabled', severity: 'high' }],
      fix: 'enable',
      output: account('  enable_https_traffic_only = true\n'),
    },
    {
      name: 'azurerm v4 name set to false: the fix sets it to true',
      code: account('  https_traffic_only_enabled = «false»\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: account('  https_traffic_only_enabled = true\n'),
    },
    {
      name: 'false from terraform.tfvars: related to the tfvars entry, no fix at the use site',
      files: {
        'main.tf': 'variable "https_only" {\n  default = true\n}\n' + account('  https_traffic_only_enabled = «var.https_only»\n'),
        'terraform.tfvars': 'https_only = false\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'a count resource is reported once',
      code: 'resource "azurerm_storage_account" "phi" {\n  count                     = 3\n  name                      = "acmephi${count.index}"\n  enable_https_traffic_only = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
    },
    {
      name: 'the string "false" counts as false',
      code: account('  https_traffic_only_enabled = «"false"»\n'),
      findings: [{ messageId: 'disabled' }],
    },
  ],
});
