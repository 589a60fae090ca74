import rule from '../../../../server/src/rules/terraform/aws-kms-key-policy-no-wildcard-principal';
import { runRuleCases } from '../../../harness/rule-cases';

const key = (policy: string): string => `resource "aws_kms_key" "phi" {\n  description         = "PHI data"\n  enable_key_rotation = true\n  policy              = ${policy}\n}\n`;
const keyPolicy = (policy: string): string => `resource "aws_kms_key_policy" "phi" {\n  key_id = aws_kms_key.phi.id\n  policy = ${policy}\n}\n`;
const statement = (principal: string, condition = ''): string =>
  `jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      {\n        Sid       = "Use"\n        Effect    = "Allow"\n        Principal = ${principal}\n        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]\n        Resource  = "*"${condition}\n      },\n    ]\n  })`;
const root = statement('{ AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }');

runRuleCases(rule, {
  valid: [
    { name: 'key without a policy (default key policy: the account root)', code: 'resource "aws_kms_key" "phi" {\n  enable_key_rotation = true\n}\n' },
    { name: 'inline policy naming the account root', code: key(root) },
    { name: 'aws_kms_key_policy naming a role', code: keyPolicy(statement('{ AWS = aws_iam_role.app.arn }')) },
    {
      name: '"*" restricted by kms:CallerAccount and kms:ViaService',
      code: key(statement('{ AWS = "*" }', '\n        Condition = {\n          StringEquals = {\n            "kms:CallerAccount" = data.aws_caller_identity.current.account_id\n            "kms:ViaService"    = "s3.us-east-1.amazonaws.com"\n          }\n        }')),
    },
    {
      name: 'data source in another file with "*" restricted by aws:PrincipalOrgID',
      files: {
        'main.tf': keyPolicy('data.aws_iam_policy_document.key.json'),
        'iam.tf':
          'data "aws_iam_policy_document" "key" {\n  statement {\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = [var.org_id]\n    }\n  }\n}\n',
      },
    },
    { name: 'a policy from templatefile() is not judged', code: key('templatefile("${path.module}/key-policy.json", {})') },
    { name: 'a condition key from an unknown variable is not judged', code: 'variable "k" {}\n' + key(statement('"*"', '\n        Condition = { StringEquals = { (var.k) = "x" } }')) },
    { name: 'count key with a scoped policy', code: 'resource "aws_kms_key" "phi" {\n  count  = 2\n  policy = ' + root + '\n}\n' },
  ],
  invalid: [
    {
      name: 'inline policy with Principal "*" (KICS positive)',
      code: key(statement('«"*"»')),
      findings: [{ messageId: 'wildcard', severity: 'critical' }],
    },
    {
      name: 'aws_kms_key_policy with {"AWS": "*"} in a heredoc, only an unrelated condition',
      code: keyPolicy(
        '<<POLICY\n  {\n    "Version": "2012-10-17",\n    "Statement": [{\n      "Effect": "Allow",\n      "Principal": {"AWS": «"*"»},\n      "Action": "kms:*",\n      "Resource": "*",\n      "Condition": {"Bool": {"aws:SecureTransport": "true"}}\n    }]\n  }\n  POLICY',
      ),
      findings: [{ messageId: 'wildcard' }],
    },
    {
      name: 'data source with principals type "*": at the policy value, statement related',
      code:
        keyPolicy('«data.aws_iam_policy_document.key.json»') +
        'data "aws_iam_policy_document" "key" {\n  statement {\n    actions   = ["kms:*"]\n    resources = ["*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n  }\n}\n',
      findings: [{ messageId: 'wildcard', relatedCount: 1 }],
    },
    {
      name: 'policy from a tfvars value',
      files: {
        'main.tf': 'variable "key_policy" {}\n' + key('«var.key_policy»'),
        'terraform.tfvars': 'key_policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "kms:Decrypt", "Resource": "*"}]}\nEOF\n',
      },
      findings: [{ messageId: 'wildcard', relatedCount: 1 }],
    },
  ],
});
