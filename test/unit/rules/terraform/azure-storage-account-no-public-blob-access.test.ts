import rule from '../../../../server/src/rules/terraform/azure-storage-account-no-public-blob-access';
import { runRuleCases } from '../../../harness/rule-cases';

const account = (body: string, header = 'resource "azurerm_storage_account" "phi"'): string =>
  `${header} {\n  name                     = "acmephidata"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n${body}}\n`;
const container = (access: string): string =>
  `resource "azurerm_storage_container" "scans" {\n  name                  = "scans"\n  storage_account_name  = azurerm_storage_account.phi.name\n${access}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'azurerm v3+: public nested items disallowed', code: account('  allow_nested_items_to_be_public = false\n') },
    { name: 'azurerm v2 name set to false', code: account('  allow_blob_public_access = false\n') },
    { name: 'azurerm v2 name null: its v2 default (false) applies', code: account('  allow_blob_public_access = null\n') },
    { name: 'false through a variable default in another file', files: { 'main.tf': account('  allow_nested_items_to_be_public = var.public\n'), 'variables.tf': 'variable "public" {\n  default = false\n}\n' } },
    { name: 'an unresolvable value is not guessed', code: 'variable "public" {}\n' + account('  allow_nested_items_to_be_public = var.public\n') },
    { name: 'private container', code: container('  container_access_type = "private"\n') },
    { name: 'container without access type (default private)', code: container('') },
    { name: 'container access type from an unknown variable', code: 'variable "access" {}\n' + container('  container_access_type = var.access\n') },
  ],
  invalid: [
    {
      name: 'absent: the provider default is true; the fix inserts false',
      code: account('', '«resource "azurerm_storage_account" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'critical' }],
      fix: 'disallow',
      output: account('  allow_nested_items_to_be_public = false\n'),
    },
    {
      name: 'explicit true: the fix replaces it',
      code: account('  allow_nested_items_to_be_public = «true»\n'),
      findings: [{ messageId: 'accountPublic' }],
      fix: 'disallow',
      output: account('  allow_nested_items_to_be_public = false\n'),
    },
    {
      name: 'explicit null with the v3 name: the default (true) applies',
      code: account('  allow_nested_items_to_be_public = «null»\n'),
      findings: [{ messageId: 'accountPublic' }],
    },
    {
      name: 'azurerm v2 name set to true',
      code: account('  allow_blob_public_access = «true»\n'),
      findings: [{ messageId: 'accountPublic' }],
      fix: 'disallow',
      output: account('  allow_blob_public_access = false\n'),
    },
    {
      name: 'true from terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "public" {}\n' + account('  allow_nested_items_to_be_public = «var.public»\n'), 'terraform.tfvars': 'public = true\n' },
      findings: [{ messageId: 'accountPublic', relatedCount: 1 }],
    },
    {
      name: 'blob container: the fix makes it private',
      code: container('  container_access_type = «"blob"»\n'),
      findings: [{ messageId: 'containerPublic' }],
      fix: 'makePrivate',
      output: container('  container_access_type = "private"\n'),
    },
    {
      name: 'for_each containers with "container" access, reported once',
      code: 'resource "azurerm_storage_container" "c" {\n  for_each              = toset(["a", "b"])\n  name                  = each.key\n  container_access_type = «"container"»\n}\n',
      findings: [{ messageId: 'containerPublic' }],
    },
  ],
});
