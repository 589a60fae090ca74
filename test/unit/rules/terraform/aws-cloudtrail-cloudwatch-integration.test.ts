import rule from '../../../../server/src/rules/terraform/aws-cloudtrail-cloudwatch-integration';
import { runRuleCases } from '../../../harness/rule-cases';

const both = '  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_cwl.arn\n';

runRuleCases(rule, {
  valid: [
    { name: 'both set by reference (KICS negative)', code: `resource "aws_cloudtrail" "audit" {\n  name = "audit"\n${both}}\n` },
    {
      name: 'both from variables (default and tfvars) in other files',
      files: {
        'main.tf': 'resource "aws_cloudtrail" "audit" {\n  cloud_watch_logs_group_arn = var.group_arn\n  cloud_watch_logs_role_arn  = var.role_arn\n}\n',
        'variables.tf': 'variable "group_arn" {\n  default = "arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/audit:*"\n}\nvariable "role_arn" {}\n',
        'terraform.tfvars': 'role_arn = "arn:aws:iam::111122223333:role/CloudTrailToCloudWatch"\n',
      },
    },
    { name: 'unresolvable values are not judged', code: 'variable "g" {}\nvariable "r" {}\nresource "aws_cloudtrail" "audit" {\n  cloud_watch_logs_group_arn = var.g\n  cloud_watch_logs_role_arn  = var.r\n}\n' },
    { name: 'log groups alone carry no finding', code: 'resource "aws_cloudwatch_log_group" "trail" {\n  name = "CloudTrail/audit"\n}\n' },
  ],
  invalid: [
    {
      name: 'neither attribute (KICS positive): one finding',
      code: '«resource "aws_cloudtrail" "positive1"» {\n  name                          = "tf-trail-foobar"\n  s3_bucket_name                = aws_s3_bucket.foo.id\n  include_global_service_events = false\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
    },
    {
      name: 'role without log group',
      code: '«resource "aws_cloudtrail" "audit"» {\n  cloud_watch_logs_role_arn = aws_iam_role.trail_to_cwl.arn\n}\n',
      findings: [{ messageId: 'noGroup' }],
    },
    {
      name: 'log group without role, the role set to "" in a variable default',
      files: {
        'main.tf': 'resource "aws_cloudtrail" "audit" {\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = «var.role_arn»\n}\n',
        'variables.tf': 'variable "role_arn" {\n  default = ""\n}\n',
      },
      findings: [{ messageId: 'noRole', relatedCount: 1 }],
    },
    {
      name: 'for_each trails are reported once per block',
      code: '«resource "aws_cloudtrail" "regional"» {\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\n' + `resource "aws_cloudtrail" "ok" {\n${both}}\n`,
      findings: [{ messageId: 'missing' }],
    },
  ],
});
