import rule from '../../../../server/src/rules/terraform/aws-guardduty-detector-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'enable = true', code: 'resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n' },
    { name: 'enable absent: the provider default is true', code: 'resource "aws_guardduty_detector" "main" {}\n' },
    { name: 'enable = null is the default', code: 'resource "aws_guardduty_detector" "main" {\n  enable = null\n}\n' },
    {
      name: 'enable from a variable default true',
      files: { 'main.tf': 'resource "aws_guardduty_detector" "main" {\n  enable = var.guardduty\n}\n', 'variables.tf': 'variable "guardduty" {\n  default = true\n}\n' },
    },
    { name: 'a variable without a value is not judged', code: 'variable "guardduty" {}\nresource "aws_guardduty_detector" "main" {\n  enable = var.guardduty\n}\n' },
    { name: 'a module without a detector is not reported', code: 'resource "aws_s3_bucket" "phi" {}\n' },
  ],
  invalid: [
    {
      name: 'enable = false (KICS positive)',
      code: 'resource "aws_guardduty_detector" "positive1" {\n  enable = «false»\n}\n',
      findings: [{ messageId: 'disabled', severity: 'medium' }],
      fix: 'enable',
      output: 'resource "aws_guardduty_detector" "positive1" {\n  enable = true\n}\n',
    },
    {
      name: 'the string "false"',
      code: 'resource "aws_guardduty_detector" "main" {\n  enable = «"false"»\n}\n',
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: 'resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n',
    },
    {
      name: 'false from terraform.tfvars: no fix at the use site',
      files: {
        'main.tf': 'variable "guardduty" {\n  default = true\n}\nresource "aws_guardduty_detector" "main" {\n  count  = 1\n  enable = «var.guardduty»\n}\n',
        'terraform.tfvars': 'guardduty = false\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
  ],
});
