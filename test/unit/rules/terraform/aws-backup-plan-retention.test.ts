import rule from '../../../../server/src/rules/terraform/aws-backup-plan-retention';
import { runRuleCases } from '../../../harness/rule-cases';

const plan = (rule: string): string => `resource "aws_backup_plan" "phi" {\n  name = "phi"\n\n  rule {\n    rule_name         = "daily"\n    target_vault_name = aws_backup_vault.phi.name\n${rule}  }\n}\n`;
const lifecycle = (days: string): string => `    lifecycle {\n      delete_after = ${days}\n    }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'daily cron, 35 days', code: plan('    schedule          = "cron(0 5 ? * * *)"\n' + lifecycle('35')) },
    { name: 'no schedule (AWS default daily), a year of retention', code: plan(lifecycle('365')) },
    { name: 'every 12 hours, every day of the month', code: plan('    schedule = "cron(0 0/12 * * ? *)"\n' + lifecycle('90')) },
    { name: 'rate of one day', code: plan('    schedule = "rate(24 hours)"\n' + lifecycle('35')) },
    {
      name: 'retention from terraform.tfvars, schedule from a variable default',
      files: {
        'main.tf': plan('    schedule = var.schedule\n' + lifecycle('var.retention')),
        'variables.tf': 'variable "schedule" {\n  default = "cron(0 3 * * ? *)"\n}\nvariable "retention" {\n  type = number\n}\n',
        'terraform.tfvars': 'retention = 2190\n',
      },
    },
    { name: 'unknown retention and schedule are not judged', code: 'variable "days" {}\nvariable "cron" {}\n' + plan('    schedule = var.cron\n' + lifecycle('var.days')) },
    {
      name: 'dynamic rules from an unknown variable are not judged',
      code: 'variable "rules" {}\nresource "aws_backup_plan" "phi" {\n  name = "phi"\n  dynamic "rule" {\n    for_each = var.rules\n    content {\n      rule_name         = rule.value.name\n      target_vault_name = "phi"\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'retention below 35 days: fix raises the literal',
      code: plan(lifecycle('«14»')),
      findings: [{ messageId: 'shortRetention', severity: 'medium' }],
      fix: 'raiseRetention',
      output: plan(lifecycle('35')),
    },
    {
      name: 'no lifecycle: kept forever, reported one step lower (warn) without a fix',
      code: 'resource "aws_backup_plan" "phi" {\n  name = "phi"\n  «rule» {\n    rule_name         = "daily"\n    target_vault_name = "phi"\n  }\n}\n',
      findings: [{ messageId: 'noRetention', severity: 'low' }],
    },
    {
      name: 'lifecycle with cold storage only: warn at the lifecycle',
      code: plan('    «lifecycle» {\n      cold_storage_after = 30\n    }\n'),
      findings: [{ messageId: 'noRetention', severity: 'low' }],
    },
    {
      name: 'weekly cron schedule',
      code: plan('    schedule = «"cron(0 5 ? * SUN *)"»\n' + lifecycle('35')),
      findings: [{ messageId: 'infrequent' }],
    },
    {
      name: 'weekday-only and monthly schedules in two rules',
      code:
        'resource "aws_backup_plan" "phi" {\n  name = "phi"\n  rule {\n    rule_name         = "weekdays"\n    target_vault_name = "phi"\n    schedule          = «"cron(0 5 ? * MON-FRI *)"»\n' +
        lifecycle('35') +
        '  }\n  rule {\n    rule_name         = "monthly"\n    target_vault_name = "phi"\n    schedule          = «"cron(0 5 1 * ? *)"»\n' +
        lifecycle('400') +
        '  }\n}\n',
      findings: [{ messageId: 'infrequent' }, { messageId: 'infrequent' }],
    },
    {
      name: 'short retention from a variable default: related, no fix',
      files: { 'main.tf': plan(lifecycle('«var.days»')), 'variables.tf': 'variable "days" {\n  default = 7\n}\n' },
      findings: [{ messageId: 'shortRetention', relatedCount: 1 }],
    },
    {
      name: 'dynamic rule with a known for_each and a short literal retention',
      code: 'resource "aws_backup_plan" "phi" {\n  name = "phi"\n  dynamic "rule" {\n    for_each = ["a", "b"]\n    content {\n      rule_name         = rule.value\n      target_vault_name = "phi"\n      lifecycle {\n        delete_after = «7»\n      }\n    }\n  }\n}\n',
      findings: [{ messageId: 'shortRetention' }],
    },
  ],
});
