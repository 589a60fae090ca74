import rule from '../../../../server/src/rules/terraform/aws-rds-backup-retention';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'instance keeps 7 days', code: 'resource "aws_db_instance" "phi" {\n  engine                  = "postgres"\n  backup_retention_period = 7\n}\n' },
    { name: 'cluster keeps 35 days', code: 'resource "aws_rds_cluster" "phi" {\n  engine                  = "aurora-postgresql"\n  backup_retention_period = 35\n}\n' },
    { name: 'a number written as a string', code: 'resource "aws_db_instance" "phi" {\n  backup_retention_period = "14"\n}\n' },
    { name: 'read replicas are exempt (catalog exempt_if)', code: 'resource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.phi.identifier\n}\n' },
    {
      name: 'retention from a variable default in another file',
      files: { 'main.tf': 'resource "aws_db_instance" "phi" {\n  backup_retention_period = var.retention\n}\n', 'variables.tf': 'variable "retention" {\n  type    = number\n  default = 30\n}\n' },
    },
    {
      name: 'terraform.tfvars raises a short default',
      files: {
        'main.tf': 'resource "aws_rds_cluster" "phi" {\n  backup_retention_period = var.retention\n}\n',
        'variables.tf': 'variable "retention" {\n  default = 1\n}\n',
        'terraform.tfvars': 'retention = 14\n',
      },
    },
    { name: 'an unknown value is not judged', code: 'variable "retention" {}\nresource "aws_db_instance" "phi" {\n  backup_retention_period = var.retention\n}\n' },
    { name: 'other resource types are ignored', code: 'resource "aws_rds_cluster_instance" "i" {\n  cluster_identifier = aws_rds_cluster.phi.id\n}\n' },
  ],
  invalid: [
    {
      name: 'attribute missing: the catalog warn (provider default 1 day), reported at medium; fix inserts 7',
      code: '«resource "aws_db_instance" "phi"» {\n  engine = "mysql"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'setRetention',
      output: 'resource "aws_db_instance" "phi" {\n  engine = "mysql"\n  backup_retention_period = 7\n}\n',
    },
    {
      name: 'backups disabled (KICS positive: RDS with backup disabled)',
      code: 'resource "aws_db_instance" "phi" {\n  engine                  = "mysql"\n  backup_retention_period = «0»\n}\n',
      findings: [{ messageId: 'disabled', severity: 'high' }],
      fix: 'setRetention',
      output: 'resource "aws_db_instance" "phi" {\n  engine                  = "mysql"\n  backup_retention_period = 7\n}\n',
    },
    {
      name: 'cluster with 5 days: below the catalog minimum (Checkov and KICS pass 1-35)',
      code: 'resource "aws_rds_cluster" "phi" {\n  engine                  = "aurora-postgresql"\n  backup_retention_period = «5»\n}\n',
      findings: [{ messageId: 'tooShort', severity: 'high' }],
      fix: 'setRetention',
      output: 'resource "aws_rds_cluster" "phi" {\n  engine                  = "aurora-postgresql"\n  backup_retention_period = 7\n}\n',
    },
    {
      name: 'cluster without the attribute (KICS positive: RDS cluster with backup disabled)',
      code: '«resource "aws_rds_cluster" "postgresql"» {\n  engine = "aurora-postgresql"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
    },
    {
      name: 'zero from terraform.tfvars: related location, no fix',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  backup_retention_period = «var.retention»\n}\n',
        'variables.tf': 'variable "retention" {\n  default = 7\n}\n',
        'terraform.tfvars': 'retention = 0\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'a local with a short retention',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  backup_retention_period = «local.days»\n}\n',
        'locals.tf': 'locals {\n  days = 3\n}\n',
      },
      findings: [{ messageId: 'tooShort', relatedCount: 1 }],
    },
    {
      name: 'explicit null is the provider default',
      code: 'resource "aws_db_instance" "phi" {\n  backup_retention_period = «null»\n}\n'.replace('«null»', 'null').replace('resource', '«resource').replace('"phi" {', '"phi"» {'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'count instances: reported once for the block',
      code: '«resource "aws_db_instance" "phi"» {\n  count  = 3\n  engine = "postgres"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
