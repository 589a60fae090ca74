import rule from '../../../../server/src/rules/terraform/aws-lb-access-logging';
import { runRuleCases } from '../../../harness/rule-cases';

const alb = (body: string, type = 'aws_lb'): string => `resource "${type}" "portal" {\n  name               = "portal"\n  load_balancer_type = "application"\n${body}}\n`;
const logs = (inner: string): string => `\n  access_logs {\n${inner}  }\n`;
const elb = (body: string): string => `resource "aws_elb" "legacy" {\n  name = "legacy"\n${body}\n  listener {\n    instance_port     = 8080\n    instance_protocol = "http"\n    lb_port           = 443\n    lb_protocol       = "https"\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'ALB with access logs enabled', code: alb(logs('    bucket  = aws_s3_bucket.lb_logs.id\n    prefix  = "portal"\n    enabled = true\n')) },
    { name: 'Classic ELB with access_logs and enabled left at its default (true)', code: elb(logs('    bucket        = "acme-elb-logs"\n    bucket_prefix = "legacy"\n')) },
    { name: 'Gateway Load Balancer is exempt', code: 'resource "aws_lb" "gw" {\n  load_balancer_type = "gateway"\n}\n' },
    { name: 'enabled from a variable default that is true (aws_alb)', files: { 'main.tf': alb(logs('    bucket  = "acme-lb-logs"\n    enabled = var.lb_logs\n'), 'aws_alb'), 'variables.tf': 'variable "lb_logs" {\n  default = true\n}\n' } },
    { name: 'unknown enabled is not judged', code: 'variable "on" {}\n' + alb(logs('    bucket  = "acme-lb-logs"\n    enabled = var.on\n')) },
    { name: 'unknown load balancer type with no logs is not judged', code: 'variable "type" {}\nresource "aws_lb" "x" {\n  load_balancer_type = var.type\n}\n' },
    {
      name: 'dynamic access_logs over a known list',
      code: 'resource "aws_lb" "nlb" {\n  load_balancer_type = "network"\n\n  dynamic "access_logs" {\n    for_each = ["acme-lb-logs"]\n    content {\n      bucket  = access_logs.value\n      enabled = true\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'ALB without access_logs: the review fix logs to a bucket the user chooses',
      code: '«resource "aws_lb" "portal"» {\n  name = "portal"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'addAccessLogs',
      output:
        'resource "aws_lb" "portal" {\n  name = "portal"\n  access_logs {\n    bucket  = var.lb_access_log_bucket\n    enabled = true\n  }\n}\n' +
        '\nvariable "lb_access_log_bucket" {\n  description = "Name of the S3 bucket that receives the load balancer access logs (its bucket policy must allow ELB log delivery)"\n  type        = string\n}\n',
    },
    {
      name: 'ALB access_logs without enabled: review fix inserts enabled = true',
      code: 'resource "aws_lb" "portal" {\n  name = "portal"\n\n  «access_logs» {\n    bucket = "acme-lb-logs"\n  }\n}\n',
      findings: [{ messageId: 'notEnabled' }],
      fix: 'enable',
      output: 'resource "aws_lb" "portal" {\n  name = "portal"\n\n  access_logs {\n    bucket = "acme-lb-logs"\n    enabled = true\n  }\n}\n',
    },
    {
      name: 'Classic ELB with enabled = false: review fix sets it true',
      code: elb(logs('    bucket  = "acme-elb-logs"\n    enabled = «false»\n')),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: elb(logs('    bucket  = "acme-elb-logs"\n    enabled = true\n')),
    },
    {
      name: 'enabled = false from terraform.tfvars, count load balancer reported once',
      files: {
        'main.tf': 'variable "lb_logs" {}\nresource "aws_lb" "api" {\n  count = 2\n  name  = "api-${count.index}"\n\n  access_logs {\n    bucket  = "acme-lb-logs"\n    enabled = «var.lb_logs»\n  }\n}\n',
        'terraform.tfvars': 'lb_logs = false\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'Classic ELB without access_logs',
      code: elb('').replace('resource "aws_elb" "legacy"', '«resource "aws_elb" "legacy"»'),
      findings: [{ messageId: 'missing' }],
    },
  ],
});
