import rule from '../../../../server/src/rules/terraform/aws-opensearch-enforce-https';
import { runRuleCases } from '../../../harness/rule-cases';

const domain = (body: string, type = 'aws_opensearch_domain'): string => `resource "${type}" "search" {\n  domain_name = "phi-search"\n${body}}\n`;
const options = (https: string, policy: string): string => `\n  domain_endpoint_options {\n    enforce_https       = ${https}\n    tls_security_policy = ${policy}\n  }\n`;
const PFS = '"Policy-Min-TLS-1-2-PFS-2023-10"';

runRuleCases(rule, {
  valid: [
    { name: 'HTTPS with the TLS 1.2 PFS policy', code: domain(options('true', PFS)) },
    { name: 'legacy aws_elasticsearch_domain with the 2019 TLS 1.2 policy', code: domain(options('true', '"Policy-Min-TLS-1-2-2019-07"'), 'aws_elasticsearch_domain') },
    { name: 'the FIPS TLS 1.2 policy', code: domain(options('true', '"Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08"')) },
    {
      name: 'values from a variable default and terraform.tfvars',
      files: { 'main.tf': domain(options('var.https', 'var.policy')), 'variables.tf': 'variable "https" {\n  default = true\n}\nvariable "policy" {}\n', 'terraform.tfvars': 'policy = "Policy-Min-TLS-1-2-2019-07"\n' },
    },
    { name: 'unknown values are not judged', code: 'variable "https" {}\nvariable "policy" {}\n' + domain(options('var.https', 'var.policy')) },
    { name: 'a dynamic block with an unknown for_each is not guessed', code: 'variable "ep" {}\n' + domain('  dynamic "domain_endpoint_options" {\n    for_each = var.ep\n    content {\n      enforce_https = true\n    }\n  }\n') },
    { name: 'count domain compliant', code: domain('  count = 2\n' + options('true', PFS)) },
  ],
  invalid: [
    {
      name: 'no block (CKV_AWS_83 passes this): at the header, safe fix adds the block',
      code: '«resource "aws_opensearch_domain" "search"» {\n  domain_name = "phi-search"\n}\n',
      findings: [{ messageId: 'missingBlock', severity: 'high' }],
      fix: 'requireTls',
      output: domain('  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n'),
    },
    {
      name: 'enforce_https = false (KICS positive): at the value, fix replaces it',
      code: domain(options('«false»', PFS), 'aws_elasticsearch_domain'),
      findings: [{ messageId: 'httpAllowed' }],
      fix: 'requireTls',
      output: domain(options('true', PFS), 'aws_elasticsearch_domain'),
    },
    {
      name: 'TLS 1.0 policy: at the value, fix replaces it',
      code: domain(options('true', '«"Policy-Min-TLS-1-0-2019-07"»')),
      findings: [{ messageId: 'weakPolicy' }],
      fix: 'requireTls',
      output: domain(options('true', PFS)),
    },
    {
      name: 'policy missing (KICS negative): one finding at the block header, fix inserts it aligned',
      code: domain('\n  «domain_endpoint_options» {\n    enforce_https = true\n  }\n'),
      findings: [{ messageId: 'settingsMissing' }],
      fix: 'requireTls',
      output: domain('\n  domain_endpoint_options {\n    enforce_https = true\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n'),
    },
    {
      name: 'both settings missing from an existing block: one finding, both inserted',
      code: domain('\n  «domain_endpoint_options» {\n    custom_endpoint_enabled = false\n  }\n'),
      findings: [{ messageId: 'settingsMissing' }],
      fix: 'requireTls',
      output: domain('\n  domain_endpoint_options {\n    custom_endpoint_enabled = false\n    enforce_https = true\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n'),
    },
    {
      name: 'weak policy from a variable default: related, no fix',
      files: { 'main.tf': domain(options('true', '«var.policy»')), 'variables.tf': 'variable "policy" {\n  default = "Policy-Min-TLS-1-0-2019-07"\n}\n' },
      findings: [{ messageId: 'weakPolicy', relatedCount: 1 }],
    },
    {
      name: 'for_each domain without the block: one finding',
      code: '«resource "aws_elasticsearch_domain" "search"» {\n  for_each    = toset(["a"])\n  domain_name = each.key\n}\n',
      findings: [{ messageId: 'missingBlock' }],
    },
  ],
});
