import rule from '../../../../server/src/rules/terraform/gcp-storage-bucket-cmek';
import { runRuleCases } from '../../../harness/rule-cases';

const bucket = (body: string, header = 'resource "google_storage_bucket" "phi"'): string =>
  `${header} {\n  name     = "acme-phi-exports"\n  location = "US"\n${body}}\n`;
const encryption = (key: string): string => `\n  encryption {\n    default_kms_key_name = ${key}\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'key of the module', code: bucket(encryption('google_kms_crypto_key.phi.id')) },
    { name: 'key of a data source', code: bucket(encryption('data.google_kms_crypto_key.shared.id')) },
    { name: 'key of a count resource', code: bucket(encryption('google_kms_crypto_key.phi[0].id')) },
    { name: 'literal key name', code: bucket(encryption('"projects/acme/locations/us/keyRings/phi/cryptoKeys/exports"')) },
    { name: 'key from a variable without a value is not guessed', code: 'variable "kms_key" {}\n' + bucket(encryption('var.kms_key')) },
    {
      name: 'dynamic encryption block with a non-empty for_each from terraform.tfvars',
      files: {
        'main.tf': 'variable "kms_keys" {}\n' + bucket('\n  dynamic "encryption" {\n    for_each = var.kms_keys\n    content {\n      default_kms_key_name = encryption.value\n    }\n  }\n'),
        'terraform.tfvars': 'kms_keys = ["projects/acme/locations/us/keyRings/phi/cryptoKeys/exports"]\n',
      },
    },
    { name: 'dynamic encryption block with an unknown for_each', code: 'variable "kms_keys" {}\n' + bucket('\n  dynamic "encryption" {\n    for_each = var.kms_keys\n    content {\n      default_kms_key_name = encryption.value\n    }\n  }\n') },
  ],
  invalid: [
    {
      name: 'no encryption block: the review fix asks for a key',
      code: bucket('', '«resource "google_storage_bucket" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'useCustomerKey',
      output:
        bucket('  encryption {\n    default_kms_key_name = var.gcs_kms_key_name\n  }\n') +
        '\nvariable "gcs_kms_key_name" {\n  description = "Resource name of the Cloud KMS key that encrypts new objects (projects/…/locations/…/keyRings/…/cryptoKeys/…); the Cloud Storage service agent needs encrypter/decrypter on it"\n  type        = string\n}\n',
    },
    {
      name: 'key null from a variable default in another file',
      files: { 'main.tf': bucket(encryption('«var.kms_key»')), 'variables.tf': 'variable "kms_key" {\n  default = null\n}\n' },
      findings: [{ messageId: 'noKey', relatedCount: 1 }],
    },
    {
      name: 'empty key name',
      code: bucket(encryption('«""»')),
      findings: [{ messageId: 'noKey' }],
    },
    {
      name: 'dynamic encryption block whose for_each is an empty list by default',
      files: {
        'main.tf': '«resource "google_storage_bucket" "phi"» {\n  name     = "acme-phi-exports"\n  location = "US"\n\n  dynamic "encryption" {\n    for_each = var.kms_keys\n    content {\n      default_kms_key_name = encryption.value\n    }\n  }\n}\n',
        'variables.tf': 'variable "kms_keys" {\n  default = []\n}\n',
      },
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'count bucket reported once',
      code: '«resource "google_storage_bucket" "phi"» {\n  count    = 3\n  name     = "acme-${count.index}"\n  location = "US"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
