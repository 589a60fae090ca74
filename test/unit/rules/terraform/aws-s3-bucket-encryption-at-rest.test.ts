import rule from '../../../../server/src/rules/terraform/aws-s3-bucket-encryption-at-rest';
import { strict as assert } from 'node:assert';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n}\n';
const companion = (ref: string, algorithm: string): string =>
  `resource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = ${ref}\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = ${algorithm}\n    }\n  }\n}\n`;

const other4 = 'resource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n    bucket = "other-bucket"\n    rule {\n        apply_server_side_encryption_by_default {\n            sse_algorithm = "AES256"\n        }\n    }\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'companion in the same file, referenced by .id', code: bucket + companion('aws_s3_bucket.phi.id', '"aws:kms"') },
    { name: 'companion in another file of the module', files: { 'main.tf': bucket, 's3.tf': companion('aws_s3_bucket.phi.bucket', '"AES256"') } },
    { name: 'companion referencing the literal bucket name', files: { 'main.tf': bucket, 's3.tf': companion('"acme-phi-data"', '"aws:kms:dsse"') } },
    {
      name: 'companion referencing the bucket name through a variable default',
      files: {
        'main.tf': 'resource "aws_s3_bucket" "phi" {\n  bucket = var.name\n}\n',
        's3.tf': companion('var.name', '"AES256"'),
        'variables.tf': 'variable "name" {\n  default = "acme-phi-data"\n}\n',
      },
    },
    {
      name: 'legacy inline block',
      code: 'resource "aws_s3_bucket" "phi" {\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n        sse_algorithm = "AES256"\n      }\n    }\n  }\n}\n',
    },
    {
      name: 'companions for buckets with count and for_each',
      code:
        'resource "aws_s3_bucket" "a" {\n  count = 2\n}\n' +
        companion('aws_s3_bucket.a[count.index].id', '"AES256"').replace('"phi"', '"a"') +
        'resource "aws_s3_bucket" "b" {\n  for_each = toset(["x", "y"])\n}\n' +
        companion('each.value.id', '"AES256"').replace('"phi"', '"b"').replace('{\n', '{\n  for_each = aws_s3_bucket.b\n'),
    },
    { name: 'an unknown algorithm is not judged', code: 'variable "alg" {}\n' + bucket + companion('aws_s3_bucket.phi.id', 'var.alg') },
    { name: 'a companion whose bucket cannot be resolved may cover the bucket', code: 'variable "target" {}\n' + bucket + companion('var.target', '"AES256"') },
  ],
  invalid: [
    {
      name: 'no configuration: warning (medium) at the bucket, fix adds the companion after it',
      code: '«resource "aws_s3_bucket" "phi"» {\n  bucket = "acme-phi-data"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n' + companion('aws_s3_bucket.logs.id', '"AES256"').replace('"phi"', '"logs"'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'addConfiguration',
      output:
        'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n}\n\n' +
        'resource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}\n\n' +
        'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n' +
        companion('aws_s3_bucket.logs.id', '"AES256"').replace('"phi"', '"logs"'),
    },
    {
      name: 'a companion for another bucket does not count; the fix picks a free name, mirrors count and keeps 4-space indentation',
      code: '«resource "aws_s3_bucket" "phi"» {\n    count = 2\n}\n\n' + other4,
      findings: [{ messageId: 'missing' }],
      fix: 'addConfiguration',
      output:
        'resource "aws_s3_bucket" "phi" {\n    count = 2\n}\n\n' +
        'resource "aws_s3_bucket_server_side_encryption_configuration" "phi_2" {\n    count = length(aws_s3_bucket.phi)\n\n    bucket = aws_s3_bucket.phi[count.index].id\n    rule {\n        apply_server_side_encryption_by_default {\n            sse_algorithm = "AES256"\n        }\n    }\n}\n\n' +
        other4,
    },
    {
      name: 'companion with an algorithm outside the list: reported on the companion only',
      files: { 's3.tf': companion('aws_s3_bucket.phi.id', '«"aws:kms:rsa"»'), 'main.tf': bucket },
      findings: [{ messageId: 'badAlgorithm', severity: 'high' }],
    },
    {
      name: 'bad algorithm from a variable default: related to the default',
      files: { 'main.tf': bucket + companion('aws_s3_bucket.phi.id', '«var.alg»'), 'variables.tf': 'variable "alg" {\n  default = "DES"\n}\n' },
      findings: [{ messageId: 'badAlgorithm', relatedCount: 1 }],
    },
    {
      name: 'legacy inline block with a bad algorithm',
      code: 'resource "aws_s3_bucket" "phi" {\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n        sse_algorithm = «"aes256"»\n      }\n    }\n  }\n}\n',
      findings: [{ messageId: 'badAlgorithm' }],
    },
    {
      name: 'companion rule without a default algorithm: fix declares AES256',
      code: bucket + '«resource "aws_s3_bucket_server_side_encryption_configuration" "phi"» {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    bucket_key_enabled = true\n  }\n}\n',
      findings: [{ messageId: 'noAlgorithm', severity: 'medium' }],
      fix: 'declareAlgorithm',
      output:
        bucket +
        'resource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    bucket_key_enabled = true\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}\n',
    },
    {
      name: 'legacy inline block without a rule',
      code: 'resource "aws_s3_bucket" "phi" {\n  «server_side_encryption_configuration» {\n  }\n}\n',
      findings: [{ messageId: 'noAlgorithm' }],
      fix: 'declareAlgorithm',
      output: 'resource "aws_s3_bucket" "phi" {\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n        sse_algorithm = "AES256"\n      }\n    }\n  }\n}\n',
    },
    {
      name: 'a companion switched off by count = 0 is not created: the bucket is unencrypted',
      code:
        'variable "enable_sse" {\n  default = false\n}\n«resource "aws_s3_bucket" "phi"» {\n  bucket = "acme-phi-data"\n}\n' +
        companion('aws_s3_bucket.phi.id', '"aws:kms"').replace('{\n  bucket', '{\n  count  = var.enable_sse ? 1 : 0\n  bucket'),
      findings: [{ messageId: 'missing' }],
    },
  ],
});

describe('rule aws-s3-bucket-encryption-at-rest: evaluations', () => {
  const outcomes = async (files: Record<string, string>): Promise<string[]> =>
    (await lintFiles(files, Object.keys(files)[0]!, [rule])).evaluations.map((e) => `${e.resource}: ${e.outcome}`);

  it('a bucket with a companion in another file is satisfied', async () => {
    assert.deepEqual(await outcomes({ 'main.tf': bucket, 's3.tf': companion('aws_s3_bucket.phi.id', '"AES256"') }), ['aws_s3_bucket.phi: satisfied']);
  });

  it('a bucket whose only candidate companion cannot be resolved is unknown, not satisfied', async () => {
    assert.deepEqual(await outcomes({ 'main.tf': 'variable "target" {}\n' + bucket, 's3.tf': companion('var.target', '"AES256"') }), ['aws_s3_bucket.phi: unknown']);
  });

  it('an unknown algorithm leaves the companion unknown', async () => {
    assert.deepEqual(await outcomes({ 's3.tf': 'variable "alg" {}\n' + companion('aws_s3_bucket.phi.id', 'var.alg'), 'main.tf': bucket }), [
      'aws_s3_bucket_server_side_encryption_configuration.phi: unknown',
    ]);
  });
});
