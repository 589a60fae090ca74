import rule from '../../../../server/src/rules/terraform/aws-eks-control-plane-logging';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string): string => `resource "aws_eks_cluster" "phi" {\n  name = "phi"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'all five log types (KICS negative)', code: cluster('  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]\n') },
    { name: 'the three required types', code: cluster('  enabled_cluster_log_types = ["audit", "api", "authenticator"]\n') },
    {
      name: 'types from terraform.tfvars',
      files: {
        'main.tf': cluster('  enabled_cluster_log_types = var.log_types\n'),
        'variables.tf': 'variable "log_types" {\n  type = list(string)\n}\n',
        'terraform.tfvars': 'log_types = ["api", "audit", "authenticator"]\n',
      },
    },
    { name: 'unknown list is not judged', code: 'variable "log_types" {}\n' + cluster('  enabled_cluster_log_types = var.log_types\n') },
    { name: 'an unknown item may be the missing type', code: 'variable "extra" {}\n' + cluster('  enabled_cluster_log_types = ["api", "audit", var.extra]\n') },
    { name: 'count cluster', code: 'resource "aws_eks_cluster" "c" {\n  count                     = 2\n  enabled_cluster_log_types = ["api", "audit", "authenticator"]\n}\n' },
  ],
  invalid: [
    {
      name: 'attribute missing (KICS eks_cluster_log_disabled): fix inserts all five types',
      code: '«resource "aws_eks_cluster" "phi"» {\n  name = "phi"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'enableLogs',
      output: 'resource "aws_eks_cluster" "phi" {\n  name = "phi"\n  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]\n}\n',
    },
    {
      name: 'authenticator missing (KICS missing_cluster_log_types): fix adds it to the literal list',
      code: cluster('  enabled_cluster_log_types = «["api", "audit"]»\n'),
      findings: [{ messageId: 'incomplete' }],
      fix: 'enableLogs',
      output: cluster('  enabled_cluster_log_types = ["api", "audit", "authenticator"]\n'),
    },
    {
      name: 'empty list',
      code: cluster('  enabled_cluster_log_types = «[]»\n'),
      findings: [{ messageId: 'incomplete' }],
      fix: 'enableLogs',
      output: cluster('  enabled_cluster_log_types = ["api", "audit", "authenticator"]\n'),
    },
    {
      name: 'incomplete list from a variable default: related to the default, no fix',
      files: { 'main.tf': cluster('  enabled_cluster_log_types = «var.log_types»\n'), 'variables.tf': 'variable "log_types" {\n  default = ["api"]\n}\n' },
      findings: [{ messageId: 'incomplete', relatedCount: 1 }],
    },
    {
      name: 'for_each cluster: reported once',
      code: '«resource "aws_eks_cluster" "tenant"» {\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
