import rule from '../../../../server/src/rules/terraform/azure-mssql-server-auditing-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

const server = (body = '', header = 'resource "azurerm_mssql_server" "phi"'): string =>
  `${header} {\n  name                = "acme-phi-sql"\n  resource_group_name = "rg-phi"\n  location            = "eastus2"\n  version             = "12.0"\n${body}}\n`;
const policy = (serverId: string, body = ''): string => `resource "azurerm_mssql_server_extended_auditing_policy" "phi" {\n  server_id              = ${serverId}\n  log_monitoring_enabled = true\n${body}}\n`;

const dynamicAudit = `\n  dynamic "extended_auditing_policy" {\n    for_each = var.audit ? [1] : []\n    content {\n      storage_endpoint  = "https://acmeaudit.blob.core.windows.net/"\n      retention_in_days = 90\n    }\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'legacy server with a dynamic inline policy whose for_each cannot be resolved is not guessed', code: 'variable "audit" {}\n' + server(dynamicAudit, 'resource "azurerm_sql_server" "phi"') },
    { name: 'legacy server with a dynamic inline policy created by a known for_each', code: 'variable "audit" {\n  default = true\n}\n' + server(dynamicAudit, 'resource "azurerm_sql_server" "phi"') },
    { name: 'policy resource in another file, by reference', files: { 'main.tf': server(), 'audit.tf': policy('azurerm_mssql_server.phi.id', '  retention_in_days      = 90\n') } },
    { name: 'policy without retention (unlimited)', code: server() + policy('azurerm_mssql_server.phi.id') },
    { name: 'retention 0 means unlimited', code: server() + policy('azurerm_mssql_server.phi.id', '  retention_in_days      = 0\n') },
    { name: 'policy by a literal Azure id', code: server() + policy('"/subscriptions/0000/resourceGroups/rg-phi/providers/Microsoft.Sql/servers/acme-phi-sql"') },
    { name: 'legacy azurerm_sql_server with an inline policy of 90+ days', code: server('\n  extended_auditing_policy {\n    storage_endpoint  = azurerm_storage_account.audit.primary_blob_endpoint\n    retention_in_days = 120\n  }\n', 'resource "azurerm_sql_server" "phi"') },
    { name: 'a policy whose server cannot be resolved may audit the server', code: 'variable "server_id" {}\n' + server() + policy('var.server_id') },
    { name: 'retention from a variable without a value', code: 'variable "days" {}\n' + policy('azurerm_mssql_server.phi.id', '  retention_in_days      = var.days\n') },
    { name: 'count server with a count policy', code: server('  count               = 2\n') + 'resource "azurerm_mssql_server_extended_auditing_policy" "phi" {\n  count     = 2\n  server_id = azurerm_mssql_server.phi[count.index].id\n}\n' },
  ],
  invalid: [
    {
      name: 'legacy server whose dynamic inline policy has an empty for_each is not audited',
      code: 'variable "audit" {\n  default = false\n}\n' + server(dynamicAudit, '«resource "azurerm_sql_server" "phi"»'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'server without policy: the review fix adds one after the server',
      code: server('', '«resource "azurerm_mssql_server" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'addPolicy',
      output: server() + '\nresource "azurerm_mssql_server_extended_auditing_policy" "phi" {\n  server_id              = azurerm_mssql_server.phi.id\n  log_monitoring_enabled = true\n  retention_in_days      = 90\n}\n',
    },
    {
      name: 'for_each server: the added policy mirrors for_each',
      code: '«resource "azurerm_mssql_server" "phi"» {\n  for_each = toset(["east", "west"])\n  name     = "acme-${each.key}"\n}\n',
      findings: [{ messageId: 'missing' }],
      fix: 'addPolicy',
      output:
        'resource "azurerm_mssql_server" "phi" {\n  for_each = toset(["east", "west"])\n  name     = "acme-${each.key}"\n}\n\n' +
        'resource "azurerm_mssql_server_extended_auditing_policy" "phi" {\n  for_each = azurerm_mssql_server.phi\n\n  server_id              = each.value.id\n  log_monitoring_enabled = true\n  retention_in_days      = 90\n}\n',
    },
    {
      name: 'legacy azurerm_sql_server without policy: no fix',
      code: server('', '«resource "azurerm_sql_server" "phi"»'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'a policy for another server does not count',
      code: server('', '«resource "azurerm_mssql_server" "phi"»') + policy('azurerm_mssql_server.reporting.id'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'policy with short retention: the review fix sets 90',
      code: policy('azurerm_mssql_server.phi.id', '  retention_in_days      = «30»\n'),
      findings: [{ messageId: 'shortRetention' }],
      fix: 'retain90',
      output: policy('azurerm_mssql_server.phi.id', '  retention_in_days      = 90\n'),
    },
    {
      name: 'policy disabled',
      code: policy('azurerm_mssql_server.phi.id', '  enabled                = «false»\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: policy('azurerm_mssql_server.phi.id', '  enabled                = true\n'),
    },
    {
      name: 'short retention from a variable default in another file',
      files: { 'audit.tf': policy('azurerm_mssql_server.phi.id', '  retention_in_days      = «var.days»\n'), 'variables.tf': 'variable "days" {\n  default = 7\n}\n' },
      findings: [{ messageId: 'shortRetention', relatedCount: 1 }],
    },
    {
      name: 'inline policy on azurerm_mssql_server (azurerm v2) with short retention',
      code: server('\n  extended_auditing_policy {\n    retention_in_days = «20»\n  }\n'),
      findings: [{ messageId: 'shortRetention' }],
    },
  ],
});
