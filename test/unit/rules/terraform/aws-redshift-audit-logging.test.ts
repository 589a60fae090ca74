import rule from '../../../../server/src/rules/terraform/aws-redshift-audit-logging';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body = ''): string => `resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "phi-dw"\n${body}}\n`;
const logging = (ref: string, extra = '  log_destination_type = "cloudwatch"\n  log_exports          = ["connectionlog", "userlog", "useractivitylog"]\n'): string =>
  `resource "aws_redshift_logging" "dw" {\n  cluster_identifier   = ${ref}\n${extra}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'legacy inline logging block enabled', code: cluster('  logging {\n    enable      = true\n    bucket_name = "phi-dw-audit"\n  }\n') },
    { name: 'aws_redshift_logging in the same file, by .id', code: cluster() + logging('aws_redshift_cluster.dw.id') },
    { name: 'aws_redshift_logging in another file, by the literal identifier', files: { 'main.tf': cluster(), 'logging.tf': logging('"phi-dw"', '  log_destination_type = "s3"\n  bucket_name          = "phi-dw-audit"\n') } },
    { name: 'aws_redshift_logging by .cluster_identifier without a destination type', code: cluster() + logging('aws_redshift_cluster.dw.cluster_identifier', '') },
    { name: 'companion overrides a disabled inline block (pass_if_any)', code: cluster('  logging {\n    enable = false\n  }\n') + logging('aws_redshift_cluster.dw.id') },
    {
      name: 'identifier and companion through a variable default',
      files: { 'main.tf': 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = var.id\n}\n', 'logging.tf': logging('var.id'), 'variables.tf': 'variable "id" {\n  default = "phi-dw"\n}\n' },
    },
    { name: 'a companion whose cluster cannot be resolved may cover the cluster', code: 'variable "target" {}\n' + cluster() + logging('var.target') },
    { name: 'an unknown enable value is not judged', code: 'variable "on" {}\n' + cluster('  logging {\n    enable = var.on\n  }\n') },
    { name: 'a dynamic logging block with an unknown for_each is not guessed', code: 'variable "audit" {}\n' + cluster('  dynamic "logging" {\n    for_each = var.audit\n    content {\n      enable = true\n    }\n  }\n') },
    {
      name: 'count cluster with a counted companion',
      code: cluster('  count = 2\n').replace('"phi-dw"', '"phi-dw-${count.index}"') + logging('aws_redshift_cluster.dw[count.index].id').replace('{\n', '{\n  count = 2\n'),
    },
  ],
  invalid: [
    {
      name: 'no logging at all: at the header, review fix adds aws_redshift_logging after the cluster',
      code: '«resource "aws_redshift_cluster" "dw"» {\n  cluster_identifier = "phi-dw"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'addLogging',
      output:
        cluster() +
        '\nresource "aws_redshift_logging" "dw" {\n  cluster_identifier   = aws_redshift_cluster.dw.id\n  log_destination_type = "cloudwatch"\n  log_exports          = ["connectionlog", "userlog", "useractivitylog"]\n}\n',
    },
    {
      name: 'inline enable = false and no companion: at the value, no fix',
      code: cluster('  logging {\n    enable = «false»\n  }\n'),
      findings: [{ messageId: 'disabled' }],
    },
    {
      name: 'inline enable false from a variable default: related',
      files: { 'main.tf': cluster('  logging {\n    enable = «var.audit»\n  }\n'), 'variables.tf': 'variable "audit" {\n  default = false\n}\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'inline block without enable: at the block header',
      code: cluster('  «logging» {\n    bucket_name = "phi-dw-audit"\n  }\n'),
      findings: [{ messageId: 'enableMissing' }],
    },
    {
      name: 'a companion for another cluster does not count; for_each is mirrored by the fix',
      code:
        '«resource "aws_redshift_cluster" "dw"» {\n  for_each           = toset(["a", "b"])\n  cluster_identifier = "phi-${each.key}"\n}\n' +
        logging('aws_redshift_cluster.other.id').replace('"dw"', '"other"'),
      findings: [{ messageId: 'missing' }],
      fix: 'addLogging',
      output:
        'resource "aws_redshift_cluster" "dw" {\n  for_each           = toset(["a", "b"])\n  cluster_identifier = "phi-${each.key}"\n}\n\n' +
        'resource "aws_redshift_logging" "dw" {\n  for_each = aws_redshift_cluster.dw\n\n  cluster_identifier   = each.value.id\n  log_destination_type = "cloudwatch"\n  log_exports          = ["connectionlog", "userlog", "useractivitylog"]\n}\n\n' +
        logging('aws_redshift_cluster.other.id').replace('"dw"', '"other"'),
    },
    {
      name: 'dynamic logging block known to be empty',
      code: 'variable "audit" {\n  default = false\n}\n«resource "aws_redshift_cluster" "dw"» {\n  cluster_identifier = "phi-dw"\n  dynamic "logging" {\n    for_each = var.audit ? [1] : []\n    content {\n      enable = true\n    }\n  }\n}\n',
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'companion with an invalid destination: reported on the companion',
      files: { 'logging.tf': logging('aws_redshift_cluster.dw.id', '  log_destination_type = «"kinesis"»\n'), 'main.tf': cluster() },
      findings: [{ messageId: 'badDestination' }],
    },
  ],
});
