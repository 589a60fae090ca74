import rule from '../../../../server/src/rules/terraform/aws-vpc-flow-logs-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

const vpc = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n';
const flowLog = (vpcId: string, traffic = '"ALL"', name = 'main'): string =>
  `resource "aws_flow_log" "${name}" {\n  log_destination      = aws_s3_bucket.flow_logs.arn\n  log_destination_type = "s3"\n  traffic_type         = ${traffic}\n  vpc_id               = ${vpcId}\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'flow log in the same file (KICS negative1)', code: vpc + flowLog('aws_vpc.example.id', '"ALL"', 'example') + flowLog('aws_vpc.main.id', '"ALL"', 'example2') },
    { name: 'flow log in another file, REJECT only', files: { 'main.tf': vpc, 'flow-logs.tf': flowLog('aws_vpc.main.id', '"REJECT"') } },
    {
      name: 'count and for_each VPCs with mirrored flow logs',
      code:
        'resource "aws_vpc" "a" {\n  count      = 2\n  cidr_block = "10.${count.index}.0.0/16"\n}\n' +
        flowLog('aws_vpc.a[count.index].id', '"ALL"', 'a').replace('{\n', '{\n  count = 2\n') +
        'resource "aws_vpc" "b" {\n  for_each   = var.cidrs\n  cidr_block = each.value\n}\n' +
        flowLog('each.value.id', '"ALL"', 'b').replace('{\n', '{\n  for_each = aws_vpc.b\n'),
    },
    {
      name: 'an imported VPC matched by its literal id (and traffic type from a variable default)',
      files: {
        'main.tf': vpc + 'import {\n  to = aws_vpc.main\n  id = "vpc-0a1b2c3d"\n}\n',
        'flow.tf': flowLog('"vpc-0a1b2c3d"', 'var.traffic'),
        'variables.tf': 'variable "traffic" {\n  default = "ALL"\n}\n',
      },
    },
    { name: 'a flow log whose vpc_id cannot be resolved may cover the VPC', code: 'variable "vpc_id" {}\n' + vpc + flowLog('var.vpc_id') },
    { name: 'an unknown traffic type is not judged', code: 'variable "traffic" {}\n' + vpc + flowLog('aws_vpc.main.id', 'var.traffic') },
    { name: 'subnet and ENI flow logs are not judged', code: 'resource "aws_flow_log" "subnet" {\n  subnet_id    = aws_subnet.a.id\n  traffic_type = "ACCEPT"\n}\n' },
  ],
  invalid: [
    {
      name: 'no flow log: the review fix adds one recording ALL traffic to a bucket the user chooses',
      code: '«resource "aws_vpc" "main"» {\n  cidr_block = "10.0.0.0/16"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'addFlowLog',
      output:
        vpc +
        '\nresource "aws_flow_log" "main" {\n  vpc_id               = aws_vpc.main.id\n  traffic_type         = "ALL"\n  log_destination_type = "s3"\n  log_destination      = var.flow_log_bucket_arn\n}\n' +
        '\nvariable "flow_log_bucket_arn" {\n  description = "ARN of the S3 bucket that receives VPC flow logs (its bucket policy must allow delivery.logs.amazonaws.com)"\n  type        = string\n}\n',
    },
    {
      name: 'flow logs for other VPCs only (KICS positive2)',
      code: '«resource "aws_vpc" "main"» {\n  cidr_block = "10.0.0.0/16"\n}\n' + flowLog('aws_vpc.example.id', '"ALL"', 'example') + flowLog('aws_vpc.example2.id', '"ALL"', 'example2'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
    },
    {
      name: 'no flow log at all; a literal id of a VPC managed elsewhere does not count',
      files: { 'main.tf': '«resource "aws_vpc" "main"» {\n  cidr_block = "10.0.0.0/16"\n}\n', 'flow.tf': flowLog('"vpc-0123456789abcdef0"', '"ALL"', 'landing_zone') },
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'ACCEPT only: reported on the flow log, review fix sets ALL',
      code: vpc + flowLog('aws_vpc.main.id', '«"ACCEPT"»'),
      findings: [{ messageId: 'acceptOnly' }],
      fix: 'recordAll',
      output: vpc + flowLog('aws_vpc.main.id', '"ALL"'),
    },
    {
      name: 'ACCEPT from terraform.tfvars: related, no fix',
      files: {
        'main.tf': 'variable "traffic" {}\n' + flowLog('aws_vpc.main.id', '«var.traffic»'),
        'terraform.tfvars': 'traffic = "ACCEPT"\n',
      },
      findings: [{ messageId: 'acceptOnly', relatedCount: 1 }],
    },
    {
      name: 'traffic_type missing on a VPC flow log',
      code: '«resource "aws_flow_log" "main"» {\n  vpc_id          = aws_vpc.main.id\n  log_destination = aws_s3_bucket.flow_logs.arn\n}\n',
      findings: [{ messageId: 'noTrafficType' }],
    },
  ],
});
