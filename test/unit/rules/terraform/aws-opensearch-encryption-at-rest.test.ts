import rule from '../../../../server/src/rules/terraform/aws-opensearch-encryption-at-rest';
import { runRuleCases } from '../../../harness/rule-cases';

const domain = (body: string, type = 'aws_opensearch_domain'): string => `resource "${type}" "search" {\n  domain_name    = "phi-search"\n  engine_version = "OpenSearch_2.13"\n${body}}\n`;
const block = (enabled: string): string => `\n  encrypt_at_rest {\n    enabled = ${enabled}\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'aws_opensearch_domain encrypted with a CMK', code: domain('\n  encrypt_at_rest {\n    enabled    = true\n    kms_key_id = aws_kms_key.search.arn\n  }\n') },
    { name: 'legacy aws_elasticsearch_domain encrypted (AWS managed key)', code: domain(block('true'), 'aws_elasticsearch_domain') },
    { name: 'enabled from a variable default in another file', files: { 'main.tf': domain(block('var.encrypt')), 'variables.tf': 'variable "encrypt" {\n  default = true\n}\n' } },
    { name: 'dynamic block with a known non-empty for_each', code: domain('  dynamic "encrypt_at_rest" {\n    for_each = [true]\n    content {\n      enabled = encrypt_at_rest.value\n    }\n  }\n'.replace('encrypt_at_rest.value', 'true')) },
    { name: 'an unknown value is not judged', code: 'variable "encrypt" {}\n' + domain(block('var.encrypt')) },
    { name: 'a dynamic block with an unknown for_each is not guessed', code: 'variable "enc" {}\n' + domain('  dynamic "encrypt_at_rest" {\n    for_each = var.enc\n    content {\n      enabled = true\n    }\n  }\n') },
    { name: 'count domain encrypted', code: domain('  count = 2\n' + block('true')) },
    {
      name: 'dynamic block: the iterator value is resolved from a known for_each',
      code: 'variable "encryption" {\n  default = { enabled = true }\n}\n' + domain('  dynamic "encrypt_at_rest" {\n    for_each = var.encryption == null ? [] : [var.encryption]\n    content {\n      enabled = encrypt_at_rest.value.enabled\n    }\n  }\n'),
    },
  ],
  invalid: [
    {
      name: 'no block: at the header, review fix adds it',
      code: '«resource "aws_opensearch_domain" "search"» {\n  domain_name    = "phi-search"\n  engine_version = "OpenSearch_2.13"\n}\n',
      findings: [{ messageId: 'missingBlock', severity: 'high' }],
      fix: 'enable',
      output: 'resource "aws_opensearch_domain" "search" {\n  domain_name    = "phi-search"\n  engine_version = "OpenSearch_2.13"\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n',
    },
    {
      name: 'enabled = false on an Elasticsearch domain: at the value, fix replaces it',
      code: domain(block('«false»'), 'aws_elasticsearch_domain'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: domain(block('true'), 'aws_elasticsearch_domain'),
    },
    {
      name: 'enabled false from terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "encrypt" {\n  default = true\n}\n' + domain(block('«var.encrypt»')), 'terraform.tfvars': 'encrypt = false\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'block without enabled: at the block header',
      code: domain('\n  «encrypt_at_rest» {\n    kms_key_id = aws_kms_key.search.arn\n  }\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'enable',
      output: domain('\n  encrypt_at_rest {\n    kms_key_id = aws_kms_key.search.arn\n    enabled = true\n  }\n'),
    },
    {
      name: 'dynamic block switched off by a variable: no block',
      code: 'variable "encrypt" {\n  default = false\n}\n«resource "aws_opensearch_domain" "search"» {\n  domain_name = "phi-search"\n  dynamic "encrypt_at_rest" {\n    for_each = var.encrypt ? [1] : []\n    content {\n      enabled = true\n    }\n  }\n}\n',
      findings: [{ messageId: 'missingBlock' }],
    },
    {
      name: 'for_each domain without the block: one finding for the block',
      code: '«resource "aws_elasticsearch_domain" "search"» {\n  for_each    = toset(["a", "b"])\n  domain_name = "phi-${each.key}"\n}\n',
      findings: [{ messageId: 'missingBlock' }],
    },
    {
      name: 'dynamic block: an iterator value resolved to false is judged at the value',
      code:
        'variable "encryption" {\n  default = { enabled = false }\n}\n' +
        domain('  dynamic "encrypt_at_rest" {\n    for_each = var.encryption == null ? [] : [var.encryption]\n    content {\n      enabled = «encrypt_at_rest.value.enabled»\n    }\n  }\n'),
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
  ],
});
