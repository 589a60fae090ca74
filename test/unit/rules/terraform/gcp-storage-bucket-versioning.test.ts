import rule from '../../../../server/src/rules/terraform/gcp-storage-bucket-versioning';
import { runRuleCases } from '../../../harness/rule-cases';

const bucket = (body: string, header = 'resource "google_storage_bucket" "phi"'): string =>
  `${header} {\n  name     = "acme-phi-exports"\n  location = "US"\n${body}}\n`;
const versioning = (enabled: string): string => `\n  versioning {\n    enabled = ${enabled}\n  }\n`;

const dynamicVersioning = (forEach: string): string => `\n  dynamic "versioning" {\n    for_each = ${forEach}\n    content {\n      enabled = true\n    }\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'dynamic versioning created by a known for_each', code: bucket(dynamicVersioning('[1]')) },
    { name: 'dynamic versioning whose for_each cannot be resolved is not guessed', code: 'variable "versioned" {}\n' + bucket(dynamicVersioning('var.versioned ? [1] : []')) },
    { name: 'versioning enabled', code: bucket(versioning('true')) },
    { name: 'enabled from a variable default in another file', files: { 'main.tf': bucket(versioning('var.versioning')), 'variables.tf': 'variable "versioning" {\n  default = true\n}\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "versioning" {}\n' + bucket(versioning('var.versioning')) },
    { name: 'object form enabled', code: bucket('  versioning = {\n    enabled = true\n  }\n') },
    { name: 'dynamic versioning block enabled', code: bucket('\n  dynamic "versioning" {\n    for_each = [1]\n    content {\n      enabled = true\n    }\n  }\n') },
  ],
  invalid: [
    {
      name: 'dynamic versioning whose for_each is empty: no versioning',
      code: 'variable "versioned" {\n  default = false\n}\n' + bucket(dynamicVersioning('var.versioned ? [1] : []'), '«resource "google_storage_bucket" "phi"»'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'no versioning block: the fix adds one',
      code: bucket('', '«resource "google_storage_bucket" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'enable',
      output: bucket('  versioning {\n    enabled = true\n  }\n'),
    },
    {
      name: 'versioning disabled: the fix replaces the literal',
      code: bucket(versioning('«false»')),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: bucket(versioning('true')),
    },
    {
      name: 'disabled through terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "versioning" {}\n' + bucket(versioning('«var.versioning»')), 'terraform.tfvars': 'versioning = false\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'object form disabled',
      code: bucket('  versioning = {\n    enabled = «false»\n  }\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: bucket('  versioning = {\n    enabled = true\n  }\n'),
    },
    {
      name: 'versioning block without enabled: the fix inserts it',
      code: bucket('\n  «versioning» {\n  }\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'enable',
      output: bucket('\n  versioning {\n    enabled = true\n  }\n'),
    },
    {
      name: 'count bucket reported once',
      code: '«resource "google_storage_bucket" "phi"» {\n  count    = 2\n  name     = "acme-${count.index}"\n  location = "US"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
