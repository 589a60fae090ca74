import rule from '../../../../server/src/rules/terraform/aws-apigw-cache-encrypted';
import { runRuleCases } from '../../../harness/rule-cases';

const stage = (extra: string): string =>
  `resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.phi.id\n  deployment_id = aws_api_gateway_deployment.phi.id\n  stage_name    = "prod"\n${extra}}\n`;
const settings = (name: string, path: string, inner: string): string =>
  `resource "aws_api_gateway_method_settings" "${name}" {\n  rest_api_id = aws_api_gateway_rest_api.phi.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "${path}"\n\n  settings {\n${inner}  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'caching with encryption', code: settings('records', 'records/GET', '    caching_enabled      = true\n    cache_data_encrypted = true\n') },
    { name: 'no caching', code: settings('all', '*/*', '    metrics_enabled = true\n    logging_level   = "INFO"\n') },
    { name: 'caching explicitly off', code: settings('all', '*/*', '    caching_enabled = false\n') },
    { name: 'stage cache cluster with "*/*" encryption', code: stage('  cache_cluster_enabled = true\n  cache_cluster_size    = "0.5"\n') + settings('all', '*/*', '    caching_enabled      = true\n    cache_data_encrypted = true\n') },
    { name: 'stage without a cache cluster', code: stage('') },
    {
      name: 'encryption from a variable default',
      files: { 'main.tf': settings('all', '*/*', '    caching_enabled      = true\n    cache_data_encrypted = var.encrypt_cache\n'), 'variables.tf': 'variable "encrypt_cache" {\n  default = true\n}\n' },
    },
    { name: 'unknown encryption is not judged', code: 'variable "e" {}\n' + settings('all', '*/*', '    caching_enabled      = true\n    cache_data_encrypted = var.e\n') },
    { name: 'unknown caching without encryption is not judged', code: 'variable "c" {}\n' + settings('all', '*/*', '    caching_enabled = var.c\n') },
    {
      name: 'stage cache whose method settings cannot be matched is not judged',
      code: 'variable "stage" {}\n' + stage('  cache_cluster_enabled = true\n') + settings('all', '*/*', '    cache_data_encrypted = true\n').replace('aws_api_gateway_stage.prod.stage_name', 'var.stage'),
    },
  ],
  invalid: [
    {
      name: 'caching without cache_data_encrypted: safe fix inserts it',
      code: stage('') + settings('records', 'records/GET', '    caching_enabled = true\n').replace('  settings {', '  «settings» {'),
      findings: [{ messageId: 'notEncrypted', severity: 'medium', relatedCount: 1 }],
      fix: 'encrypt',
      output: stage('') + settings('records', 'records/GET', '    caching_enabled = true\n    cache_data_encrypted = true\n'),
    },
    {
      name: 'cache_data_encrypted = false: safe fix replaces it',
      code: settings('all', '*/*', '    caching_enabled      = true\n    cache_data_encrypted = «false»\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'encrypt',
      output: settings('all', '*/*', '    caching_enabled      = true\n    cache_data_encrypted = true\n'),
    },
    {
      name: 'cache_data_encrypted false from terraform.tfvars, caching on through a variable',
      files: {
        'main.tf': 'variable "cache" {}\nvariable "encrypt" {}\n' + settings('all', '*/*', '    caching_enabled      = var.cache\n    cache_data_encrypted = «var.encrypt»\n'),
        'terraform.tfvars': 'cache   = true\nencrypt = false\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'stage cache cluster without method settings: review fix adds "*/*" method settings',
      code: stage('  cache_cluster_enabled = «true»\n'),
      findings: [{ messageId: 'stageUnencrypted' }],
      fix: 'encryptStage',
      output:
        stage('  cache_cluster_enabled = true\n') +
        '\nresource "aws_api_gateway_method_settings" "prod" {\n  rest_api_id = aws_api_gateway_rest_api.phi.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n\n  settings {\n    cache_data_encrypted = true\n  }\n}\n',
    },
    {
      name: 'stage cache cluster whose "*/*" method settings only enable metrics: review fix inserts encryption there',
      code: stage('  cache_cluster_enabled = «true»\n') + settings('all', '*/*', '    metrics_enabled = true\n'),
      findings: [{ messageId: 'stageUnencrypted', relatedCount: 1 }],
      fix: 'encryptStage',
      output: stage('  cache_cluster_enabled = true\n') + settings('all', '*/*', '    metrics_enabled = true\n    cache_data_encrypted = true\n'),
    },
  ],
});
