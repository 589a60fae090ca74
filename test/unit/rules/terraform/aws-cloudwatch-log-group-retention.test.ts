import rule from '../../../../server/src/rules/terraform/aws-cloudwatch-log-group-retention';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: '365 days', code: 'resource "aws_cloudwatch_log_group" "audit" {\n  retention_in_days = 365\n}\n' },
    { name: 'six years', code: 'resource "aws_cloudwatch_log_group" "audit" {\n  retention_in_days = 2192\n}\n' },
    { name: 'absent: never expire (KICS positive, deliberately silent)', code: 'resource "aws_cloudwatch_log_group" "positive1" {\n  name = "Yada"\n}\n' },
    { name: '0: never expire', code: 'resource "aws_cloudwatch_log_group" "audit" {\n  retention_in_days = 0\n}\n' },
    { name: 'null: never expire', code: 'resource "aws_cloudwatch_log_group" "audit" {\n  retention_in_days = null\n}\n' },
    { name: 'the string "400"', code: 'resource "aws_cloudwatch_log_group" "audit" {\n  retention_in_days = "400"\n}\n' },
    {
      name: 'variable default 731 in another file',
      files: { 'main.tf': 'resource "aws_cloudwatch_log_group" "audit" {\n  retention_in_days = var.days\n}\n', 'variables.tf': 'variable "days" {\n  default = 731\n}\n' },
    },
    { name: 'a variable without a value is not judged', code: 'variable "days" {}\nresource "aws_cloudwatch_log_group" "audit" {\n  retention_in_days = var.days\n}\n' },
  ],
  invalid: [
    {
      name: 'one day (KICS negative, flagged here): fix raises to 365',
      code: 'resource "aws_cloudwatch_log_group" "negative1" {\n  name              = "Yada"\n  retention_in_days = «1»\n}\n',
      findings: [{ messageId: 'short', severity: 'medium' }],
      fix: 'raise',
      output: 'resource "aws_cloudwatch_log_group" "negative1" {\n  name              = "Yada"\n  retention_in_days = 365\n}\n',
    },
    {
      name: '90 days from terraform.tfvars: related, no fix',
      files: {
        'main.tf': 'variable "days" {\n  default = 400\n}\nresource "aws_cloudwatch_log_group" "audit" {\n  retention_in_days = «var.days»\n}\n',
        'terraform.tfvars': 'days = 90\n',
      },
      findings: [{ messageId: 'short', relatedCount: 1 }],
    },
    {
      name: 'count log groups, value as a string',
      code: 'resource "aws_cloudwatch_log_group" "svc" {\n  count             = 2\n  retention_in_days = «"30"»\n}\n',
      findings: [{ messageId: 'short' }],
      fix: 'raise',
      output: 'resource "aws_cloudwatch_log_group" "svc" {\n  count             = 2\n  retention_in_days = 365\n}\n',
    },
  ],
});
