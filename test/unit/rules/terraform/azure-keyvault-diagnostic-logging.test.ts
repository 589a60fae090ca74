import rule from '../../../../server/src/rules/terraform/azure-keyvault-diagnostic-logging';
import { runRuleCases } from '../../../harness/rule-cases';

const vault = (header = 'resource "azurerm_key_vault" "phi"', extra = ''): string =>
  `${header} {\n  name                = "acme-phi-kv"\n  location            = "eastus2"\n  resource_group_name = "rg-phi"\n  sku_name            = "premium"\n${extra}}\n`;
const setting = (target: string, logs: string, header = 'resource "azurerm_monitor_diagnostic_setting" "kv"'): string =>
  `${header} {\n  name                       = "kv-audit"\n  target_resource_id         = ${target}\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.sec.id\n${logs}}\n`;
const enabledLog = (attr: string): string => `\n  enabled_log {\n    ${attr}\n  }\n`;
const metric = '\n  metric {\n    category = "AllMetrics"\n  }\n';

runRuleCases(rule, {
  valid: [
    { name: 'azurerm v4: enabled_log AuditEvent in another file', files: { 'main.tf': vault(), 'diag.tf': setting('azurerm_key_vault.phi.id', enabledLog('category = "AuditEvent"')) } },
    { name: 'category group audit', code: vault() + setting('azurerm_key_vault.phi.id', enabledLog('category_group = "audit"')) },
    { name: 'category group allLogs', code: vault() + setting('azurerm_key_vault.phi.id', enabledLog('category_group = "allLogs"')) },
    { name: 'azurerm v3: log block enabled', code: vault() + setting('azurerm_key_vault.phi.id', '\n  log {\n    category = "AuditEvent"\n    enabled  = true\n  }\n') },
    { name: 'azurerm v3: log block, enabled by default', code: vault() + setting('azurerm_key_vault.phi.id', '\n  log {\n    category = "AuditEvent"\n  }\n') },
    { name: 'by a literal Key Vault id', code: vault() + setting('"/subscriptions/0000/resourceGroups/rg-phi/providers/Microsoft.KeyVault/vaults/acme-phi-kv"', enabledLog('category = "AuditEvent"')) },
    {
      name: 'dynamic enabled_log over the categories data source cannot be judged',
      code: vault() + setting('azurerm_key_vault.phi.id', '\n  dynamic "enabled_log" {\n    for_each = data.azurerm_monitor_diagnostic_categories.kv.log_category_types\n    content {\n      category = enabled_log.value\n    }\n  }\n'),
    },
    {
      name: 'dynamic enabled_log over a known list of categories',
      code: vault() + setting('azurerm_key_vault.phi.id', '\n  dynamic "enabled_log" {\n    for_each = ["AuditEvent"]\n    content {\n      category = enabled_log.value\n    }\n  }\n'),
    },
    {
      name: 'dynamic enabled_log whose for_each cannot be resolved is not guessed',
      code: 'variable "audit" {}\n' + vault() + setting('azurerm_key_vault.phi.id', '\n  dynamic "enabled_log" {\n    for_each = var.audit ? [1] : []\n    content {\n      category = "AuditEvent"\n    }\n  }\n'),
    },
    { name: 'a setting whose target cannot be resolved may log the vault', code: 'variable "target" {}\n' + vault() + setting('var.target', metric) },
    {
      name: 'a metrics-only setting is fine when another setting sends the audit events',
      files: {
        'diag.tf': setting('azurerm_key_vault.phi.id', metric),
        'main.tf': vault() + setting('azurerm_key_vault.phi.id', enabledLog('category = "AuditEvent"'), 'resource "azurerm_monitor_diagnostic_setting" "kv_audit"'),
      },
    },
    { name: 'settings of other resource types are ignored', files: { 'diag.tf': setting('azurerm_storage_account.phi.id', metric), 'main.tf': vault() } },
    { name: 'category from terraform.tfvars', files: { 'main.tf': 'variable "cat" {}\n' + vault() + setting('azurerm_key_vault.phi.id', enabledLog('category = var.cat')), 'terraform.tfvars': 'cat = "AuditEvent"\n' } },
    {
      name: 'for_each vaults with a for_each setting',
      code: vault('resource "azurerm_key_vault" "phi"', '  for_each            = toset(["a", "b"])\n') + setting('each.value.id', enabledLog('category_group = "audit"')).replace('  name ', '  for_each                   = azurerm_key_vault.phi\n  name '),
    },
  ],
  invalid: [
    {
      name: 'a vault without any diagnostic setting',
      code: vault('«resource "azurerm_key_vault" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
    },
    {
      name: 'a setting for another vault does not count',
      code: vault('«resource "azurerm_key_vault" "phi"»') + setting('azurerm_key_vault.other.id', enabledLog('category = "AuditEvent"')),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'dynamic enabled_log whose for_each is empty sends no audit events',
      files: {
        'diag.tf': 'variable "audit" {\n  default = false\n}\n' + setting('azurerm_key_vault.phi.id', '\n  dynamic "enabled_log" {\n    for_each = var.audit ? [1] : []\n    content {\n      category = "AuditEvent"\n    }\n  }\n', '«resource "azurerm_monitor_diagnostic_setting" "kv"»'),
        'main.tf': vault(),
      },
      findings: [{ messageId: 'notAudited' }],
    },
    {
      name: 'metrics only: the review fix adds the audit category group',
      files: { 'diag.tf': setting('azurerm_key_vault.phi.id', metric, '«resource "azurerm_monitor_diagnostic_setting" "kv"»'), 'main.tf': vault() },
      findings: [{ messageId: 'notAudited' }],
      fix: 'addAuditLog',
      output: setting('azurerm_key_vault.phi.id', metric + '  enabled_log {\n    category_group = "audit"\n  }\n'),
    },
    {
      name: 'azurerm v3 AuditEvent log switched off: the fix enables it',
      files: { 'diag.tf': setting('azurerm_key_vault.phi.id', '\n  log {\n    category = "AuditEvent"\n    enabled  = «false»\n  }\n'), 'main.tf': vault() },
      findings: [{ messageId: 'auditDisabled' }],
      fix: 'enableLog',
      output: setting('azurerm_key_vault.phi.id', '\n  log {\n    category = "AuditEvent"\n    enabled  = true\n  }\n'),
    },
    {
      name: 'azurerm v3 style with another category: the fix adds a log block',
      files: { 'diag.tf': setting('azurerm_key_vault.phi.id', '\n  log {\n    category = "AzurePolicyEvaluationDetails"\n  }\n', '«resource "azurerm_monitor_diagnostic_setting" "kv"»'), 'main.tf': vault() },
      findings: [{ messageId: 'notAudited' }],
      fix: 'addAuditLog',
      output: setting('azurerm_key_vault.phi.id', '\n  log {\n    category = "AzurePolicyEvaluationDetails"\n  }\n  log {\n    category_group = "audit"\n    enabled        = true\n  }\n'),
    },
    {
      name: 'category from a variable default that is not AuditEvent',
      files: { 'diag.tf': setting('azurerm_key_vault.phi.id', enabledLog('category = var.cat'), '«resource "azurerm_monitor_diagnostic_setting" "kv"»'), 'main.tf': vault() + 'variable "cat" {\n  default = "AzurePolicyEvaluationDetails"\n}\n' },
      findings: [{ messageId: 'notAudited' }],
    },
  ],
});
