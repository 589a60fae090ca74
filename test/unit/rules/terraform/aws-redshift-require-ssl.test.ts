import rule from '../../../../server/src/rules/terraform/aws-redshift-require-ssl';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (group: string): string => `resource "aws_redshift_cluster" "dw" {\n  cluster_identifier           = "phi-dw"\n  node_type                    = "ra3.xlplus"\n  cluster_parameter_group_name = ${group}\n}\n`;
const pg = (params: string, name = '"phi-dw-tls"', label = 'tls'): string =>
  `resource "aws_redshift_parameter_group" "${label}" {\n  name   = ${name}\n  family = "redshift-1.0"\n${params}}\n`;
const ssl = (value: string): string => `\n  parameter {\n    name  = "require_ssl"\n    value = ${value}\n  }\n`;
const addedGroup = (name: string, label = 'dw'): string =>
  `\nresource "aws_redshift_parameter_group" "${label}" {\n  name   = ${name}\n  family = "redshift-1.0"\n\n  parameter {\n    name  = "require_ssl"\n    value = "true"\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'cluster uses a group of the module by reference; the group requires SSL', code: cluster('aws_redshift_parameter_group.tls.name') + pg(ssl('"true"')) },
    { name: 'group in another file, referenced by its literal name', files: { 'main.tf': cluster('"phi-dw-tls"'), 'params.tf': pg(ssl('"true"')) } },
    { name: 'group by .id, value as a bool', code: cluster('aws_redshift_parameter_group.tls.id') + pg(ssl('true')) },
    {
      name: 'group name through a variable default, require_ssl from a variable',
      files: {
        'main.tf': cluster('var.pg_name') + pg(ssl('var.ssl'), 'var.pg_name'),
        'variables.tf': 'variable "pg_name" {\n  default = "phi-dw-tls"\n}\nvariable "ssl" {\n  default = "TRUE"\n}\n',
      },
    },
    { name: 'a group managed elsewhere is not judged', code: cluster('"shared-warehouse-params"') },
    { name: 'an unknown group name is not judged', code: 'variable "pg" {}\n' + cluster('var.pg') },
    { name: 'a dynamic parameter block over a variable is not guessed', code: 'variable "params" {}\n' + pg('  dynamic "parameter" {\n    for_each = var.params\n    content {\n      name  = parameter.value.name\n      value = parameter.value.value\n    }\n  }\n') },
    {
      name: 'a dynamic parameter block with a static require_ssl and a known for_each',
      code: pg('  dynamic "parameter" {\n    for_each = toset(["x"])\n    content {\n      name  = "require_ssl"\n      value = "true"\n    }\n  }\n'),
    },
    { name: 'count cluster using a counted group', code: cluster('aws_redshift_parameter_group.tls[count.index].name').replace('{\n', '{\n  count = 2\n') + pg(ssl('"true"')).replace('{\n', '{\n  count = 2\n') },
  ],
  invalid: [
    {
      name: 'no parameter group: default group, review fix adds a group named after the cluster and uses it',
      code: '«resource "aws_redshift_cluster" "dw"» {\n  cluster_identifier = "phi-dw"\n  node_type          = "ra3.xlplus"\n}\n',
      findings: [{ messageId: 'defaultGroup', severity: 'high' }],
      fix: 'addGroup',
      output:
        'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "phi-dw"\n  node_type          = "ra3.xlplus"\n  cluster_parameter_group_name = aws_redshift_parameter_group.dw.name\n}\n' +
        addedGroup('"phi-dw-require-ssl"'),
    },
    {
      name: 'literal default group: at the value; the fix replaces it and builds the name from a variable identifier',
      code: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier           = var.id\n  cluster_parameter_group_name = «"default.redshift-1.0"»\n}\n',
      findings: [{ messageId: 'defaultGroupNamed' }],
      fix: 'addGroup',
      output: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier           = var.id\n  cluster_parameter_group_name = aws_redshift_parameter_group.dw.name\n}\n' + addedGroup('"${var.id}-require-ssl"'),
    },
    {
      name: 'default group from a variable default: related to the default, no fix',
      files: { 'main.tf': cluster('«var.pg»'), 'variables.tf': 'variable "pg" {\n  default = "default.redshift-1.0"\n}\n' },
      findings: [{ messageId: 'defaultGroupNamed', relatedCount: 1 }],
    },
    {
      name: 'for_each cluster without a group: reported once, no fix',
      code: '«resource "aws_redshift_cluster" "dw"» {\n  for_each           = toset(["a", "b"])\n  cluster_identifier = "phi-${each.key}"\n}\n',
      findings: [{ messageId: 'defaultGroup' }],
    },
    {
      name: 'group with require_ssl = "false": at the value, review fix sets "true"',
      code: pg(ssl('«"false"»')),
      findings: [{ messageId: 'parameterDisabled' }],
      fix: 'requireSsl',
      output: pg(ssl('"true"')),
    },
    {
      name: 'group without require_ssl: at the header, fix adds the parameter',
      code: '«resource "aws_redshift_parameter_group" "tls"» {\n  name   = "phi-dw-tls"\n  family = "redshift-1.0"\n\n  parameter {\n    name  = "enable_user_activity_logging"\n    value = "true"\n  }\n}\n',
      findings: [{ messageId: 'parameterMissing' }],
      fix: 'requireSsl',
      output:
        'resource "aws_redshift_parameter_group" "tls" {\n  name   = "phi-dw-tls"\n  family = "redshift-1.0"\n\n  parameter {\n    name  = "enable_user_activity_logging"\n    value = "true"\n  }\n  parameter {\n    name  = "require_ssl"\n    value = "true"\n  }\n}\n',
    },
    {
      name: 'group whose dynamic parameter block is known to be empty',
      code: '«resource "aws_redshift_parameter_group" "tls"» {\n  name   = "x"\n  family = "redshift-1.0"\n  dynamic "parameter" {\n    for_each = []\n    content {\n      name  = "require_ssl"\n      value = "true"\n    }\n  }\n}\n',
      findings: [{ messageId: 'parameterMissing' }],
    },
    {
      name: 'require_ssl false from terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "ssl" {}\n' + pg(ssl('«var.ssl»')), 'terraform.tfvars': 'ssl = "false"\n' },
      findings: [{ messageId: 'parameterDisabled', relatedCount: 1 }],
    },
  ],
});
