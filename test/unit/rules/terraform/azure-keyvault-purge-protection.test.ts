import rule from '../../../../server/src/rules/terraform/azure-keyvault-purge-protection';
import { runRuleCases } from '../../../harness/rule-cases';

const vault = (body: string, header = 'resource "azurerm_key_vault" "phi"'): string =>
  `${header} {\n  name                = "acme-phi-kv"\n  location            = "eastus2"\n  resource_group_name = "rg-phi"\n  tenant_id           = var.tenant_id\n  sku_name            = "premium"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'purge protection on', code: vault('  purge_protection_enabled = true\n') },
    { name: 'purge protection on, 90 days retention', code: vault('  purge_protection_enabled   = true\n  soft_delete_retention_days = 90\n') },
    { name: 'true from terraform.tfvars', files: { 'main.tf': 'variable "purge_protection" {}\n' + vault('  purge_protection_enabled = var.purge_protection\n'), 'terraform.tfvars': 'purge_protection = true\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "purge_protection" {}\n' + vault('  purge_protection_enabled = var.purge_protection\n') },
  ],
  invalid: [
    {
      name: 'absent: the review fix inserts it, aligned',
      code: vault('', '«resource "azurerm_key_vault" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'enable',
      output: vault('  purge_protection_enabled = true\n'),
    },
    {
      name: 'false: the fix replaces the literal',
      code: vault('  purge_protection_enabled = «false»\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: vault('  purge_protection_enabled = true\n'),
    },
    {
      name: 'false from a variable default in another file: related, no fix',
      files: { 'main.tf': vault('  purge_protection_enabled = «var.purge_protection»\n'), 'variables.tf': 'variable "purge_protection" {\n  default = false\n}\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'retention below 7 days',
      code: vault('  purge_protection_enabled   = true\n  soft_delete_retention_days = «3»\n'),
      findings: [{ messageId: 'shortRetention' }],
    },
    {
      name: 'count vault reported once',
      code: '«resource "azurerm_key_vault" "phi"» {\n  count    = 2\n  name     = "acme-kv-${count.index}"\n  sku_name = "standard"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
