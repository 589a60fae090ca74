import rule from '../../../../server/src/rules/terraform/azure-storage-account-default-deny-network';
import { runRuleCases } from '../../../harness/rule-cases';

const account = (body: string, header = 'resource "azurerm_storage_account" "phi"'): string =>
  `${header} {\n  name                     = "acmephidata"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n${body}}\n`;
const rules = (target: string, action: string, extra = ''): string =>
  `resource "azurerm_storage_account_network_rules" "phi" {\n  ${target}\n  default_action             = ${action}\n  virtual_network_subnet_ids = [azurerm_subnet.app.id]\n${extra}}\n`;
const inline = (action: string, extra = ''): string => `\n  network_rules {\n    default_action = ${action}\n${extra}  }\n`;
/** The usual module shape: the rules exist only when the caller passes them. */
const optionalRules = `variable "network_rules" {\n  default = null\n}\n`;
const dynamicRules = (forEach: string): string =>
  `\n  dynamic "network_rules" {\n    for_each = ${forEach}\n    content {\n      default_action = "Deny"\n    }\n  }\n`;

const SUBNETS_DECLARATION =
  '\nvariable "storage_allowed_subnet_ids" {\n  description = "IDs of the subnets allowed to reach the storage account (each with the Microsoft.Storage service endpoint)"\n  type        = list(string)\n}\n';
/** The network_rules block the fix adds, the allowed subnets left to the user. */
const ADDED_RULES = '  network_rules {\n    default_action             = "Deny"\n    bypass                     = ["AzureServices"]\n    virtual_network_subnet_ids = var.storage_allowed_subnet_ids\n  }\n';

runRuleCases(rule, {
  valid: [
    { name: 'inline network_rules deny by default', code: account(inline('"Deny"')) },
    { name: 'network rules resource in another file, by id', files: { 'main.tf': account(''), 'network.tf': rules('storage_account_id = azurerm_storage_account.phi.id', '"Deny"') } },
    {
      name: 'azurerm v2 network rules resource, by storage_account_name',
      files: { 'main.tf': account(''), 'network.tf': rules('storage_account_name = azurerm_storage_account.phi.name', '"Deny"').replace('  default_action', '  resource_group_name = "rg-phi"\n  default_action') },
    },
    { name: 'network rules resource by a literal Azure id', files: { 'main.tf': account(''), 'network.tf': rules('storage_account_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmephidata"', '"Deny"') } },
    { name: 'public network access disabled, no rules', code: account('  public_network_access_enabled = false\n') },
    {
      name: 'an Allow rules resource on an account whose public access is disabled',
      files: { 'network.tf': rules('storage_account_id = azurerm_storage_account.phi.id', '"Allow"'), 'main.tf': account('  public_network_access_enabled = false\n') },
    },
    { name: 'an Allow rules resource is reported on itself, not again on the account', files: { 'main.tf': account(''), 'network.tf': rules('storage_account_id = azurerm_storage_account.phi.id', '"Allow"') } },
    { name: 'a rules resource whose account cannot be resolved may cover the account', code: 'variable "account_id" {}\n' + account('') + rules('storage_account_id = var.account_id', '"Deny"') },
    { name: 'default_action from a variable without a value', code: 'variable "action" {}\n' + account(inline('var.action')) },
    {
      name: 'dynamic network_rules denying by default',
      code: account('\n  dynamic "network_rules" {\n    for_each = [1]\n    content {\n      default_action = "Deny"\n      bypass         = ["AzureServices"]\n    }\n  }\n'),
    },
    { name: 'dynamic network_rules with an unresolvable for_each is not guessed', code: 'variable "network_rules" {}\n' + account(dynamicRules('var.network_rules == null ? [] : [var.network_rules]')) },
    { name: 'Deny with ip rules of known ranges', code: account(inline('"Deny"', '    ip_rules       = ["203.0.113.0/24"]\n')) },
  ],
  invalid: [
    {
      name: 'no network rules at all',
      code: account('', '«resource "azurerm_storage_account" "phi"»'),
      findings: [{ messageId: 'noRules', severity: 'high' }],
      fix: 'addNetworkRules',
      output: account(ADDED_RULES) + SUBNETS_DECLARATION,
    },
    {
      name: 'public network access enabled explicitly, no rules',
      code: account('  public_network_access_enabled = «true»\n'),
      findings: [{ messageId: 'publicEnabled' }],
      fix: 'addNetworkRules',
      output: account(`  public_network_access_enabled = true\n${ADDED_RULES}`) + SUBNETS_DECLARATION,
    },
    {
      name: 'inline network_rules allowing by default',
      code: account(inline('«"Allow"»')),
      findings: [{ messageId: 'allowByDefault' }],
      fix: 'denyByDefaultChosenSubnets',
      output: account(inline('"Deny"', '    virtual_network_subnet_ids = var.storage_allowed_subnet_ids\n')) + SUBNETS_DECLARATION,
    },
    {
      name: 'a network rules resource allowing by default',
      files: { 'network.tf': rules('storage_account_id = azurerm_storage_account.phi.id', '«"Allow"»'), 'main.tf': account('') },
      findings: [{ messageId: 'allowByDefault' }],
      fix: 'denyByDefault',
      output: rules('storage_account_id = azurerm_storage_account.phi.id', '"Deny"'),
    },
    {
      name: 'default_action Allow from terraform.tfvars',
      files: { 'main.tf': 'variable "action" {}\n' + account(inline('«var.action»')), 'terraform.tfvars': 'action = "Allow"\n' },
      findings: [{ messageId: 'allowByDefault', relatedCount: 1 }],
    },
    {
      name: 'deny by default with 0.0.0.0/0 in ip_rules',
      code: account(inline('"Deny"', '    ip_rules       = ["203.0.113.0/24", «"0.0.0.0/0"»]\n')),
      findings: [{ messageId: 'openIpRule' }],
      fix: 'restrictIpRule',
      output:
        account(inline('"Deny"', '    ip_rules       = ["203.0.113.0/24", var.storage_allowed_ip_range]\n')) +
        '\nvariable "storage_allowed_ip_range" {\n  description = "Public IP range (CIDR) allowed to reach the storage account"\n  type        = string\n}\n',
    },
    {
      name: 'no network rules, CRLF line endings, the variable already declared: only referenced',
      code: ('variable "storage_allowed_subnet_ids" {\n  type = list(string)\n}\n' + account('', '«resource "azurerm_storage_account" "phi"»')).replace(/\n/g, '\r\n'),
      findings: [{ messageId: 'noRules' }],
      fix: 'addNetworkRules',
      output: ('variable "storage_allowed_subnet_ids" {\n  type = list(string)\n}\n' + account(ADDED_RULES)).replace(/\n/g, '\r\n'),
    },
    {
      name: 'a rules resource for another account does not count',
      code: account('', '«resource "azurerm_storage_account" "phi"»') + rules('storage_account_id = azurerm_storage_account.logs.id', '"Deny"'),
      findings: [{ messageId: 'noRules' }],
    },
    {
      name: 'dynamic network_rules whose for_each is empty: the account has no rules',
      code: optionalRules + account(dynamicRules('var.network_rules == null ? [] : [var.network_rules]'), '«resource "azurerm_storage_account" "phi"»'),
      findings: [{ messageId: 'noRules' }],
    },
    {
      name: 'count account reported once',
      code: '«resource "azurerm_storage_account" "phi"» {\n  count = 2\n  name  = "acmephi${count.index}"\n}\n',
      findings: [{ messageId: 'noRules' }],
    },
  ],
});
