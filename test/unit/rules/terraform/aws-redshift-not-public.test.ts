import rule from '../../../../server/src/rules/terraform/aws-redshift-not-public';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string): string => `resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "phi-dw"\n  node_type          = "ra3.xlplus"\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'publicly_accessible = false', code: cluster('  publicly_accessible = false\n') },
    {
      name: 'false from a variable default in another file',
      files: { 'main.tf': cluster('  publicly_accessible = var.public\n'), 'variables.tf': 'variable "public" {\n  type    = bool\n  default = false\n}\n' },
    },
    { name: 'false from terraform.tfvars overriding a true default', files: { 'main.tf': 'variable "public" {\n  default = true\n}\n' + cluster('  publicly_accessible = var.public\n'), 'terraform.tfvars': 'public = false\n' } },
    { name: 'an unknown value is not judged', code: 'variable "public" {}\n' + cluster('  publicly_accessible = var.public\n') },
    { name: 'count cluster with false', code: cluster('  count               = 2\n  publicly_accessible = false\n') },
  ],
  invalid: [
    {
      name: 'attribute missing: critical at the header, safe fix inserts false (aligned)',
      code: '«resource "aws_redshift_cluster" "dw"» {\n  cluster_identifier = "phi-dw"\n  node_type          = "ra3.xlplus"\n}\n',
      findings: [{ messageId: 'missing', severity: 'critical' }],
      fix: 'disable',
      output: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "phi-dw"\n  node_type          = "ra3.xlplus"\n  publicly_accessible = false\n}\n',
    },
    {
      name: 'publicly_accessible = true: at the value, fix replaces it',
      code: cluster('  publicly_accessible = «true»\n'),
      findings: [{ messageId: 'public' }],
      fix: 'disable',
      output: cluster('  publicly_accessible = false\n'),
    },
    {
      name: 'true from a local: related to the local, no fix',
      files: { 'main.tf': cluster('  publicly_accessible = «local.public»\n'), 'locals.tf': 'locals {\n  public = true\n}\n' },
      findings: [{ messageId: 'public', relatedCount: 1 }],
    },
    {
      name: 'explicit null is the provider default: reported',
      code: cluster('  publicly_accessible = «null»\n'),
      findings: [{ messageId: 'public' }],
    },
    {
      name: 'for_each cluster without the attribute: one finding for the block',
      code: '«resource "aws_redshift_cluster" "dw"» {\n  for_each           = var.clusters\n  cluster_identifier = each.key\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
