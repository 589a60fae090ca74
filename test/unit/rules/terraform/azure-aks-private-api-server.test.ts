import rule from '../../../../server/src/rules/terraform/azure-aks-private-api-server';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string, header = 'resource "azurerm_kubernetes_cluster" "phi"'): string =>
  `${header} {\n  name                = "aks-phi"\n  location            = "eastus2"\n  resource_group_name = "rg-phi"\n  dns_prefix          = "aksphi"\n${body}}\n`;
const profile = (ranges: string): string => `\n  api_server_access_profile {\n    authorized_ip_ranges = ${ranges}\n  }\n`;
/** The Azure/terraform-azurerm-aks module's shape: the profile exists only when ranges are given. */
const dynamicProfile = (forEach: string): string =>
  `\n  dynamic "api_server_access_profile" {\n    for_each = ${forEach}\n    content {\n      authorized_ip_ranges = ["203.0.113.0/24"]\n    }\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'private cluster', code: cluster('  private_cluster_enabled = true\n') },
    { name: 'azurerm v3+: authorized ranges', code: cluster(profile('["203.0.113.0/24", "198.51.100.10/32"]')) },
    { name: 'azurerm < 3: authorized ranges (top-level attribute)', code: cluster('  api_server_authorized_ip_ranges = ["203.0.113.0/24"]\n') },
    { name: 'ranges from terraform.tfvars', files: { 'main.tf': 'variable "admin_cidrs" {}\n' + cluster(profile('var.admin_cidrs')), 'terraform.tfvars': 'admin_cidrs = ["203.0.113.0/24"]\n' } },
    { name: 'private cluster through a variable default in another file', files: { 'main.tf': cluster('  private_cluster_enabled = var.private\n'), 'variables.tf': 'variable "private" {\n  default = true\n}\n' } },
    { name: 'ranges from a variable without a value are not guessed', code: 'variable "admin_cidrs" {}\n' + cluster(profile('var.admin_cidrs')) },
    { name: 'a private flag without a value is not guessed', code: 'variable "private" {}\n' + cluster('  private_cluster_enabled = var.private\n') },
    { name: 'dynamic profile produced by a known for_each', code: cluster(dynamicProfile('["profile"]')) },
    { name: 'dynamic profile with an unresolvable for_each is not guessed', code: 'variable "restricted" {}\n' + cluster(dynamicProfile('var.restricted ? ["profile"] : []')) },
    { name: 'a /0 range does not matter on a private cluster', code: cluster('  private_cluster_enabled = true\n' + profile('["0.0.0.0/0"]')) },
  ],
  invalid: [
    {
      name: 'neither private nor restricted',
      code: cluster('', '«resource "azurerm_kubernetes_cluster" "phi"»'),
      findings: [{ messageId: 'public', severity: 'high' }],
      fix: 'authorizeRange',
      output:
        cluster('  api_server_access_profile {\n    authorized_ip_ranges = [var.aks_api_allowed_cidr]\n  }\n') +
        '\nvariable "aks_api_allowed_cidr" {\n  description = "The CIDR range allowed to reach the AKS API server (administrators and CI; never 0.0.0.0/0)"\n  type        = string\n}\n',
    },
    {
      name: 'private_cluster_enabled = false without ranges: at the value',
      code: cluster('  private_cluster_enabled = «false»\n'),
      findings: [{ messageId: 'publicExplicit' }],
    },
    {
      name: 'empty authorized ranges',
      code: cluster(profile('[]'), '«resource "azurerm_kubernetes_cluster" "phi"»'),
      findings: [{ messageId: 'public' }],
    },
    {
      name: '0.0.0.0/0 among the authorized ranges',
      code: cluster(profile('["203.0.113.0/24", «"0.0.0.0/0"»]')),
      findings: [{ messageId: 'openRange' }],
    },
    {
      name: '0.0.0.0/0 from a variable default in another file',
      files: { 'main.tf': cluster(profile('[«var.everyone»]')), 'variables.tf': 'variable "everyone" {\n  default = "0.0.0.0/0"\n}\n' },
      findings: [{ messageId: 'openRange', relatedCount: 1 }],
    },
    {
      name: 'azurerm < 3: /0 in the top-level attribute',
      code: cluster('  api_server_authorized_ip_ranges = [«"0.0.0.0/0"»]\n'),
      findings: [{ messageId: 'openRange' }],
    },
    {
      name: 'dynamic profile whose for_each is empty: no ranges apply, no fix into the missing block',
      code: 'variable "restricted" {\n  default = false\n}\n' + cluster(dynamicProfile('var.restricted ? ["profile"] : []'), '«resource "azurerm_kubernetes_cluster" "phi"»'),
      findings: [{ messageId: 'public' }],
    },
    {
      name: 'for_each cluster reported once',
      code: '«resource "azurerm_kubernetes_cluster" "phi"» {\n  for_each   = toset(["east", "west"])\n  name       = "aks-${each.key}"\n  dns_prefix = "aks-${each.key}"\n}\n',
      findings: [{ messageId: 'public' }],
    },
  ],
});
