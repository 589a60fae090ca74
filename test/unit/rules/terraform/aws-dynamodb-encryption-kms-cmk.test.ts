import rule from '../../../../server/src/rules/terraform/aws-dynamodb-encryption-kms-cmk';
import { runRuleCases } from '../../../harness/rule-cases';

const table = (body: string): string => `resource "aws_dynamodb_table" "claims" {\n  name     = "claims"\n  hash_key = "id"\n${body}}\n`;
/** What the fixes append: the key is the user's choice, so a variable without a default. */
const keyVariable =
  '\nvariable "dynamodb_kms_key_arn" {\n  description = "ARN of the customer managed KMS key that encrypts the DynamoDB table (its key policy decides who can decrypt)"\n  type        = string\n}\n';
const header = (code: string): string => code.replace('resource "aws_dynamodb_table" "claims"', '«resource "aws_dynamodb_table" "claims"»');

runRuleCases(rule, {
  valid: [
    { name: 'customer managed key', code: table('  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.phi.arn\n  }\n') },
    {
      name: 'key ARN from a variable default in another file',
      files: {
        'main.tf': table('  server_side_encryption {\n    enabled     = true\n    kms_key_arn = var.key_arn\n  }\n'),
        'variables.tf': 'variable "key_arn" {\n  default = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n',
      },
    },
    {
      name: 'enabled from terraform.tfvars',
      files: {
        'main.tf': table('  server_side_encryption {\n    enabled     = var.sse\n    kms_key_arn = aws_kms_key.phi.arn\n  }\n'),
        'variables.tf': 'variable "sse" {\n  default = false\n}\n',
        'terraform.tfvars': 'sse = true\n',
      },
    },
    { name: 'an unknown key is not judged', code: 'variable "key" {}\n' + table('  server_side_encryption {\n    enabled     = true\n    kms_key_arn = var.key\n  }\n') },
    { name: 'an unknown enabled is not judged', code: 'variable "sse" {}\n' + table('  server_side_encryption {\n    enabled = var.sse\n  }\n') },
    { name: 'dynamic block with an unknown for_each is not judged', code: 'variable "keys" {}\n' + table('  dynamic "server_side_encryption" {\n    for_each = var.keys\n    content {\n      enabled     = true\n      kms_key_arn = server_side_encryption.value\n    }\n  }\n') },
  ],
  invalid: [
    {
      name: 'no server_side_encryption block (KICS positive): AWS owned key; the fix asks for a customer managed key',
      code: header(table('')),
      findings: [{ messageId: 'noBlock', severity: 'medium' }],
      fix: 'enableWithKey',
      output: table('  server_side_encryption {\n    enabled     = true\n    kms_key_arn = var.dynamodb_kms_key_arn\n  }\n') + keyVariable,
    },
    {
      name: 'explicitly disabled (KICS positive)',
      code: table('  server_side_encryption {\n    enabled = «false»\n  }\n'),
      findings: [{ messageId: 'disabled', severity: 'medium' }],
      fix: 'enableWithKey',
      output: table('  server_side_encryption {\n    enabled = true\n    kms_key_arn = var.dynamodb_kms_key_arn\n  }\n') + keyVariable,
    },
    {
      name: 'explicitly disabled with a key: the safe fix only enables it',
      code: table('  server_side_encryption {\n    enabled     = «false»\n    kms_key_arn = aws_kms_key.phi.arn\n  }\n'),
      findings: [{ messageId: 'disabled', severity: 'medium' }],
      fix: 'enable',
      output: table('  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.phi.arn\n  }\n'),
    },
    {
      name: 'enabled without kms_key_arn: the catalog warn (AWS managed key), at low; the fix asks for a key',
      code: table('  «server_side_encryption» {\n    enabled = true\n  }\n'),
      findings: [{ messageId: 'awsManagedKey', severity: 'low' }],
      fix: 'useCustomerKey',
      output: table('  server_side_encryption {\n    enabled = true\n    kms_key_arn = var.dynamodb_kms_key_arn\n  }\n') + keyVariable,
    },
    {
      name: 'the AWS managed alias named explicitly is the warn too',
      code: table('  server_side_encryption {\n    enabled     = true\n    kms_key_arn = «"alias/aws/dynamodb"»\n  }\n'),
      findings: [{ messageId: 'awsManagedKey', severity: 'low' }],
    },
    {
      name: 'block without enabled',
      code: table('  «server_side_encryption» {\n    kms_key_arn = aws_kms_key.phi.arn\n  }\n'),
      findings: [{ messageId: 'notSet' }],
      fix: 'enable',
      output: table('  server_side_encryption {\n    kms_key_arn = aws_kms_key.phi.arn\n    enabled = true\n  }\n'),
    },
    {
      name: 'disabled by a variable default: related location, no fix',
      files: { 'main.tf': table('  server_side_encryption {\n    enabled = «var.sse»\n  }\n'), 'variables.tf': 'variable "sse" {\n  default = false\n}\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'dynamic block with a known collection: its content is judged',
      code: table('  dynamic "server_side_encryption" {\n    for_each = [1]\n    content {\n      enabled = «false»\n    }\n  }\n'),
      findings: [{ messageId: 'disabled' }],
    },
    {
      name: 'for_each tables: reported once for the block',
      code: '«resource "aws_dynamodb_table" "t"» {\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\n',
      findings: [{ messageId: 'noBlock' }],
    },
  ],
});
