import rule from '../../../../server/src/rules/terraform/aws-ebs-volumes-encrypted';
import { runRuleCases } from '../../../harness/rule-cases';

const volume = (body: string): string => `resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 100\n${body}}\n`;
const instance = (body: string): string => `resource "aws_instance" "app" {\n  ami           = data.aws_ami.al2023.id\n  instance_type = "m7g.large"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'encrypted volume', code: volume('  encrypted         = true\n  kms_key_id        = aws_kms_key.phi.arn\n') },
    { name: 'instance with encrypted root and data devices', code: instance('\n  root_block_device {\n    encrypted = true\n  }\n\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = true\n  }\n') },
    {
      name: 'launch template with an encrypted mapping (string "true")',
      code: 'resource "aws_launch_template" "app" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted   = "true"\n      volume_size = 50\n    }\n  }\n}\n',
    },
    { name: 'launch configuration with encrypted devices', code: 'resource "aws_launch_configuration" "app" {\n  image_id = "ami-123"\n  root_block_device {\n    encrypted = true\n  }\n}\n' },
    {
      name: 'encrypted from a variable default in another file',
      files: { 'main.tf': volume('  encrypted         = var.encrypt\n'), 'variables.tf': 'variable "encrypt" {\n  default = true\n}\n' },
    },
    {
      name: 'terraform.tfvars overrides a false default',
      files: { 'main.tf': volume('  encrypted         = var.encrypt\n'), 'variables.tf': 'variable "encrypt" {\n  default = false\n}\n', 'terraform.tfvars': 'encrypt = true\n' },
    },
    { name: 'an unknown value is not judged', code: 'variable "encrypt" {}\n' + volume('  encrypted         = var.encrypt\n') },
    { name: 'a volume from a snapshot follows the snapshot (catalog exempt_if)', code: volume('  snapshot_id       = "snap-0123456789abcdef0"\n') },
    { name: 'an ebs_block_device from a snapshot follows the snapshot', code: instance('  root_block_device {\n    encrypted = true\n  }\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    snapshot_id = "snap-0123456789abcdef0"\n  }\n') },
    {
      name: 'EBS encryption by default enabled in the module covers unset volumes (catalog pass_alternative)',
      files: { 'main.tf': volume('') + instance(''), 'account.tf': 'resource "aws_ebs_encryption_by_default" "this" {}\n' },
    },
    {
      name: 'an unresolvable EBS default may cover unset volumes',
      files: { 'main.tf': volume(''), 'account.tf': 'variable "on" {}\nresource "aws_ebs_encryption_by_default" "this" {\n  enabled = var.on\n}\n' },
    },
    { name: 'an instance launched from a template takes its devices from it', code: instance('  launch_template {\n    id = aws_launch_template.app.id\n  }\n') },
    { name: 'a launch template without mappings declares no volume', code: 'resource "aws_launch_template" "app" {\n  image_id = "ami-123"\n}\n' },
    {
      name: 'dynamic ebs_block_device over an unknown collection is not judged',
      code: 'variable "disks" {}\n' + instance('  root_block_device {\n    encrypted = true\n  }\n  dynamic "ebs_block_device" {\n    for_each = var.disks\n    content {\n      device_name = ebs_block_device.key\n    }\n  }\n'),
    },
    { name: 'instance store devices are not EBS', code: instance('  root_block_device {\n    encrypted = true\n  }\n  ephemeral_block_device {\n    device_name  = "/dev/sdb"\n    virtual_name = "ephemeral0"\n  }\n') },
  ],
  invalid: [
    {
      name: 'volume without encrypted (KICS positive)',
      code: volume('').replace('resource "aws_ebs_volume" "data"', '«resource "aws_ebs_volume" "data"»'),
      findings: [{ messageId: 'volumeMissing', severity: 'high' }],
      fix: 'encrypt',
      output: volume('  encrypted         = true\n'),
    },
    {
      name: 'volume with encrypted = false (KICS positive)',
      code: volume('  encrypted         = «false»\n'),
      findings: [{ messageId: 'volumeDisabled' }],
      fix: 'encrypt',
      output: volume('  encrypted         = true\n'),
    },
    {
      name: 'instance without root_block_device: fix adds an encrypted one',
      code: instance('').replace('resource "aws_instance" "app"', '«resource "aws_instance" "app"»'),
      findings: [{ messageId: 'rootMissing' }],
      fix: 'encrypt',
      output: instance('  root_block_device {\n    encrypted = true\n  }\n'),
    },
    {
      name: 'instance devices: root without encrypted, data device false',
      code: instance('  «root_block_device» {\n    volume_size = 50\n  }\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = «false»\n  }\n'),
      findings: [{ messageId: 'deviceMissing' }, { messageId: 'deviceDisabled' }],
      fix: 'encrypt',
      output: instance('  root_block_device {\n    volume_size = 50\n    encrypted = true\n  }\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = true\n  }\n'),
    },
    {
      name: 'launch configuration with an ebs_block_device without encrypted (KICS positive)',
      code: 'resource "aws_launch_configuration" "app" {\n  image_id = "ami-123"\n  root_block_device {\n    encrypted = true\n  }\n  «ebs_block_device» {\n    device_name = "/dev/xvda1"\n  }\n}\n',
      findings: [{ messageId: 'deviceMissing' }],
    },
    {
      name: 'launch template mapping with encrypted = "false"',
      code: 'resource "aws_launch_template" "app" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = «"false"»\n    }\n  }\n}\n',
      findings: [{ messageId: 'deviceDisabled' }],
      fix: 'encrypt',
      output: 'resource "aws_launch_template" "app" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = true\n    }\n  }\n}\n',
    },
    {
      name: 'launch template mapping written as dynamic blocks over a known list',
      code: 'resource "aws_launch_template" "app" {\n  dynamic "block_device_mappings" {\n    for_each = ["/dev/xvda"]\n    content {\n      device_name = block_device_mappings.value\n      «ebs» {\n        volume_size = 50\n      }\n    }\n  }\n}\n',
      findings: [{ messageId: 'deviceMissing' }],
    },
    {
      name: 'an explicit false is reported even with EBS encryption by default in the module',
      files: { 'main.tf': volume('  encrypted         = «false»\n'), 'account.tf': 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}\n' },
      findings: [{ messageId: 'volumeDisabled' }],
    },
    {
      name: 'a disabled EBS default does not cover unset volumes',
      files: { 'main.tf': volume('').replace('resource "aws_ebs_volume" "data"', '«resource "aws_ebs_volume" "data"»'), 'account.tf': 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = false\n}\n' },
      findings: [{ messageId: 'volumeMissing' }],
    },
    {
      name: 'false from a variable default: related location, no fix',
      files: { 'main.tf': volume('  encrypted         = «var.encrypt»\n'), 'variables.tf': 'variable "encrypt" {\n  default = false\n}\n' },
      findings: [{ messageId: 'volumeDisabled', relatedCount: 1 }],
    },
    {
      name: 'count volumes: reported once for the block',
      code: '«resource "aws_ebs_volume" "disks"» {\n  count             = 3\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n',
      findings: [{ messageId: 'volumeMissing' }],
    },
  ],
});
