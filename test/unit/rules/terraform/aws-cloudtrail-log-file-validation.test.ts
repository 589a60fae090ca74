import rule from '../../../../server/src/rules/terraform/aws-cloudtrail-log-file-validation';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'validation enabled', code: 'resource "aws_cloudtrail" "audit" {\n  name                       = "audit"\n  enable_log_file_validation = true\n}\n' },
    { name: 'the string "true" converts to a bool', code: 'resource "aws_cloudtrail" "audit" {\n  enable_log_file_validation = "true"\n}\n' },
    { name: 'other resource types are ignored', code: 'resource "aws_s3_bucket" "logs" {}\n' },
    { name: 'a variable without a default is not judged', code: 'variable "validate" {}\nresource "aws_cloudtrail" "audit" {\n  enable_log_file_validation = var.validate\n}\n' },
    {
      name: 'variable default true in another file',
      files: {
        'main.tf': 'resource "aws_cloudtrail" "audit" {\n  enable_log_file_validation = var.validate\n}\n',
        'variables.tf': 'variable "validate" {\n  default = true\n}\n',
      },
    },
    { name: 'a half-typed block is not judged', code: 'resource "aws_cloudtrail" "audit" {\n  enable_log_file_validation = \n' },
  ],
  invalid: [
    {
      name: 'attribute missing (provider default false)',
      code: '«resource "aws_cloudtrail" "audit"» {\n  name           = "audit"\n  s3_bucket_name = "trail-logs"\n}\n',
      findings: [{ messageId: 'missing' }],
      fix: 'enable',
      output: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = "trail-logs"\n  enable_log_file_validation = true\n}\n',
    },
    {
      name: 'explicitly disabled',
      code: 'resource "aws_cloudtrail" "audit" {\n  enable_log_file_validation = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: 'resource "aws_cloudtrail" "audit" {\n  enable_log_file_validation = true\n}\n',
    },
    {
      name: 'explicit null is the provider default',
      code: 'resource "aws_cloudtrail" "audit" {\n  enable_log_file_validation = «null»\n}\n',
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: 'resource "aws_cloudtrail" "audit" {\n  enable_log_file_validation = true\n}\n',
    },
    {
      name: 'variable default false: finding at the use site, related to the default',
      files: {
        'main.tf': 'resource "aws_cloudtrail" "audit" {\n  enable_log_file_validation = «var.validate»\n}\n',
        'variables.tf': 'variable "validate" {\n  type    = bool\n  default = false\n}\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'CRLF file with tab indentation, empty block opened up',
      code: 'resource "aws_cloudtrail" "a" {\r\n\tenable_log_file_validation = true\r\n}\r\n«resource "aws_cloudtrail" "b"» {}\r\n',
      findings: [{ messageId: 'missing' }],
      fix: 'enable',
      output: 'resource "aws_cloudtrail" "a" {\r\n\tenable_log_file_validation = true\r\n}\r\nresource "aws_cloudtrail" "b" {\r\n\tenable_log_file_validation = true\r\n}\r\n',
    },
  ],
});
