import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/terraform/azure-aks-local-accounts-disabled';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

const entra = '\n  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }\n';
const cluster = (body: string, header = 'resource "azurerm_kubernetes_cluster" "phi"'): string =>
  `${header} {\n  name                = "aks-phi"\n  location            = "eastus2"\n  resource_group_name = "rg-phi"\n  dns_prefix          = "aksphi"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'local accounts disabled', code: cluster('  local_account_disabled = true\n' + entra) },
    { name: 'true from a variable default in another file', files: { 'main.tf': cluster('  local_account_disabled = var.no_local\n'), 'variables.tf': 'variable "no_local" {\n  default = true\n}\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "no_local" {}\n' + cluster('  local_account_disabled = var.no_local\n') },
  ],
  invalid: [
    {
      name: 'absent with Entra ID integration: the review fix inserts it',
      code: cluster(entra, '«resource "azurerm_kubernetes_cluster" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'disable',
      output: cluster(entra + '  local_account_disabled = true\n'),
    },
    {
      name: 'false with Entra ID integration: the fix replaces the literal',
      code: cluster('  local_account_disabled = «false»\n' + entra),
      findings: [{ messageId: 'enabled' }],
      fix: 'disable',
      output: cluster('  local_account_disabled = true\n' + entra),
    },
    {
      name: 'absent without Entra ID integration: reported, no fix',
      code: cluster('', '«resource "azurerm_kubernetes_cluster" "phi"»'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'false from terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "no_local" {}\n' + cluster('  local_account_disabled = «var.no_local»\n' + entra), 'terraform.tfvars': 'no_local = false\n' },
      findings: [{ messageId: 'enabled', relatedCount: 1 }],
    },
    {
      name: 'count cluster reported once',
      code: '«resource "azurerm_kubernetes_cluster" "phi"» {\n  count = 2\n  name  = "aks-${count.index}"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});

describe('rule azure-aks-local-accounts-disabled: fix offered only with Entra ID integration', () => {
  it('offers no fix when the cluster has no azure_active_directory_role_based_access_control', async () => {
    const result = await lintFiles({ 'main.tf': cluster('  local_account_disabled = false\n') }, 'main.tf', [rule]);
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0]!.fix, undefined);
  });
});
