import rule from '../../../../server/src/rules/terraform/aws-opensearch-audit-logging';
import { runRuleCases } from '../../../harness/rule-cases';

const domain = (body: string, type = 'aws_opensearch_domain'): string => `resource "${type}" "search" {\n  domain_name = "phi-search"\n${body}}\n`;
const logs = (type: string, extra = ''): string =>
  `\n  log_publishing_options {\n    log_type                 = ${type}\n    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn\n${extra}  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'audit logs published (enabled absent = true)', code: domain(logs('"AUDIT_LOGS"')) },
    { name: 'audit and application logs, explicitly enabled, legacy Elasticsearch resource', code: domain(logs('"ES_APPLICATION_LOGS"') + logs('"AUDIT_LOGS"', '    enabled                  = true\n'), 'aws_elasticsearch_domain') },
    { name: 'log type from a variable default', files: { 'main.tf': domain(logs('var.log_type')), 'variables.tf': 'variable "log_type" {\n  default = "AUDIT_LOGS"\n}\n' } },
    {
      name: 'a dynamic block over a variable is not guessed',
      code: 'variable "log_types" {}\n' + domain('  dynamic "log_publishing_options" {\n    for_each = var.log_types\n    content {\n      log_type                 = log_publishing_options.value\n      cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn\n    }\n  }\n'),
    },
    { name: 'an unknown enabled is not judged', code: 'variable "on" {}\n' + domain(logs('"AUDIT_LOGS"', '    enabled                  = var.on\n')) },
    { name: 'an unknown log group is not judged', code: 'variable "lg" {}\n' + domain('\n  log_publishing_options {\n    log_type                 = "AUDIT_LOGS"\n    cloudwatch_log_group_arn = var.lg\n  }\n') },
    { name: 'count domain with audit logs', code: domain('  count = 2\n' + logs('"AUDIT_LOGS"')) },
  ],
  invalid: [
    {
      name: 'no log publishing at all: at the header, no fix',
      code: '«resource "aws_opensearch_domain" "search"» {\n  domain_name = "phi-search"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
    },
    {
      name: 'only slow logs (KICS negative): no audit logs',
      code: '«resource "aws_elasticsearch_domain" "search"» {\n  domain_name = "phi-search"\n' + logs('"INDEX_SLOW_LOGS"') + '}\n',
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'audit logs disabled: at the value, review fix enables them',
      code: domain(logs('"AUDIT_LOGS"', '    enabled                  = «false»\n')),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: domain(logs('"AUDIT_LOGS"', '    enabled                  = true\n')),
    },
    {
      name: 'audit logs disabled by a variable default: related, no fix',
      files: { 'main.tf': domain(logs('"AUDIT_LOGS"', '    enabled                  = «var.audit»\n')), 'variables.tf': 'variable "audit" {\n  default = false\n}\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'audit log group set to null: at the value',
      code: domain('\n  log_publishing_options {\n    log_type                 = "AUDIT_LOGS"\n    cloudwatch_log_group_arn = «null»\n  }\n'),
      findings: [{ messageId: 'noLogGroup' }],
    },
    {
      name: 'dynamic audit block switched off by a variable',
      code: 'variable "audit" {\n  default = false\n}\n«resource "aws_opensearch_domain" "search"» {\n  domain_name = "phi-search"\n  dynamic "log_publishing_options" {\n    for_each = var.audit ? ["AUDIT_LOGS"] : []\n    content {\n      log_type                 = "AUDIT_LOGS"\n      cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn\n    }\n  }\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
