import rule from '../../../../server/src/rules/terraform/gcp-kms-key-rotation';
import { runRuleCases } from '../../../harness/rule-cases';

const key = (body: string, header = 'resource "google_kms_crypto_key" "phi"'): string =>
  `${header} {\n  name     = "phi-data"\n  key_ring = google_kms_key_ring.phi.id\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: '90 days', code: key('  rotation_period = "7776000s"\n') },
    { name: '30 days', code: key('  rotation_period = "2592000s"\n') },
    { name: 'period from terraform.tfvars', files: { 'main.tf': 'variable "rotation" {}\n' + key('  rotation_period = var.rotation\n'), 'terraform.tfvars': 'rotation = "7776000s"\n' } },
    { name: 'a period from a variable without a value is not guessed', code: 'variable "rotation" {}\n' + key('  rotation_period = var.rotation\n') },
    { name: 'asymmetric signing key: not applicable', code: key('  purpose  = "ASYMMETRIC_SIGN"\n\n  version_template {\n    algorithm = "EC_SIGN_P256_SHA256"\n  }\n') },
    { name: 'import-only key: not applicable', code: key('  import_only                   = true\n  skip_initial_version_creation = true\n') },
    { name: 'purpose from a variable without a value is not guessed', code: 'variable "purpose" {}\n' + key('  purpose  = var.purpose\n') },
  ],
  invalid: [
    {
      name: 'no rotation period: the fix inserts 90 days',
      code: key('', '«resource "google_kms_crypto_key" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'rotate90',
      output: key('  rotation_period = "7776000s"\n'),
    },
    {
      name: 'one year: the fix replaces the literal',
      code: key('  rotation_period = «"31536000s"»\n'),
      findings: [{ messageId: 'tooLong' }],
      fix: 'rotate90',
      output: key('  rotation_period = "7776000s"\n'),
    },
    {
      name: 'explicit ENCRYPT_DECRYPT purpose without rotation',
      code: key('  purpose  = "ENCRYPT_DECRYPT"\n', '«resource "google_kms_crypto_key" "phi"»'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'too long from a variable default in another file: related, no fix',
      files: { 'main.tf': key('  rotation_period = «var.rotation»\n'), 'variables.tf': 'variable "rotation" {\n  default = "15552000s"\n}\n' },
      findings: [{ messageId: 'tooLong', relatedCount: 1 }],
    },
    {
      name: 'for_each keys reported once',
      code: '«resource "google_kms_crypto_key" "k"» {\n  for_each = toset(["ehr", "imaging"])\n  name     = each.key\n  key_ring = google_kms_key_ring.phi.id\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
