import rule from '../../../../server/src/rules/terraform/aws-iam-no-admin-star-policy';
import { runRuleCases } from '../../../harness/rule-cases';

const iamPolicy = (policy: string, type = 'aws_iam_policy'): string => `resource "${type}" "ops" {\n  name   = "ops"\n  policy = ${policy}\n}\n`;
const encoded = (action: string, resource: string, effect = '"Allow"'): string =>
  `jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = ${effect}\n      Action   = ${action}\n      Resource = ${resource}\n    }]\n  })`;
const document = (actions: string, resources: string, extra = ''): string =>
  `data "aws_iam_policy_document" "ops" {\n  statement {\n${extra}    actions   = ${actions}\n    resources = ${resources}\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'scoped actions on "*"', code: iamPolicy(encoded('["s3:GetObject"]', '"*"')) },
    { name: '"*" actions on a scoped resource (KICS negative)', code: document('["*"]', '["arn:aws:s3:::*"]') },
    { name: 'Deny "*" on "*"', code: iamPolicy(encoded('"*"', '"*"', '"Deny"')) },
    { name: 'heredoc with a service wildcard', code: iamPolicy('<<EOF\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}\nEOF', 'aws_iam_role_policy') },
    { name: 'resource ARNs from other resources are never "*"', code: iamPolicy(encoded('"*"', '[aws_s3_bucket.phi.arn, "${aws_s3_bucket.phi.arn}/*"]')) },
    { name: 'a policy from templatefile() is not judged', code: iamPolicy('templatefile("${path.module}/ops.json.tpl", { account = "1" })') },
    { name: 'an action from an unknown variable is not judged', code: 'variable "action" {}\n' + iamPolicy(encoded('[var.action]', '"*"')) },
    {
      name: 'a resource using a data source that is judged on its own is not reported again',
      files: { 'main.tf': iamPolicy('data.aws_iam_policy_document.ops.json'), 'iam.tf': document('["*"]', '["*"]') },
    },
    { name: 'role inline_policy with scoped actions', code: 'resource "aws_iam_role" "app" {\n  assume_role_policy = "{}"\n  inline_policy {\n    name   = "read"\n    policy = ' + encoded('["s3:GetObject"]', '"*"') + '\n  }\n}\n' },
    {
      name: 'trust policies (assume_role_policy) are not permission policies',
      code: 'resource "aws_iam_role" "app" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Principal = { Service = "ec2.amazonaws.com" } }] })\n}\n',
    },
  ],
  invalid: [
    {
      name: 'aws_iam_policy with jsonencode "*" on "*": at the action',
      code: iamPolicy(encoded('«"*"»', '"*"')),
      findings: [{ messageId: 'fullAdmin', severity: 'critical' }],
    },
    {
      name: 'aws_iam_role_policy heredoc (KICS positive)',
      code: iamPolicy('<<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": [«"*"»],\n      "Resource": "*"\n    }\n  ]\n}\nEOF', 'aws_iam_role_policy'),
      findings: [{ messageId: 'fullAdmin' }],
    },
    {
      name: 'data source: reported on the data source, at the action (effect defaults to Allow)',
      code: document('[«"*"»]', '["*"]', '    sid = "1"\n'),
      findings: [{ messageId: 'fullAdmin' }],
    },
    {
      name: 'aws_iam_user_policy from a local jsonencode in another file',
      files: { 'main.tf': iamPolicy('«local.admin»', 'aws_iam_user_policy'), 'locals.tf': 'locals {\n  admin = ' + encoded('["*"]', '["*"]') + '\n}\n' },
      findings: [{ messageId: 'fullAdmin', relatedCount: 1 }],
    },
    {
      name: 'aws_iam_role inline_policy',
      code: 'resource "aws_iam_role" "app" {\n  assume_role_policy = "{}"\n  inline_policy {\n    name   = "admin"\n    policy = ' + encoded('«"*"»', '"*"') + '\n  }\n}\n',
      findings: [{ messageId: 'fullAdmin' }],
    },
    {
      name: 'SSO permission set inline policy with actions from a variable default',
      files: {
        'main.tf': 'resource "aws_ssoadmin_permission_set_inline_policy" "ops" {\n  instance_arn       = "arn:aws:sso:::instance/ssoins-1"\n  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-1"\n  inline_policy      = ' + encoded('«var.actions»', '"*"') + '\n}\n',
        'variables.tf': 'variable "actions" {\n  default = ["*"]\n}\n',
      },
      findings: [{ messageId: 'fullAdmin' }],
    },
    {
      name: 'count group policy: one finding for the block',
      code: 'resource "aws_iam_group_policy" "ops" {\n  count  = 2\n  policy = ' + encoded('«"*"»', '["*"]') + '\n}\n',
      findings: [{ messageId: 'fullAdmin' }],
    },
  ],
});
