import rule from '../../../../server/src/rules/terraform/aws-rds-logs-exported';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'PostgreSQL instance exports its log', code: 'resource "aws_db_instance" "phi" {\n  engine                          = "postgres"\n  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]\n}\n' },
    { name: 'Aurora MySQL cluster exports audit and error logs', code: 'resource "aws_rds_cluster" "phi" {\n  engine                          = "aurora-mysql"\n  enabled_cloudwatch_logs_exports = ["audit", "error"]\n}\n' },
    { name: 'any non-empty list passes (catalog not_empty)', code: 'resource "aws_db_instance" "phi" {\n  engine                          = "postgres"\n  enabled_cloudwatch_logs_exports = ["upgrade"]\n}\n' },
    {
      name: 'list from a variable default in another file',
      files: { 'main.tf': 'resource "aws_db_instance" "phi" {\n  enabled_cloudwatch_logs_exports = var.log_exports\n}\n', 'variables.tf': 'variable "log_exports" {\n  default = ["postgresql"]\n}\n' },
    },
    {
      name: 'terraform.tfvars fills an empty default',
      files: {
        'main.tf': 'resource "aws_rds_cluster" "phi" {\n  enabled_cloudwatch_logs_exports = var.log_exports\n}\n',
        'variables.tf': 'variable "log_exports" {\n  default = []\n}\n',
        'terraform.tfvars': 'log_exports = ["postgresql"]\n',
      },
    },
    { name: 'an unknown list is not judged', code: 'variable "logs" {}\nresource "aws_db_instance" "phi" {\n  enabled_cloudwatch_logs_exports = var.logs\n}\n' },
    { name: 'a list with an unresolvable item is not empty', code: 'variable "extra" {}\nresource "aws_db_instance" "phi" {\n  enabled_cloudwatch_logs_exports = [var.extra]\n}\n' },
    { name: 'Aurora Serverless v1 publishes logs through its parameter group', code: 'resource "aws_rds_cluster" "sls" {\n  engine      = "aurora-postgresql"\n  engine_mode = "serverless"\n}\n' },
  ],
  invalid: [
    {
      name: 'PostgreSQL instance without exports: fix inserts the engine log',
      code: '«resource "aws_db_instance" "phi"» {\n  engine = "postgres"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'exportLogs',
      output: 'resource "aws_db_instance" "phi" {\n  engine = "postgres"\n  enabled_cloudwatch_logs_exports = ["postgresql"]\n}\n',
    },
    {
      name: 'empty list on an Aurora MySQL cluster: fix replaces it',
      code: 'resource "aws_rds_cluster" "phi" {\n  engine                          = "aurora-mysql"\n  enabled_cloudwatch_logs_exports = «[]»\n}\n',
      findings: [{ messageId: 'empty' }],
      fix: 'exportLogs',
      output: 'resource "aws_rds_cluster" "phi" {\n  engine                          = "aurora-mysql"\n  enabled_cloudwatch_logs_exports = ["audit", "error", "general", "slowquery"]\n}\n',
    },
    {
      name: 'SQL Server instance: agent and error logs',
      code: '«resource "aws_db_instance" "mssql"» {\n  engine = "sqlserver-se"\n}\n',
      findings: [{ messageId: 'missing' }],
      fix: 'exportLogs',
      output: 'resource "aws_db_instance" "mssql" {\n  engine = "sqlserver-se"\n  enabled_cloudwatch_logs_exports = ["agent", "error"]\n}\n',
    },
    {
      name: 'engine unknown (a read replica): reported without a fix',
      code: '«resource "aws_db_instance" "replica"» {\n  replicate_source_db = aws_db_instance.phi.identifier\n}\n',
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'empty list from a variable default: related location, no fix',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  engine                          = "postgres"\n  enabled_cloudwatch_logs_exports = «var.log_exports»\n}\n',
        'variables.tf': 'variable "log_exports" {\n  default = []\n}\n',
      },
      findings: [{ messageId: 'empty', relatedCount: 1 }],
    },
    {
      name: 'engine from a variable: reported, but no fix (the engine may differ per environment)',
      files: {
        'main.tf': '«resource "aws_db_instance" "phi"» {\n  engine = var.engine\n}\n',
        'variables.tf': 'variable "engine" {\n  default = "mariadb"\n}\n',
      },
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'Oracle instance: audit, alert, listener and trace logs',
      code: '«resource "aws_db_instance" "ora"» {\n  engine = "oracle-se2"\n}\n',
      findings: [{ messageId: 'missing' }],
      fix: 'exportLogs',
      output: 'resource "aws_db_instance" "ora" {\n  engine = "oracle-se2"\n  enabled_cloudwatch_logs_exports = ["audit", "alert", "listener", "trace"]\n}\n',
    },
    {
      name: 'for_each instances: reported once for the block',
      code: '«resource "aws_db_instance" "tenants"» {\n  for_each = toset(["a", "b"])\n  engine   = "postgres"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
