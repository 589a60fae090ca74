import rule from '../../../../server/src/rules/terraform/aws-s3-bucket-policy-deny-insecure-transport';
import { runRuleCases } from '../../../harness/rule-cases';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n}\n';
const policy = (expr: string, ref = 'aws_s3_bucket.phi.id'): string => `resource "aws_s3_bucket_policy" "phi" {\n  bucket = ${ref}\n  policy = ${expr}\n}\n`;
const deny = (resources: string, condition = 'Bool = { "aws:SecureTransport" = "false" }', extra = ''): string =>
  `jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      {\n        Sid       = "DenyInsecureTransport"\n        Effect    = "Deny"\n        Principal = "*"\n        Action    = "s3:*"\n        Resource  = ${resources}\n        Condition = {\n          ${condition}\n        }${extra}\n      },\n    ]\n  })`;
const both = '[aws_s3_bucket.phi.arn, "${aws_s3_bucket.phi.arn}/*"]';
const document = (resources: string, values = '["false"]', variable = '"aws:SecureTransport"'): string =>
  `data "aws_iam_policy_document" "phi" {\n  statement {\n    sid     = "https"\n    effect  = "Deny"\n    actions = ["s3:*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    resources = ${resources}\n    condition {\n      test     = "Bool"\n      variable = ${variable}\n      values   = ${values}\n    }\n  }\n}\n`;
const added = (ref: string, arn: string, meta = ''): string =>
  `resource "aws_s3_bucket_policy" "phi" {\n${meta}  bucket = ${ref}\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [\n      {\n        Sid       = "DenyInsecureTransport"\n        Effect    = "Deny"\n        Principal = "*"\n        Action    = "s3:*"\n        Resource  = [${arn}, "\${${arn}}/*"]\n        Condition = {\n          Bool = { "aws:SecureTransport" = "false" }\n        }\n      },\n    ]\n  })\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'companion with jsonencode deny covering the bucket and its objects', code: bucket + policy(deny(both)) },
    { name: 'companion in another file, data source with literal ARNs (KICS negative5 style)', files: { 'main.tf': bucket, 'policy.tf': policy('data.aws_iam_policy_document.phi.json') + document('["arn:aws:s3:::acme-phi-data", "arn:aws:s3:::acme-phi-data/*"]') } },
    { name: 'data source with references to the bucket ARN (KICS negative7)', code: bucket + document('[aws_s3_bucket.phi.arn, "${aws_s3_bucket.phi.arn}/*"]') + policy('data.aws_iam_policy_document.phi.json') },
    { name: 'legacy inline heredoc policy with a wildcard ARN and a boolean false', code: 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n  policy = <<EOF\n{"Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "arn:aws:s3:::acme-phi-*", "Condition": {"Bool": {"aws:SecureTransport": false}}}]}\nEOF\n}\n' },
    { name: 'bucket and objects covered by two statements; NumericLessThanIfExists s3:TlsVersion accepted', code: bucket + policy('jsonencode({ Statement = [\n    { Effect = "Deny", Principal = "*", Action = "s3:*", Resource = aws_s3_bucket.phi.arn, Condition = { Bool = { "aws:SecureTransport" = "false" } } },\n    { Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "${aws_s3_bucket.phi.arn}/*", Condition = { NumericLessThanIfExists = { "s3:TlsVersion" = "1.2" } } },\n  ] })') },
    { name: 'companion by the literal bucket name, ARNs through arn:…:s3:::${…id}', code: bucket + policy(deny('["arn:aws:s3:::${aws_s3_bucket.phi.id}", "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.phi.id}/*"]'), '"acme-phi-data"') },
    {
      name: 'for_each bucket with a mirrored policy using each.value.arn',
      code: 'resource "aws_s3_bucket" "phi" {\n  for_each = toset(["a", "b"])\n}\n' + policy(deny('[each.value.arn, "${each.value.arn}/*"]'), 'each.value.id').replace('{\n', '{\n  for_each = aws_s3_bucket.phi\n'),
    },
    { name: 'a policy from templatefile() is not judged', code: bucket + policy('templatefile("${path.module}/policy.json", {})') },
    { name: 'a companion whose bucket cannot be resolved may be the policy', code: 'variable "b" {}\n' + bucket + policy(deny(both), 'var.b') },
    { name: 'resources from an unknown variable are not judged', code: 'variable "arns" {}\n' + bucket + policy(deny('var.arns')) },
    { name: 'a condition value from an unknown variable is not judged', code: 'variable "v" {}\n' + bucket + policy('data.aws_iam_policy_document.phi.json') + document(both, '[var.v]') },
  ],
  invalid: [
    {
      name: 'no policy at all: review fix adds one after the bucket',
      code: '«resource "aws_s3_bucket" "phi"» {\n  bucket = "acme-phi-data"\n}\n',
      findings: [{ messageId: 'noPolicy', severity: 'high' }],
      fix: 'addPolicy',
      output: bucket + '\n' + added('aws_s3_bucket.phi.id', 'aws_s3_bucket.phi.arn'),
    },
    {
      name: 'count bucket without a policy: the fix mirrors count',
      code: '«resource "aws_s3_bucket" "phi"» {\n  count = 2\n}\n',
      findings: [{ messageId: 'noPolicy' }],
      fix: 'addPolicy',
      output: 'resource "aws_s3_bucket" "phi" {\n  count = 2\n}\n\n' + added('aws_s3_bucket.phi[count.index].id', 'aws_s3_bucket.phi[count.index].arn', '  count = length(aws_s3_bucket.phi)\n\n'),
    },
    {
      name: 'for_each bucket without a policy: the fix mirrors for_each',
      code: '«resource "aws_s3_bucket" "phi"» {\n  for_each = toset(["a"])\n}\n',
      findings: [{ messageId: 'noPolicy' }],
      fix: 'addPolicy',
      output: 'resource "aws_s3_bucket" "phi" {\n  for_each = toset(["a"])\n}\n\n' + added('each.value.id', 'each.value.arn', '  for_each = aws_s3_bucket.phi\n\n'),
    },
    {
      name: 'policy with an unrelated deny (KICS positive1): at the policy value',
      code: bucket + policy('«<<EOF\n{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["${aws_s3_bucket.phi.arn}"], "Condition": {"IpAddress": {"aws:SourceIp": "8.8.8.8/32"}}}]}\nEOF»'),
      findings: [{ messageId: 'noDeny' }],
    },
    {
      name: 'only the bucket ARN is covered',
      code: bucket + policy('«' + deny('aws_s3_bucket.phi.arn') + '»'),
      findings: [{ messageId: 'partial' }],
    },
    {
      name: 'only the objects are covered, by literal ARN',
      files: { 'main.tf': policy('«' + deny('["arn:aws:s3:::acme-phi-data/*"]') + '»'), 'bucket.tf': bucket },
      findings: [{ messageId: 'partial' }],
    },
    {
      name: 'data source with SecureTransport = true (KICS positive4)',
      code: bucket + document(both, '["true"]') + policy('«data.aws_iam_policy_document.phi.json»'),
      findings: [{ messageId: 'noDeny' }],
    },
    {
      name: 'an Allow conditioned on SecureTransport = true does not deny HTTP (KICS negative6)',
      code: bucket + policy('«jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:GetObject", Resource = "${aws_s3_bucket.phi.arn}/*", Condition = { Bool = { "aws:SecureTransport" = "true" } } }] })»'),
      findings: [{ messageId: 'noDeny' }],
    },
    {
      name: 'NumericLessThan s3:TlsVersion alone does not deny plain HTTP',
      code: bucket + policy('«' + deny(both, 'NumericLessThan = { "s3:TlsVersion" = "1.2" }') + '»'),
      findings: [{ messageId: 'tlsVersionOnly' }],
    },
    {
      name: 'a deny narrowed by another condition does not deny every insecure request',
      code: bucket + policy('«' + deny(both, 'Bool = { "aws:SecureTransport" = "false" }\n          StringNotEquals = { "aws:SourceVpce" = "vpce-1" }') + '»'),
      findings: [{ messageId: 'noDeny' }],
    },
    {
      name: 'a deny for another bucket\'s ARN does not count',
      code: bucket + policy('«' + deny('[aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]') + '»'),
      findings: [{ messageId: 'noDeny' }],
    },
    {
      name: 'a Deny for specific actions only',
      code: bucket + policy('«' + deny(both).replace('Action    = "s3:*"', 'Action    = ["s3:GetObject"]') + '»'),
      findings: [{ messageId: 'noDeny' }],
    },
    {
      name: 'policy from a local in another file',
      files: { 'main.tf': bucket + policy('«local.policy»'), 'locals.tf': 'locals {\n  policy = jsonencode({ Statement = [] })\n}\n' },
      findings: [{ messageId: 'noDeny' }],
    },
  ],
});
