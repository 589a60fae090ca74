import rule from '../../../../server/src/rules/terraform/gcp-storage-uniform-bucket-level-access';
import { runRuleCases } from '../../../harness/rule-cases';

const bucket = (body: string, header = 'resource "google_storage_bucket" "phi"'): string =>
  `${header} {\n  name     = "acme-phi-exports"\n  location = "US"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'uniform access on', code: bucket('  uniform_bucket_level_access = true\n') },
    { name: 'google provider < 4 name', code: bucket('  bucket_policy_only = true\n') },
    { name: 'true from terraform.tfvars', files: { 'main.tf': 'variable "ubla" {}\n' + bucket('  uniform_bucket_level_access = var.ubla\n'), 'terraform.tfvars': 'ubla = true\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "ubla" {}\n' + bucket('  uniform_bucket_level_access = var.ubla\n') },
  ],
  invalid: [
    {
      name: 'absent: the review fix inserts it',
      code: bucket('', '«resource "google_storage_bucket" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'enable',
      output: bucket('  uniform_bucket_level_access = true\n'),
    },
    {
      name: 'false: the fix replaces the literal',
      code: bucket('  uniform_bucket_level_access = «false»\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: bucket('  uniform_bucket_level_access = true\n'),
    },
    {
      name: 'false from a variable default in another file: related, no fix',
      files: { 'main.tf': bucket('  uniform_bucket_level_access = «var.ubla»\n'), 'variables.tf': 'variable "ubla" {\n  default = false\n}\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'google provider < 4 name set to false',
      code: bucket('  bucket_policy_only = «false»\n'),
      findings: [{ messageId: 'disabled' }],
    },
    {
      name: 'for_each bucket reported once',
      code: '«resource "google_storage_bucket" "phi"» {\n  for_each = toset(["a", "b"])\n  name     = "acme-${each.key}"\n  location = "US"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
