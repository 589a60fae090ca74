import rule from '../../../../server/src/rules/terraform/aws-kms-key-rotation-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'rotation enabled', code: 'resource "aws_kms_key" "phi" {\n  description         = "PHI data key"\n  enable_key_rotation = true\n}\n' },
    { name: 'symmetric key spec stated, rotation enabled', code: 'resource "aws_kms_key" "phi" {\n  customer_master_key_spec = "SYMMETRIC_DEFAULT"\n  enable_key_rotation      = true\n}\n' },
    { name: 'asymmetric keys cannot rotate (catalog applies_when)', code: 'resource "aws_kms_key" "signing" {\n  key_usage                = "SIGN_VERIFY"\n  customer_master_key_spec = "RSA_2048"\n}\n' },
    { name: 'HMAC keys cannot rotate', code: 'resource "aws_kms_key" "mac" {\n  key_usage                = "GENERATE_VERIFY_MAC"\n  customer_master_key_spec = "HMAC_256"\n  enable_key_rotation      = false\n}\n' },
    { name: 'keys in a custom key store cannot rotate', code: 'resource "aws_kms_key" "hsm" {\n  custom_key_store_id = aws_kms_custom_key_store.hsm.id\n}\n' },
    { name: 'an unknown key spec is not judged', code: 'variable "spec" {}\nresource "aws_kms_key" "k" {\n  customer_master_key_spec = var.spec\n}\n' },
    { name: 'a variable without a default is not judged', code: 'variable "rotate" {}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = var.rotate\n}\n' },
    {
      name: 'key spec from a variable default that is asymmetric',
      files: {
        'main.tf': 'resource "aws_kms_key" "k" {\n  customer_master_key_spec = var.spec\n}\n',
        'variables.tf': 'variable "spec" {\n  default = "ECC_NIST_P256"\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'attribute missing (provider default false)',
      code: '«resource "aws_kms_key" "phi"» {\n  description = "PHI data key"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'enable',
      output: 'resource "aws_kms_key" "phi" {\n  description = "PHI data key"\n  enable_key_rotation = true\n}\n',
    },
    {
      name: 'explicitly disabled on a symmetric key',
      code: 'resource "aws_kms_key" "phi" {\n  customer_master_key_spec = "SYMMETRIC_DEFAULT"\n  enable_key_rotation      = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: 'resource "aws_kms_key" "phi" {\n  customer_master_key_spec = "SYMMETRIC_DEFAULT"\n  enable_key_rotation      = true\n}\n',
    },
    {
      name: 'aligned attributes: the inserted line is aligned too',
      code: '«resource "aws_kms_key" "phi"» {\n  description             = "PHI data key"\n  deletion_window_in_days = 30\n}\n',
      findings: [{ messageId: 'missing' }],
      fix: 'enable',
      output: 'resource "aws_kms_key" "phi" {\n  description             = "PHI data key"\n  deletion_window_in_days = 30\n  enable_key_rotation     = true\n}\n',
    },
    {
      name: 'local false: finding at the use site, related to the local',
      files: {
        'main.tf': 'resource "aws_kms_key" "phi" {\n  enable_key_rotation = «local.rotate»\n}\n',
        'locals.tf': 'locals {\n  rotate = false\n}\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'a null custom key store is the default AWS store',
      code: '«resource "aws_kms_key" "phi"» {\n  custom_key_store_id = null\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
