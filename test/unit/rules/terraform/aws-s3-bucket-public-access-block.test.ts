import rule from '../../../../server/src/rules/terraform/aws-s3-bucket-public-access-block';
import { runRuleCases } from '../../../harness/rule-cases';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n}\n';
const pab = (ref: string, flags: string): string => `resource "aws_s3_bucket_public_access_block" "phi" {\n  bucket = ${ref}\n${flags}}\n`;
const allTrue = '  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n';
const account = (flags: string): string => `resource "aws_s3_account_public_access_block" "this" {\n${flags}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'block with all four settings in the same file', code: bucket + pab('aws_s3_bucket.phi.id', allTrue) },
    { name: 'block in another file, by bucket name', files: { 'main.tf': bucket, 's3.tf': pab('"acme-phi-data"', allTrue) } },
    { name: 'account-level block in another file covers the bucket', files: { 'main.tf': bucket, 'account.tf': account(allTrue) } },
    {
      name: 'account-level block also covers a weaker bucket-level block',
      files: { 'main.tf': bucket + pab('aws_s3_bucket.phi.id', '  block_public_acls = false\n'), 'account.tf': account(allTrue) },
    },
    {
      name: 'settings from variables that resolve to true',
      files: {
        'main.tf': bucket + pab('aws_s3_bucket.phi.id', '  block_public_acls       = var.block\n  block_public_policy     = var.block\n  ignore_public_acls      = var.block\n  restrict_public_buckets = var.block\n'),
        'variables.tf': 'variable "block" {\n  default = true\n}\n',
      },
    },
    { name: 'an unknown setting is not judged', code: 'variable "block" {}\n' + pab('aws_s3_bucket.phi.id', allTrue.replace('block_public_acls       = true', 'block_public_acls       = var.block')) },
    { name: 'a block whose bucket cannot be resolved may cover the bucket', code: 'variable "target" {}\n' + bucket + pab('var.target', allTrue) },
    {
      name: 'an account-level block with an unknown setting may cover the bucket',
      files: { 'main.tf': bucket, 'account.tf': 'variable "b" {}\n' + account(allTrue.replace('ignore_public_acls      = true', 'ignore_public_acls      = var.b')) },
    },
  ],
  invalid: [
    {
      name: 'no public access block: fix adds one right after the bucket',
      code: '«resource "aws_s3_bucket" "phi"» {\n  bucket = "acme-phi-data"\n}\n',
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'addBlock',
      output: bucket + '\nresource "aws_s3_bucket_public_access_block" "phi" {\n  bucket                  = aws_s3_bucket.phi.id\n' + allTrue + '}\n',
    },
    {
      name: 'for_each bucket: the added block mirrors for_each; an incomplete account block is related',
      files: {
        'main.tf': '«resource "aws_s3_bucket" "phi"» {\n  for_each = toset(["a", "b"])\n  bucket   = "acme-${each.key}"\n}\n',
        'account.tf': account('  block_public_acls = true\n'),
      },
      findings: [{ messageId: 'missing', relatedCount: 1 }],
      fix: 'addBlock',
      output:
        'resource "aws_s3_bucket" "phi" {\n  for_each = toset(["a", "b"])\n  bucket   = "acme-${each.key}"\n}\n\n' +
        'resource "aws_s3_bucket_public_access_block" "phi" {\n  for_each = aws_s3_bucket.phi\n\n  bucket                  = each.value.id\n' + allTrue + '}\n',
    },
    {
      name: 'settings false or missing: one finding per false value, one for the missing ones',
      code: 'resource "aws_s3_bucket_public_access_block" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  block_public_acls = «false»\n}\n'.replace('resource', '«resource').replace('"phi" {', '"phi"» {'),
      findings: [{ messageId: 'flagsMissing' }, { messageId: 'flagDisabled' }],
      fix: 'enable',
      output: 'resource "aws_s3_bucket_public_access_block" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n',
    },
    {
      name: 'a setting false through a variable default: related to the default, no fix at the use site',
      files: {
        'main.tf': pab('aws_s3_bucket.phi.id', allTrue.replace('restrict_public_buckets = true', 'restrict_public_buckets = «var.restrict»')),
        'variables.tf': 'variable "restrict" {\n  default = false\n}\n',
      },
      findings: [{ messageId: 'flagDisabled', relatedCount: 1 }],
    },
    {
      name: 'aligned block: inserted settings are aligned, in catalog order',
      code: '«resource "aws_s3_bucket_public_access_block" "phi"» {\n  bucket              = aws_s3_bucket.phi.id\n  block_public_policy = true\n}\n',
      findings: [{ messageId: 'flagsMissing' }],
      fix: 'enable',
      output:
        'resource "aws_s3_bucket_public_access_block" "phi" {\n  bucket              = aws_s3_bucket.phi.id\n  block_public_policy = true\n  block_public_acls   = true\n  ignore_public_acls  = true\n  restrict_public_buckets = true\n}\n',
    },
    {
      name: 'block written on one line: the fix opens it up',
      code: '«resource "aws_s3_bucket_public_access_block" "phi"» { bucket = aws_s3_bucket.phi.id }\n',
      findings: [{ messageId: 'flagsMissing' }],
      fix: 'enable',
      output:
        'resource "aws_s3_bucket_public_access_block" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n',
    },
    {
      name: 'a block for another bucket does not count',
      code: '«resource "aws_s3_bucket" "phi"» {}\n' + pab('aws_s3_bucket.logs.id', allTrue),
      findings: [{ messageId: 'missing' }],
    },
  ],
});
