import rule from '../../../../server/src/rules/terraform/aws-dynamodb-pitr-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

const table = (body: string): string => `resource "aws_dynamodb_table" "claims" {\n  name     = "claims"\n  hash_key = "id"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'PITR enabled', code: table('\n  point_in_time_recovery {\n    enabled = true\n  }\n') },
    {
      name: 'enabled from a variable default in another file',
      files: { 'main.tf': table('  point_in_time_recovery {\n    enabled = var.pitr\n  }\n'), 'variables.tf': 'variable "pitr" {\n  default = true\n}\n' },
    },
    {
      name: 'terraform.tfvars overrides a false default',
      files: {
        'main.tf': table('  point_in_time_recovery {\n    enabled = var.pitr\n  }\n'),
        'variables.tf': 'variable "pitr" {\n  default = false\n}\n',
        'terraform.tfvars': 'pitr = true\n',
      },
    },
    { name: 'an unknown value is not judged', code: 'variable "pitr" {}\n' + table('  point_in_time_recovery {\n    enabled = var.pitr\n  }\n') },
    { name: 'dynamic block with a known non-empty for_each', code: table('  dynamic "point_in_time_recovery" {\n    for_each = [true]\n    content {\n      enabled = true\n    }\n  }\n') },
    { name: 'dynamic block with an unknown for_each is not judged', code: 'variable "pitr" {}\n' + table('  dynamic "point_in_time_recovery" {\n    for_each = var.pitr ? [1] : []\n    content {\n      enabled = true\n    }\n  }\n') },
    { name: 'for_each tables with PITR', code: 'resource "aws_dynamodb_table" "t" {\n  for_each = toset(["a", "b"])\n  name     = each.key\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n' },
  ],
  invalid: [
    {
      name: 'no point_in_time_recovery block (KICS positive): fix adds it',
      code: table('').replace('resource "aws_dynamodb_table" "claims"', '«resource "aws_dynamodb_table" "claims"»'),
      findings: [{ messageId: 'noBlock', severity: 'medium' }],
      fix: 'enable',
      output: table('  point_in_time_recovery {\n    enabled = true\n  }\n'),
    },
    {
      name: 'explicitly disabled',
      code: table('  point_in_time_recovery {\n    enabled = «false»\n  }\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: table('  point_in_time_recovery {\n    enabled = true\n  }\n'),
    },
    {
      name: 'block without enabled',
      code: table('  «point_in_time_recovery» {\n  }\n'),
      findings: [{ messageId: 'notSet' }],
      fix: 'enable',
      output: table('  point_in_time_recovery {\n    enabled = true\n  }\n'),
    },
    {
      name: 'false from a variable default: related location, no fix',
      files: { 'main.tf': table('  point_in_time_recovery {\n    enabled = «var.pitr»\n  }\n'), 'variables.tf': 'variable "pitr" {\n  default = false\n}\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'dynamic block whose for_each resolves to an empty list produces no block',
      files: {
        'main.tf': table('  dynamic "point_in_time_recovery" {\n    for_each = var.pitr ? [1] : []\n    content {\n      enabled = true\n    }\n  }\n').replace('resource "aws_dynamodb_table" "claims"', '«resource "aws_dynamodb_table" "claims"»'),
        'variables.tf': 'variable "pitr" {\n  default = false\n}\n',
      },
      findings: [{ messageId: 'noBlock' }],
    },
    {
      name: 'count tables: reported once for the block',
      code: '«resource "aws_dynamodb_table" "t"» {\n  count = 2\n  name  = "t-${count.index}"\n}\n',
      findings: [{ messageId: 'noBlock' }],
    },
  ],
});
