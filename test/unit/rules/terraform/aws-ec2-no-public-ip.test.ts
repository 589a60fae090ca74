import rule from '../../../../server/src/rules/terraform/aws-ec2-no-public-ip';
import { runRuleCases } from '../../../harness/rule-cases';

const instance = (body: string): string => `resource "aws_instance" "app" {\n  ami           = "ami-123"\n  instance_type = "t3.micro"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'explicitly no public IP', code: instance('  associate_public_ip_address = false\n') },
    { name: 'absent: the subnet decides (catalog when_missing: pass)', code: instance('') },
    { name: 'launch template interface without a public IP', code: 'resource "aws_launch_template" "app" {\n  network_interfaces {\n    associate_public_ip_address = "false"\n    security_groups             = [aws_security_group.app.id]\n  }\n}\n' },
    {
      name: 'value from a variable default in another file',
      files: { 'main.tf': instance('  associate_public_ip_address = var.public_ip\n'), 'variables.tf': 'variable "public_ip" {\n  default = false\n}\n' },
    },
    {
      name: 'terraform.tfvars overrides a true default',
      files: { 'main.tf': instance('  associate_public_ip_address = var.public_ip\n'), 'variables.tf': 'variable "public_ip" {\n  default = true\n}\n', 'terraform.tfvars': 'public_ip = false\n' },
    },
    { name: 'an unknown value is not judged', code: 'variable "public_ip" {}\n' + instance('  associate_public_ip_address = var.public_ip\n') },
    { name: 'a bastion host tagged as such is exempt (catalog exempt_if)', code: instance('  associate_public_ip_address = true\n\n  tags = {\n    Name = "ssh-jump"\n    Role = "bastion"\n  }\n') },
    {
      name: 'edge role tag in merge() with a local',
      files: { 'main.tf': 'resource "aws_launch_template" "edge" {\n  network_interfaces {\n    associate_public_ip_address = true\n  }\n  tags = merge(local.common_tags, { Role = "Edge" })\n}\n', 'locals.tf': 'locals {\n  common_tags = { Owner = "platform" }\n}\n' },
    },
    {
      name: 'dynamic interfaces over an unknown collection are not judged',
      code: 'variable "nics" {}\nresource "aws_launch_template" "app" {\n  dynamic "network_interfaces" {\n    for_each = var.nics\n    content {\n      associate_public_ip_address = true\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'instance with a public IP (KICS positive): review fix',
      code: instance('  associate_public_ip_address = «true»\n'),
      findings: [{ messageId: 'publicIp', severity: 'high' }],
      fix: 'disable',
      output: instance('  associate_public_ip_address = false\n'),
    },
    {
      name: 'launch template interface with the string "true"',
      code: 'resource "aws_launch_template" "app" {\n  network_interfaces {\n    associate_public_ip_address = «"true"»\n  }\n}\n',
      findings: [{ messageId: 'publicIp' }],
      fix: 'disable',
      output: 'resource "aws_launch_template" "app" {\n  network_interfaces {\n    associate_public_ip_address = false\n  }\n}\n',
    },
    {
      name: 'true from terraform.tfvars: related location, no fix',
      files: {
        'main.tf': instance('  associate_public_ip_address = «var.public_ip»\n'),
        'variables.tf': 'variable "public_ip" {\n  default = false\n}\n',
        'terraform.tfvars': 'public_ip = true\n',
      },
      findings: [{ messageId: 'publicIp', relatedCount: 1 }],
    },
    {
      name: 'dynamic interfaces over a known list',
      code: 'resource "aws_launch_template" "app" {\n  dynamic "network_interfaces" {\n    for_each = [0]\n    content {\n      device_index                = network_interfaces.value\n      associate_public_ip_address = «true»\n    }\n  }\n}\n',
      findings: [{ messageId: 'publicIp' }],
    },
    {
      name: 'a tag that merely mentions a bastion does not exempt',
      code: instance('  associate_public_ip_address = «true»\n  tags = {\n    Name = "not-a-bastion"\n  }\n'),
      findings: [{ messageId: 'publicIp' }],
    },
    {
      name: 'tags that cannot be resolved do not exempt',
      code: 'variable "tags" {}\n' + instance('  associate_public_ip_address = «true»\n  tags                        = var.tags\n'),
      findings: [{ messageId: 'publicIp' }],
    },
    {
      name: 'count instances: reported once for the block',
      code: 'resource "aws_instance" "web" {\n  count                       = 3\n  associate_public_ip_address = «true»\n}\n',
      findings: [{ messageId: 'publicIp' }],
    },
  ],
});
