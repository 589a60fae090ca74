import rule from '../../../../server/src/rules/terraform/aws-s3-bucket-access-logging';
import { runRuleCases } from '../../../harness/rule-cases';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n}\n';
const logging = (ref: string, target: string, name = 'phi'): string =>
  `resource "aws_s3_bucket_logging" "${name}" {\n  bucket        = ${ref}\n  target_bucket = ${target}\n  target_prefix = "s3/${name}/"\n}\n`;
const central = 'resource "aws_s3_bucket" "central" {\n  bucket = "acme-central"\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'legacy inline logging block', code: 'resource "aws_s3_bucket" "phi" {\n  logging {\n    target_bucket = "acme-central"\n  }\n}\n' },
    { name: 'v4 companion in another file', files: { 'main.tf': bucket, 'logging.tf': logging('aws_s3_bucket.phi.id', 'aws_s3_bucket.central.id') } },
    { name: 'v4 companion by the bucket name from a variable default', files: { 'main.tf': 'resource "aws_s3_bucket" "phi" {\n  bucket = var.name\n}\n', 'logging.tf': logging('"acme-phi-data"', '"acme-central"'), 'variables.tf': 'variable "name" {\n  default = "acme-phi-data"\n}\n' } },
    { name: 'dynamic logging block', code: 'variable "target" {}\nresource "aws_s3_bucket" "phi" {\n  dynamic "logging" {\n    for_each = [var.target]\n    content {\n      target_bucket = logging.value\n    }\n  }\n}\n' },
    { name: 'exempt: the bucket receives another bucket\'s access logs', files: { 'main.tf': central, 'logging.tf': bucket + logging('aws_s3_bucket.phi.id', 'aws_s3_bucket.central.id') } },
    { name: 'exempt: the bucket is the target of an inline logging block, by name', code: central + 'resource "aws_s3_bucket" "phi" {\n  logging {\n    target_bucket = "acme-central"\n  }\n}\n' },
    { name: 'exempt: log-delivery-write ACL on an aws_s3_bucket_acl', code: central + 'resource "aws_s3_bucket_acl" "central" {\n  bucket = aws_s3_bucket.central.id\n  acl    = "log-delivery-write"\n}\n' },
    { name: 'exempt: naming convention', code: 'resource "aws_s3_bucket" "access_logs" {\n  bucket = "acme-s3-access-logs"\n}\n' },
    { name: 'exempt: tag convention', code: 'resource "aws_s3_bucket" "archive" {\n  tags = {\n    Purpose = "access-logs"\n  }\n}\n' },
    { name: 'for_each bucket with a mirrored companion', code: 'resource "aws_s3_bucket" "b" {\n  for_each = toset(["x"])\n}\n' + logging('each.value.id', '"acme-central"', 'b').replace('{\n', '{\n  for_each = aws_s3_bucket.b\n') },
    { name: 'a companion whose bucket cannot be resolved may configure the bucket', code: 'variable "b" {}\n' + bucket + logging('var.b', '"acme-central"') },
    { name: 'a companion with an unknown target_bucket still configures logging', code: 'variable "t" {}\n' + logging('aws_s3_bucket.phi.id', 'var.t') },
  ],
  invalid: [
    {
      name: 'no logging and no known log bucket: the review fix delivers to a bucket the user chooses',
      code: '«resource "aws_s3_bucket" "phi"» {\n  bucket = "acme-phi-data"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'addLoggingToChosenBucket',
      output:
        bucket +
        '\nresource "aws_s3_bucket_logging" "phi" {\n  bucket        = aws_s3_bucket.phi.id\n  target_bucket = var.s3_access_log_bucket\n  target_prefix = "s3/phi/"\n}\n' +
        '\nvariable "s3_access_log_bucket" {\n  description = "Name of the S3 bucket that receives server access logs (its bucket policy must allow logging.s3.amazonaws.com)"\n  type        = string\n}\n',
    },
    {
      name: 'the other buckets all log to one bucket: review fix delivers there too',
      files: {
        'main.tf': '«resource "aws_s3_bucket" "claims"» {\n  bucket = "acme-claims"\n}\n',
        'logging.tf': central + bucket + logging('aws_s3_bucket.phi.id', 'aws_s3_bucket.central.id'),
      },
      findings: [{ messageId: 'missing' }],
      fix: 'addLogging',
      output:
        'resource "aws_s3_bucket" "claims" {\n  bucket = "acme-claims"\n}\n\n' +
        'resource "aws_s3_bucket_logging" "claims" {\n  bucket        = aws_s3_bucket.claims.id\n  target_bucket = aws_s3_bucket.central.id\n  target_prefix = "s3/claims/"\n}\n',
    },
    {
      name: 'count bucket, companion for another bucket only',
      code: '«resource "aws_s3_bucket" "phi"» {\n  count = 2\n}\n' + logging('aws_s3_bucket.other.id', '"x"', 'other'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'inline logging block without target_bucket',
      code: 'resource "aws_s3_bucket" "phi" {\n  «logging» {\n    target_prefix = "log/"\n  }\n}\n',
      findings: [{ messageId: 'inlineNoTarget' }],
    },
    {
      name: 'companion whose target_bucket resolves to null through a variable default',
      files: { 'main.tf': '«resource "aws_s3_bucket_logging" "phi"» {\n  bucket        = aws_s3_bucket.phi.id\n  target_bucket = var.t\n}\n', 'variables.tf': 'variable "t" {\n  default = null\n}\n' },
      findings: [{ messageId: 'companionNoTarget' }],
    },
  ],
});
