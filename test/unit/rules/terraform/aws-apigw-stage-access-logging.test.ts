import rule from '../../../../server/src/rules/terraform/aws-apigw-stage-access-logging';
import { runRuleCases } from '../../../harness/rule-cases';

const accessLogs = '\n  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.api.arn\n    format          = jsonencode({ requestId = "$context.requestId" })\n  }\n';
const stage = (body: string, name = 'prod'): string =>
  `resource "aws_api_gateway_stage" "${name}" {\n  rest_api_id   = aws_api_gateway_rest_api.phi.id\n  deployment_id = aws_api_gateway_deployment.phi.id\n  stage_name    = "${name}"\n${body}}\n`;
const settings = (name: string, path: string, inner: string, stageRef = 'aws_api_gateway_stage.prod.stage_name'): string =>
  `resource "aws_api_gateway_method_settings" "${name}" {\n  rest_api_id = aws_api_gateway_rest_api.phi.id\n  stage_name  = ${stageRef}\n  method_path = "${path}"\n\n  settings {\n${inner}  }\n}\n`;
const v2 = (body: string): string => `resource "aws_apigatewayv2_stage" "default" {\n  api_id      = aws_apigatewayv2_api.portal.id\n  name        = "$default"\n  auto_deploy = true\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'REST stage with access logs and "*/*" INFO logging', code: stage(accessLogs) + settings('all', '*/*', '    metrics_enabled = true\n    logging_level   = "INFO"\n') },
    { name: 'HTTP API stage with access logs', code: v2(accessLogs) },
    {
      name: 'method settings in another file, matched by stage name and API',
      files: { 'main.tf': stage(accessLogs), 'settings.tf': settings('all', '*/*', '    logging_level = "ERROR"\n', '"prod"') },
    },
    {
      name: 'path-specific settings without a level are covered by "*/*" ERROR logging',
      code: stage(accessLogs) + settings('all', '*/*', '    logging_level = "ERROR"\n') + settings('cache', 'records/GET', '    caching_enabled      = true\n    cache_data_encrypted = true\n'),
    },
    { name: 'logging level from a variable default', files: { 'main.tf': settings('all', '*/*', '    logging_level = var.level\n'), 'variables.tf': 'variable "level" {\n  default = "INFO"\n}\n' } },
    { name: 'unknown logging level is not judged', code: 'variable "level" {}\n' + settings('all', '*/*', '    logging_level = var.level\n') },
    {
      name: 'a stage whose method settings cannot be matched is not judged for execution logging',
      code: 'variable "stage" {}\n' + stage(accessLogs) + settings('all', '*/*', '    logging_level = "INFO"\n', 'var.stage'),
    },
  ],
  invalid: [
    {
      name: 'REST stage without access logs and without method settings (no fix: the log group is environment-specific)',
      code: stage('').replace('resource "aws_api_gateway_stage" "prod"', '««resource "aws_api_gateway_stage" "prod"»»'),
      findings: [{ messageId: 'noAccessLogs', severity: 'medium' }, { messageId: 'noExecutionLogging' }],
    },
    {
      name: 'HTTP API stage with access_log_settings but no destination; for_each stage reported once',
      code: 'resource "aws_apigatewayv2_stage" "env" {\n  for_each = toset(["dev", "prod"])\n  api_id   = aws_apigatewayv2_api.portal.id\n  name     = each.key\n\n  «access_log_settings» {\n    format = "$context.requestId"\n  }\n}\n',
      findings: [{ messageId: 'noDestination' }],
    },
    {
      name: 'logging_level OFF: review fix sets INFO',
      code: settings('all', '*/*', '    logging_level = «"OFF"»\n'),
      findings: [{ messageId: 'loggingOff' }],
      fix: 'setLevel',
      output: settings('all', '*/*', '    logging_level = "INFO"\n'),
    },
    {
      name: 'no logging level anywhere for the stage: review fix inserts it',
      code: stage(accessLogs) + settings('all', '*/*', '    metrics_enabled = true\n').replace('  settings {', '  «settings» {'),
      findings: [{ messageId: 'loggingNotSet' }],
      fix: 'setLevel',
      output: stage(accessLogs) + settings('all', '*/*', '    metrics_enabled = true\n    logging_level = "INFO"\n'),
    },
    {
      name: 'data trace enabled (warn, low) and the level from terraform.tfvars OFF',
      files: {
        'main.tf': 'variable "level" {}\n' + settings('all', '*/*', '    logging_level      = «var.level»\n    data_trace_enabled = «true»\n'),
        'terraform.tfvars': 'level = "OFF"\n',
      },
      findings: [{ messageId: 'loggingOff', relatedCount: 1 }, { messageId: 'dataTrace', severity: 'low' }],
      fix: 'noDataTrace',
      output: 'variable "level" {}\n' + settings('all', '*/*', '    logging_level      = var.level\n    data_trace_enabled = false\n'),
    },
  ],
});
