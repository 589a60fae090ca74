import rule from '../../../../server/src/rules/terraform/aws-opensearch-node-to-node-encryption';
import { runRuleCases } from '../../../harness/rule-cases';

const domain = (body: string, type = 'aws_opensearch_domain'): string => `resource "${type}" "search" {\n  domain_name = "phi-search"\n${body}}\n`;
const block = (enabled: string): string => `\n  node_to_node_encryption {\n    enabled = ${enabled}\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'aws_opensearch_domain with node-to-node encryption', code: domain(block('true')) },
    { name: 'legacy aws_elasticsearch_domain with node-to-node encryption', code: domain(block('true'), 'aws_elasticsearch_domain') },
    { name: 'enabled from a local', files: { 'main.tf': domain(block('local.n2n')), 'locals.tf': 'locals {\n  n2n = true\n}\n' } },
    { name: 'an unknown value is not judged', code: 'variable "n2n" {}\n' + domain(block('var.n2n')) },
    { name: 'dynamic block with a known for_each', code: domain('  dynamic "node_to_node_encryption" {\n    for_each = { on = true }\n    content {\n      enabled = true\n    }\n  }\n') },
  ],
  invalid: [
    {
      name: 'no block: at the header, review fix adds it',
      code: '«resource "aws_opensearch_domain" "search"» {\n  domain_name = "phi-search"\n}\n',
      findings: [{ messageId: 'missingBlock', severity: 'high' }],
      fix: 'enable',
      output: 'resource "aws_opensearch_domain" "search" {\n  domain_name = "phi-search"\n  node_to_node_encryption {\n    enabled = true\n  }\n}\n',
    },
    {
      name: 'enabled = false: at the value, fix replaces it',
      code: domain(block('«false»'), 'aws_elasticsearch_domain'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: domain(block('true'), 'aws_elasticsearch_domain'),
    },
    {
      name: 'enabled false from a variable default: related, no fix',
      files: { 'main.tf': domain(block('«var.n2n»')), 'variables.tf': 'variable "n2n" {\n  default = false\n}\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'dynamic block with an empty for_each: no block',
      code: '«resource "aws_opensearch_domain" "search"» {\n  domain_name = "phi-search"\n  dynamic "node_to_node_encryption" {\n    for_each = {}\n    content {\n      enabled = true\n    }\n  }\n}\n',
      findings: [{ messageId: 'missingBlock' }],
    },
    {
      name: 'count domain without the block: one finding',
      code: '«resource "aws_opensearch_domain" "search"» {\n  count       = 3\n  domain_name = "phi-search-${count.index}"\n}\n',
      findings: [{ messageId: 'missingBlock' }],
    },
  ],
});
