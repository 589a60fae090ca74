import rule from '../../../../server/src/rules/terraform/aws-s3-bucket-versioning-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n}\n';
const versioning = (ref: string, status: string, name = 'phi'): string =>
  `resource "aws_s3_bucket_versioning" "${name}" {\n  bucket = ${ref}\n\n  versioning_configuration {\n    status = ${status}\n  }\n}\n`;
const added = (ref: string, meta = ''): string =>
  `resource "aws_s3_bucket_versioning" "phi" {\n${meta}  bucket = ${ref}\n\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'legacy inline block with enabled = true', code: 'resource "aws_s3_bucket" "phi" {\n  versioning {\n    enabled = true\n  }\n}\n' },
    { name: 'v4 companion in another file, by reference', files: { 'main.tf': bucket, 's3.tf': versioning('aws_s3_bucket.phi.id', '"Enabled"') } },
    { name: 'v4 companion by the literal bucket name', files: { 'main.tf': bucket, 's3.tf': versioning('"acme-phi-data"', '"Enabled"') } },
    {
      name: 'inline enabled from a variable default in another file',
      files: { 'main.tf': 'resource "aws_s3_bucket" "phi" {\n  versioning {\n    enabled = var.versioning\n  }\n}\n', 'variables.tf': 'variable "versioning" {\n  default = true\n}\n' },
    },
    {
      name: 'companion status from terraform.tfvars',
      files: { 'main.tf': 'variable "status" {}\n' + versioning('aws_s3_bucket.phi.id', 'var.status'), 'terraform.tfvars': 'status = "Enabled"\n' },
    },
    {
      name: 'for_each and count buckets with mirrored companions',
      code:
        'resource "aws_s3_bucket" "a" {\n  count = 2\n}\n' +
        versioning('aws_s3_bucket.a[count.index].id', '"Enabled"', 'a') +
        'resource "aws_s3_bucket" "b" {\n  for_each = toset(["x", "y"])\n}\n' +
        versioning('each.value.id', '"Enabled"', 'b').replace('{\n', '{\n  for_each = aws_s3_bucket.b\n'),
    },
    { name: 'dynamic versioning block enabled', code: 'resource "aws_s3_bucket" "phi" {\n  dynamic "versioning" {\n    for_each = [1]\n    content {\n      enabled = true\n    }\n  }\n}\n' },
    { name: 'a companion whose bucket cannot be resolved may configure the bucket', code: 'variable "target" {}\n' + bucket + versioning('var.target', '"Enabled"') },
    { name: 'an unknown status is not judged', code: 'variable "status" {}\n' + versioning('aws_s3_bucket.phi.id', 'var.status') },
    { name: 'an unknown inline value is not judged', code: 'variable "on" {}\nresource "aws_s3_bucket" "phi" {\n  versioning {\n    enabled = var.on\n  }\n}\n' },
  ],
  invalid: [
    {
      name: 'no versioning: fix adds the companion after the bucket',
      code: '«resource "aws_s3_bucket" "phi"» {\n  bucket = "acme-phi-data"\n}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'addVersioning',
      output: bucket + '\n' + added('aws_s3_bucket.phi.id'),
    },
    {
      name: 'count bucket: the added companion mirrors count; a companion of another bucket does not count',
      files: { 'main.tf': '«resource "aws_s3_bucket" "phi"» {\n  count = 2\n}\n', 'other.tf': versioning('aws_s3_bucket.logs.id', '"Enabled"', 'logs') },
      findings: [{ messageId: 'missing' }],
      fix: 'addVersioning',
      output: 'resource "aws_s3_bucket" "phi" {\n  count = 2\n}\n\n' + added('aws_s3_bucket.phi[count.index].id', '  count = length(aws_s3_bucket.phi)\n\n'),
    },
    {
      name: 'for_each bucket: the added companion mirrors for_each',
      code: '«resource "aws_s3_bucket" "phi"» {\n  for_each = toset(["a", "b"])\n}\n',
      findings: [{ messageId: 'missing' }],
      fix: 'addVersioning',
      output: 'resource "aws_s3_bucket" "phi" {\n  for_each = toset(["a", "b"])\n}\n\n' + added('each.value.id', '  for_each = aws_s3_bucket.phi\n\n'),
    },
    {
      name: 'inline enabled = false: fix sets true',
      code: 'resource "aws_s3_bucket" "phi" {\n  versioning {\n    enabled = «false»\n  }\n}\n',
      findings: [{ messageId: 'inlineDisabled' }],
      fix: 'enableInline',
      output: 'resource "aws_s3_bucket" "phi" {\n  versioning {\n    enabled = true\n  }\n}\n',
    },
    {
      name: 'inline block without enabled (mfa_delete only): fix inserts enabled = true',
      code: 'resource "aws_s3_bucket" "phi" {\n  «versioning» {\n    mfa_delete = true\n  }\n}\n',
      findings: [{ messageId: 'inlineMissing' }],
      fix: 'enableInline',
      output: 'resource "aws_s3_bucket" "phi" {\n  versioning {\n    mfa_delete = true\n    enabled = true\n  }\n}\n',
    },
    {
      name: 'dynamic versioning block disabled',
      code: 'resource "aws_s3_bucket" "phi" {\n  dynamic "versioning" {\n    for_each = [1]\n    content {\n      enabled = «false»\n    }\n  }\n}\n',
      findings: [{ messageId: 'inlineDisabled' }],
    },
    {
      name: 'inline enabled false through a variable default: related, no fix at the use site',
      files: { 'main.tf': 'resource "aws_s3_bucket" "phi" {\n  versioning {\n    enabled = «var.versioning»\n  }\n}\n', 'variables.tf': 'variable "versioning" {\n  default = false\n}\n' },
      findings: [{ messageId: 'inlineDisabled', relatedCount: 1 }],
    },
    {
      name: 'companion Suspended: finding at the status, fix sets Enabled',
      code: versioning('aws_s3_bucket.phi.id', '«"Suspended"»'),
      findings: [{ messageId: 'statusNotEnabled' }],
      fix: 'enableStatus',
      output: versioning('aws_s3_bucket.phi.id', '"Enabled"'),
    },
    {
      name: 'companion status Disabled from terraform.tfvars: related to the tfvars',
      files: { 'main.tf': 'variable "status" {}\n' + versioning('aws_s3_bucket.phi.id', '«var.status»'), 'terraform.tfvars': 'status = "Disabled"\n' },
      findings: [{ messageId: 'statusNotEnabled', relatedCount: 1 }],
    },
    {
      name: 'companion without versioning_configuration: fix adds it',
      code: '«resource "aws_s3_bucket_versioning" "phi"» {\n  bucket = aws_s3_bucket.phi.id\n}\n',
      findings: [{ messageId: 'statusMissing' }],
      fix: 'enableStatus',
      output: 'resource "aws_s3_bucket_versioning" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
    },
  ],
});
