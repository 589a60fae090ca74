import rule from '../../../../server/src/rules/terraform/aws-ebs-default-encryption-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'enabled', code: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}\n' },
    { name: 'enabled is absent: the resource default is true (KICS negative)', code: 'resource "aws_ebs_encryption_by_default" "this" {}\n' },
    {
      name: 'enabled from a variable default in another file',
      files: { 'main.tf': 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = var.ebs_default\n}\n', 'variables.tf': 'variable "ebs_default" {\n  default = true\n}\n' },
    },
    {
      name: 'terraform.tfvars overrides a false default',
      files: {
        'main.tf': 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = var.ebs_default\n}\n',
        'variables.tf': 'variable "ebs_default" {\n  default = false\n}\n',
        'terraform.tfvars': 'ebs_default = true\n',
      },
    },
    { name: 'an unknown value is not judged', code: 'variable "on" {}\nresource "aws_ebs_encryption_by_default" "this" {\n  enabled = var.on\n}\n' },
    {
      name: 'a workload module without the account-level resource is not reported (see the rule header)',
      code: 'resource "aws_instance" "app" {\n  ami = "ami-123"\n}\nresource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n',
    },
  ],
  invalid: [
    {
      name: 'explicitly disabled (KICS positive)',
      code: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = «false»\n}\n',
      findings: [{ messageId: 'disabled', severity: 'high' }],
      fix: 'enable',
      output: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}\n',
    },
    {
      name: 'the string "false" is false too',
      code: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = «"false"»\n}\n',
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}\n',
    },
    {
      name: 'disabled through terraform.tfvars: related location, no fix',
      files: {
        'main.tf': 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = «var.ebs_default»\n}\n',
        'variables.tf': 'variable "ebs_default" {\n  default = true\n}\n',
        'terraform.tfvars': 'ebs_default = false\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'count resources: reported once for the block',
      code: 'resource "aws_ebs_encryption_by_default" "regions" {\n  count   = 2\n  enabled = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
    },
  ],
});
