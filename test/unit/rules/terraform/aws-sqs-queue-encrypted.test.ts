import rule from '../../../../server/src/rules/terraform/aws-sqs-queue-encrypted';
import { runRuleCases } from '../../../harness/rule-cases';

const queue = (body: string): string => `resource "aws_sqs_queue" "hl7" {\n  name = "hl7-inbound"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'SSE-SQS enabled', code: queue('  sqs_managed_sse_enabled = true\n') },
    { name: 'customer managed key by reference', code: queue('  kms_master_key_id = aws_kms_key.hl7.arn\n') },
    { name: 'AWS managed SQS key alias (KICS negative)', code: queue('  kms_master_key_id                 = "alias/aws/sqs"\n  kms_data_key_reuse_period_seconds = 300\n') },
    { name: 'key id from a variable default in another file', files: { 'main.tf': queue('  kms_master_key_id = var.key\n'), 'variables.tf': 'variable "key" {\n  default = "alias/hl7"\n}\n' } },
    { name: 'a key overrides sqs_managed_sse_enabled = false', code: queue('  sqs_managed_sse_enabled = false\n  kms_master_key_id       = data.aws_kms_key.hl7.arn\n') },
    { name: 'an unknown key id is not judged', code: 'variable "key" {}\n' + queue('  kms_master_key_id = var.key\n') },
    { name: 'an unknown flag is not judged', code: 'variable "sse" {}\n' + queue('  sqs_managed_sse_enabled = var.sse\n') },
    { name: 'for_each queues with SSE-SQS', code: queue('  for_each                = toset(["a", "b"])\n  sqs_managed_sse_enabled = true\n') },
  ],
  invalid: [
    {
      name: 'nothing declared: warn (low) at the header, safe fix declares SSE-SQS',
      code: '«resource "aws_sqs_queue" "hl7"» {\n  name = "hl7-inbound"\n}\n',
      findings: [{ messageId: 'notDeclared', severity: 'low' }],
      fix: 'enable',
      output: queue('  sqs_managed_sse_enabled = true\n'),
    },
    {
      name: 'SSE-SQS turned off without a key: fail (medium) at the value, fix replaces it',
      code: queue('  sqs_managed_sse_enabled = «false»\n'),
      findings: [{ messageId: 'disabled', severity: 'medium' }],
      fix: 'enable',
      output: queue('  sqs_managed_sse_enabled = true\n'),
    },
    {
      name: 'SSE-SQS off from terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "sse" {}\n' + queue('  sqs_managed_sse_enabled = «var.sse»\n'), 'terraform.tfvars': 'sse = false\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'empty key id: warn at the value, no fix (the provider rejects both arguments)',
      code: queue('  kms_master_key_id                 = «""»\n  kms_data_key_reuse_period_seconds = 300\n'),
      findings: [{ messageId: 'emptyKey', severity: 'low' }],
    },
    {
      name: 'null key id: warn at the header, fix inserts SSE-SQS',
      code: '«resource "aws_sqs_queue" "hl7"» {\n  name              = "hl7-inbound"\n  kms_master_key_id = null\n}\n',
      findings: [{ messageId: 'notDeclared', severity: 'low' }],
      fix: 'enable',
      output: 'resource "aws_sqs_queue" "hl7" {\n  name              = "hl7-inbound"\n  kms_master_key_id = null\n  sqs_managed_sse_enabled = true\n}\n',
    },
    {
      name: 'empty key id with SSE-SQS off: fail at the flag',
      code: queue('  kms_master_key_id       = ""\n  sqs_managed_sse_enabled = «false»\n'),
      findings: [{ messageId: 'disabled' }],
    },
    {
      name: 'count queue with nothing declared: one finding',
      code: '«resource "aws_sqs_queue" "hl7"» {\n  count = 2\n  name  = "hl7-${count.index}"\n}\n',
      findings: [{ messageId: 'notDeclared' }],
    },
  ],
});
