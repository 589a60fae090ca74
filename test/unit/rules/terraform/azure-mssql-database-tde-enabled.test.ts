import rule from '../../../../server/src/rules/terraform/azure-mssql-database-tde-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

const db = (body: string): string => `resource "azurerm_mssql_database" "ehr" {\n  name      = "ehr"\n  server_id = azurerm_mssql_server.phi.id\n  sku_name  = "S1"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'absent: the provider default is true', code: db('') },
    { name: 'explicitly true', code: db('  transparent_data_encryption_enabled = true\n') },
    { name: 'true from a variable default in another file', files: { 'main.tf': db('  transparent_data_encryption_enabled = var.tde\n'), 'variables.tf': 'variable "tde" {\n  default = true\n}\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "tde" {}\n' + db('  transparent_data_encryption_enabled = var.tde\n') },
  ],
  invalid: [
    {
      name: 'explicitly false: the fix sets true',
      code: db('  transparent_data_encryption_enabled = «false»\n'),
      findings: [{ messageId: 'disabled', severity: 'high' }],
      fix: 'enable',
      output: db('  transparent_data_encryption_enabled = true\n'),
    },
    {
      name: 'false from terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "tde" {}\n' + db('  transparent_data_encryption_enabled = «var.tde»\n'), 'terraform.tfvars': 'tde = false\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'for_each databases reported once',
      code: 'resource "azurerm_mssql_database" "db" {\n  for_each                            = toset(["ehr", "billing"])\n  name                                = each.key\n  transparent_data_encryption_enabled = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
    },
  ],
});
