import rule from '../../../../server/src/rules/terraform/aws-rds-cluster-storage-encrypted';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'encryption enabled', code: 'resource "aws_rds_cluster" "phi" {\n  engine            = "aurora-postgresql"\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.phi.arn\n}\n' },
    { name: 'Aurora Serverless v1 is always encrypted (catalog pass_if_any)', code: 'resource "aws_rds_cluster" "sls" {\n  engine      = "aurora-mysql"\n  engine_mode = "serverless"\n}\n' },
    {
      name: 'storage_encrypted from a variable default in another file',
      files: { 'main.tf': 'resource "aws_rds_cluster" "phi" {\n  storage_encrypted = var.encrypted\n}\n', 'variables.tf': 'variable "encrypted" {\n  type    = bool\n  default = true\n}\n' },
    },
    {
      name: 'terraform.tfvars overrides a false default',
      files: {
        'main.tf': 'resource "aws_rds_cluster" "phi" {\n  storage_encrypted = var.encrypted\n}\n',
        'variables.tf': 'variable "encrypted" {\n  default = false\n}\n',
        'terraform.tfvars': 'encrypted = true\n',
      },
    },
    { name: 'an unknown value is not judged', code: 'variable "encrypted" {}\nresource "aws_rds_cluster" "phi" {\n  storage_encrypted = var.encrypted\n}\n' },
    { name: 'restored from a snapshot: encryption follows the snapshot', code: 'resource "aws_rds_cluster" "restored" {\n  engine              = "aurora-postgresql"\n  snapshot_identifier = "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:phi"\n}\n' },
    { name: 'cross-region replica: encryption follows the source', code: 'resource "aws_rds_cluster" "replica" {\n  engine                        = "aurora-mysql"\n  replication_source_identifier = var.source_arn\n}\nvariable "source_arn" {}\n' },
    { name: 'point-in-time restore follows the source', code: 'resource "aws_rds_cluster" "pitr" {\n  engine = "aurora-postgresql"\n  restore_to_point_in_time {\n    source_cluster_identifier = "phi"\n    use_latest_restorable_time = true\n  }\n}\n' },
    { name: 'an unknown engine_mode is not judged', code: 'variable "mode" {}\nresource "aws_rds_cluster" "c" {\n  engine_mode = var.mode\n}\n' },
    { name: 'for_each clusters with encryption', code: 'resource "aws_rds_cluster" "tenants" {\n  for_each          = toset(["a", "b"])\n  cluster_identifier = "phi-${each.key}"\n  storage_encrypted = true\n}\n' },
  ],
  invalid: [
    {
      name: 'attribute missing on a provisioned cluster (KICS positive: Aurora with disabled at-rest encryption)',
      code: '«resource "aws_rds_cluster" "phi"» {\n  engine         = "aurora-mysql"\n  engine_version = "8.0.mysql_aurora.3.05.2"\n}\n',
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'enable',
      output: 'resource "aws_rds_cluster" "phi" {\n  engine         = "aurora-mysql"\n  engine_version = "8.0.mysql_aurora.3.05.2"\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'explicitly disabled',
      code: 'resource "aws_rds_cluster" "phi" {\n  engine            = "aurora-postgresql"\n  storage_encrypted = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: 'resource "aws_rds_cluster" "phi" {\n  engine            = "aurora-postgresql"\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'false from terraform.tfvars: related location, no fix at the use site',
      files: {
        'main.tf': 'resource "aws_rds_cluster" "phi" {\n  storage_encrypted = «var.encrypted»\n}\n',
        'variables.tf': 'variable "encrypted" {\n  default = true\n}\n',
        'terraform.tfvars': 'encrypted = false\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'count cluster: reported once for the block',
      code: '«resource "aws_rds_cluster" "phi"» {\n  count  = 2\n  engine = "aurora-postgresql"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'provisioned engine_mode does not exempt',
      code: 'resource "aws_rds_cluster" "phi" {\n  engine_mode       = "provisioned"\n  storage_encrypted = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
    },
    {
      name: 'a replica that explicitly disables encryption is reported',
      code: 'resource "aws_rds_cluster" "replica" {\n  replication_source_identifier = "arn:aws:rds:us-east-1:111122223333:cluster:phi"\n  storage_encrypted             = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
    },
  ],
});
