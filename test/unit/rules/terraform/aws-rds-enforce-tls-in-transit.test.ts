import rule from '../../../../server/src/rules/terraform/aws-rds-enforce-tls-in-transit';
import { runRuleCases } from '../../../harness/rule-cases';

const pgGroup = (label: string, value: string, name = ''): string =>
  `resource "aws_db_parameter_group" "${label}" {\n${name}  family = "postgres16"\n\n  parameter {\n    name  = "rds.force_ssl"\n    value = ${value}\n  }\n}\n`;
const pgInstance = (attrs: string): string => `resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  engine_version = "16.4"\n${attrs}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'instance uses a group of the module that forces TLS (by reference)', code: pgGroup('tls', '"1"') + pgInstance('  parameter_group_name = aws_db_parameter_group.tls.name\n') },
    {
      name: 'group in another file, referenced by its literal name',
      files: { 'main.tf': pgInstance('  parameter_group_name = "phi-pg16"\n'), 'db.tf': pgGroup('tls', '"1"', '  name   = "phi-pg16"\n') },
    },
    {
      name: 'MySQL group with require_secure_transport = ON',
      code: 'resource "aws_db_parameter_group" "mysql" {\n  family = "mysql8.0"\n  parameter {\n    name  = "require_secure_transport"\n    value = "ON"\n  }\n}\n',
    },
    {
      name: 'Aurora MySQL cluster group with dynamic parameters from a variable default',
      files: {
        'main.tf':
          'resource "aws_rds_cluster_parameter_group" "aurora" {\n  family = "aurora-mysql8.0"\n\n  dynamic "parameter" {\n    for_each = var.cluster_parameters\n    content {\n      name  = parameter.value.name\n      value = parameter.value.value\n    }\n  }\n}\n' +
          'resource "aws_rds_cluster" "phi" {\n  engine                          = "aurora-mysql"\n  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.aurora.name\n}\n',
        'variables.tf': 'variable "cluster_parameters" {\n  default = [\n    { name = "require_secure_transport", value = "1" },\n    { name = "server_audit_logging", value = "1" },\n  ]\n}\n',
      },
    },
    {
      name: 'dynamic parameters over a map with a custom iterator',
      code: 'locals {\n  params = { "rds.force_ssl" = "1" }\n}\nresource "aws_db_parameter_group" "pg" {\n  family = "postgres14"\n  dynamic "parameter" {\n    for_each = local.params\n    iterator = p\n    content {\n      name  = p.key\n      value = p.value\n    }\n  }\n}\n',
    },
    { name: 'numeric value 1', code: 'resource "aws_db_parameter_group" "pg" {\n  family = "postgres13"\n  parameter {\n    name  = "rds.force_ssl"\n    value = 1\n  }\n}\n' },
    { name: 'Oracle has no TLS-forcing parameter: not applicable', code: 'resource "aws_db_instance" "ora" {\n  engine = "oracle-ee"\n}\nresource "aws_db_parameter_group" "ora" {\n  family = "oracle-ee-19"\n}\n' },
    { name: 'a group managed in another stack is not judged', code: pgInstance('  parameter_group_name = "shared-baseline-pg16"\n') },
    { name: 'an unknown group name is not judged', code: 'variable "pg" {}\n' + pgInstance('  parameter_group_name = var.pg\n') },
    { name: 'a data source group is not judged', code: pgInstance('  parameter_group_name = data.aws_db_parameter_group.shared.name\n') },
    { name: 'an unknown family is not judged', code: 'variable "family" {}\nresource "aws_db_parameter_group" "pg" {\n  family = var.family\n}\n' },
    {
      name: 'dynamic parameters over an unknown collection are not judged',
      code: 'variable "params" {}\nresource "aws_db_parameter_group" "pg" {\n  family = "postgres14"\n  dynamic "parameter" {\n    for_each = var.params\n    content {\n      name  = parameter.value.name\n      value = parameter.value.value\n    }\n  }\n}\n',
    },
    { name: 'a replica without engine on the default group is not judged', code: 'resource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.phi.identifier\n}\n' },
    {
      name: 'a group whose name cannot be resolved may be the one named',
      code: 'variable "group_name" {}\n' + pgGroup('tls', '"0"', '  name   = var.group_name\n').replace('value = "0"', 'value = "1"') + pgInstance('  parameter_group_name = "phi-pg16"\n'),
    },
  ],
  invalid: [
    {
      name: 'PostgreSQL 14 on the default group: fix adds a group of the right family and uses it',
      code: '«resource "aws_db_instance" "phi"» {\n  engine         = "postgres"\n  engine_version = "14.12"\n}\n',
      findings: [{ messageId: 'defaultGroup', severity: 'high' }],
      fix: 'addGroup',
      output:
        'resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  engine_version = "14.12"\n  parameter_group_name = aws_db_parameter_group.phi.name\n}\n\n' +
        'resource "aws_db_parameter_group" "phi" {\n  family = "postgres14"\n\n  parameter {\n    name  = "rds.force_ssl"\n    value = "1"\n  }\n}\n',
    },
    {
      name: 'PostgreSQL 16 on the default group: the catalog warn (rds.force_ssl defaults to 1), at medium',
      code: '«resource "aws_db_instance" "phi"» {\n  engine         = "postgres"\n  engine_version = "16.4"\n}\n',
      findings: [{ messageId: 'defaultGroupPostgres15', severity: 'medium' }],
      fix: 'addGroup',
      output:
        'resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  engine_version = "16.4"\n  parameter_group_name = aws_db_parameter_group.phi.name\n}\n\n' +
        'resource "aws_db_parameter_group" "phi" {\n  family = "postgres16"\n\n  parameter {\n    name  = "rds.force_ssl"\n    value = "1"\n  }\n}\n',
    },
    {
      name: 'PostgreSQL without engine_version: medium, no fix (the family is unknown)',
      code: '«resource "aws_db_instance" "phi"» {\n  engine = "postgres"\n}\n',
      findings: [{ messageId: 'defaultGroupPostgres15', severity: 'medium' }],
    },
    {
      name: 'a default.<family> group by name: judged by its family, fix replaces the name',
      code: 'resource "aws_db_instance" "phi" {\n  engine               = "postgres"\n  parameter_group_name = «"default.postgres14"»\n}\n',
      findings: [{ messageId: 'defaultGroup', severity: 'high' }],
      fix: 'addGroup',
      output:
        'resource "aws_db_instance" "phi" {\n  engine               = "postgres"\n  parameter_group_name = aws_db_parameter_group.phi.name\n}\n\n' +
        'resource "aws_db_parameter_group" "phi" {\n  family = "postgres14"\n\n  parameter {\n    name  = "rds.force_ssl"\n    value = "1"\n  }\n}\n',
    },
    {
      name: 'Aurora PostgreSQL cluster on the default group (Aurora defaults rds.force_ssl to 0)',
      code: '«resource "aws_rds_cluster" "phi"» {\n  engine         = "aurora-postgresql"\n  engine_version = "15.4"\n}\n',
      findings: [{ messageId: 'defaultGroup', severity: 'high' }],
      fix: 'addGroup',
      output:
        'resource "aws_rds_cluster" "phi" {\n  engine         = "aurora-postgresql"\n  engine_version = "15.4"\n  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.phi.name\n}\n\n' +
        'resource "aws_rds_cluster_parameter_group" "phi" {\n  family = "aurora-postgresql15"\n\n  parameter {\n    name  = "rds.force_ssl"\n    value = "1"\n  }\n}\n',
    },
    {
      name: 'SQL Server on the default group: the static parameter is applied at reboot',
      code: '«resource "aws_db_instance" "mssql"» {\n  engine         = "sqlserver-se"\n  engine_version = "15.00.4365.2.v1"\n}\n',
      findings: [{ messageId: 'defaultGroup' }],
      fix: 'addGroup',
      output:
        'resource "aws_db_instance" "mssql" {\n  engine         = "sqlserver-se"\n  engine_version = "15.00.4365.2.v1"\n  parameter_group_name = aws_db_parameter_group.mssql.name\n}\n\n' +
        'resource "aws_db_parameter_group" "mssql" {\n  family = "sqlserver-se-15.0"\n\n  parameter {\n    name         = "rds.force_ssl"\n    value        = "1"\n    apply_method = "pending-reboot"\n  }\n}\n',
    },
    {
      name: 'MySQL group without require_secure_transport: fix adds the parameter',
      code: '«resource "aws_db_parameter_group" "mysql"» {\n  family = "mysql8.0"\n}\n',
      findings: [{ messageId: 'parameterMissing', severity: 'high' }],
      fix: 'forceTls',
      output: 'resource "aws_db_parameter_group" "mysql" {\n  family = "mysql8.0"\n  parameter {\n    name  = "require_secure_transport"\n    value = "1"\n  }\n}\n',
    },
    {
      name: 'PostgreSQL group with rds.force_ssl = 0',
      code: pgGroup('tls', '«"0"»') + pgInstance('  parameter_group_name = aws_db_parameter_group.tls.name\n'),
      findings: [{ messageId: 'parameterDisabled', severity: 'high' }],
      fix: 'forceTls',
      output: pgGroup('tls', '"1"') + pgInstance('  parameter_group_name = aws_db_parameter_group.tls.name\n'),
    },
    {
      name: 'PostgreSQL 16 group without rds.force_ssl: the engine default is 1, reported at medium',
      code: '«resource "aws_db_parameter_group" "pg16"» {\n  family = "postgres16"\n}\n',
      findings: [{ messageId: 'parameterDefaultOn', severity: 'medium' }],
    },
    {
      name: 'dynamic parameters from a variable default that turn TLS off: related to the variable',
      files: {
        'main.tf':
          'resource "aws_rds_cluster_parameter_group" "aurora" {\n  family = "aurora-postgresql16"\n\n  dynamic "parameter" {\n    for_each = var.cluster_parameters\n    content {\n      name  = parameter.value.name\n      value = «parameter.value.value»\n    }\n  }\n}\n',
        'variables.tf': 'variable "cluster_parameters" {\n  default = [{ name = "rds.force_ssl", value = "0" }]\n}\n',
      },
      findings: [{ messageId: 'parameterDisabled', relatedCount: 1 }],
    },
    {
      name: 'count instances: reported once for the block',
      code: '«resource "aws_db_instance" "phi"» {\n  count          = 2\n  engine         = "mysql"\n  engine_version = "8.0.36"\n}\n',
      findings: [{ messageId: 'defaultGroup' }],
      fix: 'addGroup',
      output:
        'resource "aws_db_instance" "phi" {\n  count          = 2\n  engine         = "mysql"\n  engine_version = "8.0.36"\n  parameter_group_name = aws_db_parameter_group.phi.name\n}\n\n' +
        'resource "aws_db_parameter_group" "phi" {\n  family = "mysql8.0"\n\n  parameter {\n    name  = "require_secure_transport"\n    value = "1"\n  }\n}\n',
    },
    {
      name: 'an explicit null group is the default group',
      code: 'resource "aws_db_instance" "phi" {\n  engine               = "mariadb"\n  parameter_group_name = «null»\n}\n',
      findings: [{ messageId: 'defaultGroup' }],
    },
  ],
});
