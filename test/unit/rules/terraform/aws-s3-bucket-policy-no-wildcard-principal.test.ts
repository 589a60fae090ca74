import rule from '../../../../server/src/rules/terraform/aws-s3-bucket-policy-no-wildcard-principal';
import { runRuleCases } from '../../../harness/rule-cases';

/** An aws_s3_bucket_policy whose policy is `expr`. */
const policy = (expr: string): string => `resource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = ${expr}\n}\n`;
const encoded = (principal: string, condition = ''): string =>
  `jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = ${principal}\n      Action    = "s3:GetObject"\n      Resource  = "\${aws_s3_bucket.phi.arn}/*"${condition}\n    }]\n  })`;
const heredoc = (principal: string, condition = ''): string =>
  `<<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": ${principal},\n      "Action": "s3:GetObject",\n      "Resource": "\${aws_s3_bucket.phi.arn}/*"${condition}\n    }\n  ]\n}\nEOF`;
const document = (name: string, principals: string, extra = ''): string =>
  `data "aws_iam_policy_document" "${name}" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["\${aws_s3_bucket.phi.arn}/*"]\n    principals {\n      ${principals}\n    }\n${extra}  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'jsonencode with a specific principal', code: policy(encoded('{ AWS = aws_iam_role.reader.arn }')) },
    { name: 'jsonencode with "*" restricted by aws:SourceVpce', code: policy(encoded('"*"', '\n      Condition = { StringEquals = { "aws:SourceVpce" = var.vpce } }')) },
    { name: 'heredoc with "*" restricted by aws:PrincipalOrgID (keys are case-insensitive)', code: policy(heredoc('"*"', ',\n      "Condition": {"StringEquals": {"AWS:PrincipalOrgID": "o-abc123"}}')) },
    { name: 'a Deny statement for "*" is not a grant', code: policy(encoded('"*"').replace('"Allow"', '"Deny"')) },
    {
      name: 'data source in another file with a role principal',
      files: { 'main.tf': policy('data.aws_iam_policy_document.phi.json'), 'iam.tf': document('phi', 'type        = "AWS"\n      identifiers = [aws_iam_role.reader.arn]') },
    },
    {
      name: 'override_policy_documents replaces the wildcard statement with the same sid',
      code:
        policy('data.aws_iam_policy_document.merged.json') +
        document('base', 'type        = "*"\n      identifiers = ["*"]').replace('statement {\n', 'statement {\n    sid       = "Read"\n') +
        'data "aws_iam_policy_document" "merged" {\n  source_policy_documents   = [data.aws_iam_policy_document.base.json]\n  override_policy_documents = [jsonencode({ Statement = [{ Sid = "Read", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:GetObject", Resource = "*" }] })]\n}\n',
    },
    { name: 'a policy rendered from a file is not judged', code: policy('file("${path.module}/policy.json")') },
    { name: 'templatefile is not judged', code: policy('templatefile("policy.json.tpl", { bucket = "x" })') },
    { name: 'a variable without a value is not judged', code: 'variable "policy" {}\n' + policy('var.policy') },
    {
      name: 'a dynamic statement whose for_each is unknown is not judged',
      code:
        'variable "grants" {}\n' +
        policy('data.aws_iam_policy_document.phi.json') +
        'data "aws_iam_policy_document" "phi" {\n  dynamic "statement" {\n    for_each = var.grants\n    content {\n      actions = ["s3:GetObject"]\n      principals {\n        type        = "*"\n        identifiers = ["*"]\n      }\n    }\n  }\n}\n',
    },
    { name: 'a principal from an unknown variable is not judged', code: 'variable "p" {}\n' + policy(encoded('{ AWS = var.p }')) },
    { name: 'bucket without any policy', code: 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n}\n' },
    { name: 'a heredoc that is not valid JSON is not judged', code: policy('<<EOF\n{ "Statement": [ {"Effect": "Allow", "Principal": "*" ]\nEOF') },
  ],
  invalid: [
    {
      name: 'jsonencode with Principal "*": at the principal',
      code: policy(encoded('«"*"»')),
      findings: [{ messageId: 'wildcard', severity: 'critical' }],
    },
    {
      name: 'heredoc with {"AWS": "*"} and only an aws:SourceIp condition: at the principal inside the heredoc',
      code: policy(heredoc('{"AWS": «"*"»}', ',\n      "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}')),
      findings: [{ messageId: 'wildcard' }],
    },
    {
      name: 'data source in another file: at the policy value, the statement related',
      files: { 'main.tf': policy('«data.aws_iam_policy_document.phi.json»'), 'iam.tf': document('phi', 'type        = "*"\n      identifiers = ["*"]') },
      findings: [{ messageId: 'wildcard', relatedCount: 1 }],
    },
    {
      name: 'data source in the same file with an AWS "*" identifier',
      code: policy('«data.aws_iam_policy_document.phi.json»') + document('phi', 'type        = "AWS"\n      identifiers = ["arn:aws:iam::111122223333:root", "*"]'),
      findings: [{ messageId: 'wildcard', relatedCount: 1 }],
    },
    {
      name: 'legacy inline policy on the bucket',
      code: 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n  policy = ' + heredoc('«"*"»').replace(/\$\{aws_s3_bucket\.phi\.arn\}/, 'arn:aws:s3:::acme-phi-data') + '\n}\n',
      findings: [{ messageId: 'wildcard' }],
    },
    {
      name: 'policy from a variable default in another file: related to the default',
      files: {
        'main.tf': policy('«var.policy»'),
        'variables.tf': 'variable "policy" {\n  default = <<EOF\n{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}\nEOF\n}\n',
      },
      findings: [{ messageId: 'wildcard', relatedCount: 1 }],
    },
    {
      name: 'policy from a local in another file',
      files: { 'main.tf': policy('«local.bucket_policy»'), 'locals.tf': 'locals {\n  bucket_policy = ' + encoded('"*"') + '\n}\n' },
      findings: [{ messageId: 'wildcard', relatedCount: 1 }],
    },
    {
      name: 'Allow with NotPrincipal grants everyone not listed',
      code: policy(encoded('{ AWS = "x" }').replace('Principal = { AWS = "x" }', 'NotPrincipal = «{ AWS = "arn:aws:iam::111122223333:root" }»')),
      findings: [{ messageId: 'wildcard' }],
    },
    {
      name: 'two offending statements, one finding each; the restricted one is not reported',
      code: policy(
        'jsonencode({\n    Statement = [\n      { Effect = "Allow", Principal = «"*"», Action = "s3:GetObject", Resource = "*" },\n      { Effect = "Allow", Principal = { AWS = «"*"» }, Action = "s3:PutObject", Resource = "*" },\n      { Effect = "Allow", Principal = "*", Action = "s3:ListBucket", Resource = "*", Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } } },\n    ]\n  })',
      ),
      findings: [{ messageId: 'wildcard' }, { messageId: 'wildcard' }],
    },
    {
      name: 'source_policy_documents: the wildcard comes from the source document',
      code:
        policy('«data.aws_iam_policy_document.merged.json»') +
        document('base', 'type        = "*"\n      identifiers = ["*"]') +
        'data "aws_iam_policy_document" "merged" {\n  source_policy_documents = [data.aws_iam_policy_document.base.json]\n}\n',
      findings: [{ messageId: 'wildcard', relatedCount: 1 }],
    },
    {
      name: 'a conditional policy whose condition is known from a variable default',
      code: 'variable "public" {\n  default = true\n}\n' + policy('var.public ? ' + encoded('«"*"»') + ' : "{}"'),
      findings: [{ messageId: 'wildcard' }],
    },
    {
      name: 'quoted JSON string with escapes: shown at the policy value',
      code: policy('«"{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"s3:*\\", \\"Resource\\": \\"*\\"}]}"»'),
      findings: [{ messageId: 'wildcard' }],
    },
  ],
});
