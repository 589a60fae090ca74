import rule from '../../../../server/src/rules/terraform/aws-rds-instance-storage-encrypted';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'encryption enabled', code: 'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = true\n}\n' },
    { name: 'other resource types are ignored', code: 'resource "aws_s3_bucket" "logs" {}\n' },
    { name: 'a read replica inherits the source encryption', code: 'resource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.phi.identifier\n}\n' },
    { name: 'a variable without a default is not judged', code: 'variable "encrypt" {}\nresource "aws_db_instance" "phi" {\n  storage_encrypted = var.encrypt\n}\n' },
    {
      name: 'variable default true in another file',
      files: { 'main.tf': 'resource "aws_db_instance" "phi" {\n  storage_encrypted = var.encrypt\n}\n', 'variables.tf': 'variable "encrypt" {\n  default = true\n}\n' },
    },
    {
      name: 'tfvars overrides a false default',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  storage_encrypted = var.encrypt\n}\n',
        'variables.tf': 'variable "encrypt" {\n  default = false\n}\n',
        'terraform.tfvars': 'encrypt = true\n',
      },
    },
    { name: 'a half-typed block is not judged', code: 'resource "aws_db_instance" "phi" {\n  engine = \n' },
  ],
  invalid: [
    {
      name: 'attribute missing',
      code: '«resource "aws_db_instance" "phi"» {\n  engine = "postgres"\n}\n',
      findings: [{ messageId: 'missing' }],
      fix: 'enable',
      output: 'resource "aws_db_instance" "phi" {\n  engine = "postgres"\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'kms_key_id without storage_encrypted does not encrypt (KICS db_instance_storage_not_encrypted negative1.tf, second instance)',
      code: '«resource "aws_db_instance" "phi"» {\n  engine     = "postgres"\n  kms_key_id = aws_kms_key.rds.arn\n}\n',
      findings: [{ messageId: 'kmsKeyOnly' }],
      fix: 'enable',
      output: 'resource "aws_db_instance" "phi" {\n  engine     = "postgres"\n  kms_key_id = aws_kms_key.rds.arn\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'explicitly disabled',
      code: 'resource "aws_db_instance" "phi" {\n  storage_encrypted = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: 'resource "aws_db_instance" "phi" {\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'variable default false: finding at the use site, related to the default',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  storage_encrypted = «var.encrypt»\n}\n',
        'variables.tf': 'variable "encrypt" {\n  type    = bool\n  default = false\n}\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'tfvars sets false',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  storage_encrypted = «var.encrypt»\n}\n',
        'variables.tf': 'variable "encrypt" {\n  default = true\n}\n',
        'prod.auto.tfvars': 'encrypt = false\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'one finding per offending resource, empty block opened up by the fix',
      code: 'resource "aws_db_instance" "a" {\n  storage_encrypted = «false»\n}\n«resource "aws_db_instance" "b"» {}\n',
      findings: [{ messageId: 'disabled' }, { messageId: 'missing' }],
      fix: 'enable',
      output: 'resource "aws_db_instance" "a" {\n  storage_encrypted = true\n}\nresource "aws_db_instance" "b" {\n  storage_encrypted = true\n}\n',
    },
  ],
});
