import rule from '../../../../server/src/rules/terraform/azure-aks-rbac-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string): string =>
  `resource "azurerm_kubernetes_cluster" "phi" {\n  name                = "aks-phi"\n  location            = "eastus2"\n  resource_group_name = "rg-phi"\n  dns_prefix          = "aksphi"\n${body}\n  default_node_pool {\n    name       = "system"\n    node_count = 3\n    vm_size    = "Standard_D4s_v5"\n  }\n}\n`;

const dynamicRbac = (forEach: string): string => `\n  dynamic "role_based_access_control" {\n    for_each = ${forEach}\n    content {\n      enabled = false\n    }\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'azurerm < 2.99: a dynamic block disabling RBAC with an empty for_each creates nothing', code: 'variable "legacy" {\n  default = false\n}\n' + cluster(dynamicRbac('var.legacy ? [1] : []')) },
    { name: 'azurerm < 2.99: a dynamic block disabling RBAC with an unresolvable for_each is not guessed', code: 'variable "legacy" {}\n' + cluster(dynamicRbac('var.legacy ? [1] : []')) },
    { name: 'absent: the provider default is true', code: cluster('') },
    { name: 'azurerm v3+: explicitly true, with Entra ID integration', code: cluster('  role_based_access_control_enabled = true\n\n  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }\n') },
    { name: 'azurerm < 2.99: block enabled', code: cluster('\n  role_based_access_control {\n    enabled = true\n  }\n') },
    { name: 'true from a variable default in another file', files: { 'main.tf': cluster('  role_based_access_control_enabled = var.rbac\n'), 'variables.tf': 'variable "rbac" {\n  default = true\n}\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "rbac" {}\n' + cluster('  role_based_access_control_enabled = var.rbac\n') },
  ],
  invalid: [
    {
      name: 'azurerm v3+: explicitly false; the review fix sets true',
      code: cluster('  role_based_access_control_enabled = «false»\n'),
      findings: [{ messageId: 'disabled', severity: 'high' }],
      fix: 'enable',
      output: cluster('  role_based_access_control_enabled = true\n'),
    },
    {
      name: 'azurerm < 2.99: block disabled',
      code: cluster('\n  role_based_access_control {\n    enabled = «false»\n  }\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: cluster('\n  role_based_access_control {\n    enabled = true\n  }\n'),
    },
    {
      name: 'false from terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "rbac" {}\n' + cluster('  role_based_access_control_enabled = «var.rbac»\n'), 'terraform.tfvars': 'rbac = false\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'count cluster reported once',
      code: 'resource "azurerm_kubernetes_cluster" "phi" {\n  count                             = 2\n  name                              = "aks-${count.index}"\n  role_based_access_control_enabled = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
    },
  ],
});
