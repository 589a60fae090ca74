import rule from '../../../../server/src/rules/terraform/aws-rds-not-publicly-accessible';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'attribute missing: provider default false (catalog when_missing: pass)', code: 'resource "aws_db_instance" "phi" {\n  engine = "postgres"\n}\n' },
    { name: 'explicitly private', code: 'resource "aws_db_instance" "phi" {\n  publicly_accessible = false\n}\n' },
    { name: 'aurora cluster instance, private', code: 'resource "aws_rds_cluster_instance" "phi" {\n  cluster_identifier  = aws_rds_cluster.phi.id\n  publicly_accessible = false\n}\n' },
    { name: 'explicit null is the provider default', code: 'resource "aws_db_instance" "phi" {\n  publicly_accessible = null\n}\n' },
    { name: 'a variable without a default is not judged', code: 'variable "public" {}\nresource "aws_db_instance" "phi" {\n  publicly_accessible = var.public\n}\n' },
    {
      name: 'a conditional on a known variable resolves to false',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  publicly_accessible = var.env == "sandbox" ? true : false\n}\n',
        'variables.tf': 'variable "env" {\n  default = "prod"\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'publicly accessible instance',
      code: 'resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  publicly_accessible = «true»\n}\n',
      findings: [{ messageId: 'public', severity: 'critical' }],
      fix: 'disable',
      output: 'resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  publicly_accessible = false\n}\n',
    },
    {
      name: 'publicly accessible aurora cluster instance',
      code: 'resource "aws_rds_cluster_instance" "writer" {\n  publicly_accessible = «"true"»\n}\n',
      findings: [{ messageId: 'public' }],
      fix: 'disable',
      output: 'resource "aws_rds_cluster_instance" "writer" {\n  publicly_accessible = false\n}\n',
    },
    {
      name: 'tfvars sets true: finding at the use site, related to the tfvars',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  publicly_accessible = «var.public»\n}\n',
        'variables.tf': 'variable "public" {\n  default = false\n}\n',
        'terraform.tfvars': 'public = true\n',
      },
      findings: [{ messageId: 'public', relatedCount: 1 }],
    },
    {
      name: 'one finding per public instance',
      code: 'resource "aws_db_instance" "a" {\n  publicly_accessible = «true»\n}\nresource "aws_db_instance" "b" {}\nresource "aws_rds_cluster_instance" "c" {\n  publicly_accessible = «true»\n}\n',
      findings: [{ messageId: 'public' }, { messageId: 'public' }],
    },
  ],
});
