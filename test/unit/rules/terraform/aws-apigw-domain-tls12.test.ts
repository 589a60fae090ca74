import rule from '../../../../server/src/rules/terraform/aws-apigw-domain-tls12';
import { runRuleCases } from '../../../harness/rule-cases';

const v1 = (policy: string): string =>
  `resource "aws_api_gateway_domain_name" "api" {\n  domain_name              = "api.example-health.org"\n  regional_certificate_arn = aws_acm_certificate_validation.api.certificate_arn\n${policy}\n  endpoint_configuration {\n    types = ["REGIONAL"]\n  }\n}\n`;
const v2 = (policy: string): string =>
  `resource "aws_apigatewayv2_domain_name" "portal" {\n  domain_name = "portal.example-health.org"\n\n  domain_name_configuration {\n    certificate_arn = aws_acm_certificate.portal.arn\n    endpoint_type   = "REGIONAL"\n${policy}  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'REST domain with TLS_1_2', code: v1('  security_policy          = "TLS_1_2"\n') },
    { name: 'REST domain with an enhanced TLS 1.3 policy', code: v1('  security_policy          = "SecurityPolicy_TLS13_1_2_2021_06"\n') },
    { name: 'HTTP API domain with TLS_1_2', code: v2('    security_policy = "TLS_1_2"\n') },
    { name: 'policy from a variable default', files: { 'main.tf': v1('  security_policy          = var.tls\n'), 'variables.tf': 'variable "tls" {\n  default = "TLS_1_2"\n}\n' } },
    { name: 'unknown policy is not judged', code: 'variable "tls" {}\n' + v1('  security_policy          = var.tls\n') },
    { name: 'dynamic domain_name_configuration over a known list', code: v2('    security_policy = "TLS_1_2"\n').replace('  domain_name_configuration {', '  dynamic "domain_name_configuration" {\n    for_each = [1]\n    content {').replace('  }\n}\n', '  }\n  }\n}\n') },
  ],
  invalid: [
    {
      name: 'REST domain without security_policy: safe fix inserts TLS_1_2',
      code: v1('').replace('resource "aws_api_gateway_domain_name" "api"', '«resource "aws_api_gateway_domain_name" "api"»'),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'tls12',
      output: v1('').replace('  }\n}\n', '  }\n  security_policy          = "TLS_1_2"\n}\n'),
    },
    {
      name: 'REST domain with TLS_1_0: safe fix replaces it',
      code: v1('  security_policy          = «"TLS_1_0"»\n'),
      findings: [{ messageId: 'weak' }],
      fix: 'tls12',
      output: v1('  security_policy          = "TLS_1_2"\n'),
    },
    {
      name: 'TLS_1_0 from terraform.tfvars, count domain reported once: related, no fix',
      files: {
        'main.tf': 'variable "tls" {}\n' + v1('  count                    = 2\n  security_policy          = «var.tls»\n'),
        'terraform.tfvars': 'tls = "TLS_1_0"\n',
      },
      findings: [{ messageId: 'weak', relatedCount: 1 }],
    },
    {
      name: 'HTTP API domain with a policy other than TLS_1_2',
      code: v2('    security_policy = «"TLS_1_0"»\n'),
      findings: [{ messageId: 'weak' }],
      fix: 'tls12',
      output: v2('    security_policy = "TLS_1_2"\n'),
    },
  ],
});
