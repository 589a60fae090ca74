import rule from '../../../../server/src/rules/terraform/aws-iam-no-administratoraccess-attachment';
import { runRuleCases } from '../../../harness/rule-cases';

const ADMIN = '"arn:aws:iam::aws:policy/AdministratorAccess"';
const attachment = (type: string, arn: string, principal = 'role = aws_iam_role.ops.name'): string => `resource "${type}" "ops" {\n  ${principal}\n  policy_arn = ${arn}\n}\n`;
const trust = (condition: string): string =>
  `jsonencode({\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRole"\n      Principal = { AWS = "arn:aws:iam::111122223333:root" }${condition}\n    }]\n  })`;
const MFA = '\n      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }';
const role = (tags: string, condition: string): string => `resource "aws_iam_role" "ops" {\n  name               = "ops"\n  assume_role_policy = ${trust(condition)}\n  tags               = ${tags}\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'a scoped managed policy', code: attachment('aws_iam_role_policy_attachment', '"arn:aws:iam::aws:policy/ReadOnlyAccess"') },
    { name: 'a customer policy named like it, in the account', code: attachment('aws_iam_user_policy_attachment', '"arn:aws:iam::111122223333:policy/AdministratorAccess"', 'user = "alice"') },
    { name: 'a policy ARN from another resource', code: attachment('aws_iam_group_policy_attachment', 'aws_iam_policy.ops.arn', 'group = "ops"') },
    { name: 'a policy ARN from an unknown variable is not judged', code: 'variable "arn" {}\n' + attachment('aws_iam_role_policy_attachment', 'var.arn') },
    { name: 'role managed_policy_arns without AdministratorAccess', code: 'resource "aws_iam_role" "ops" {\n  assume_role_policy  = "{}"\n  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", aws_iam_policy.ops.arn]\n}\n' },
    {
      name: 'break-glass role tagged and requiring MFA in its trust policy (catalog exempt_if)',
      code: role('{ Purpose = "break-glass" }', MFA) + attachment('aws_iam_role_policy_attachment', ADMIN),
    },
    { name: 'data.aws_iam_policy looking up another policy', code: 'data "aws_iam_policy" "ro" {\n  name = "ReadOnlyAccess"\n}\n' + attachment('aws_iam_role_policy_attachment', 'data.aws_iam_policy.ro.arn') },
  ],
  invalid: [
    {
      name: 'role policy attachment with the literal ARN',
      code: attachment('aws_iam_role_policy_attachment', `«${ADMIN}»`),
      findings: [{ messageId: 'attached', severity: 'high' }],
    },
    {
      name: 'user, group and legacy exclusive attachments',
      code:
        attachment('aws_iam_user_policy_attachment', `«${ADMIN}»`, 'user = "alice"') +
        attachment('aws_iam_group_policy_attachment', `«${ADMIN}»`, 'group = "ops"').replace('"ops" {', '"ops2" {') +
        attachment('aws_iam_policy_attachment', `«${ADMIN}»`, 'name  = "x"').replace('"ops" {', '"ops3" {'),
      findings: [{ messageId: 'attached' }, { messageId: 'attached' }, { messageId: 'attached' }],
    },
    {
      name: 'role managed_policy_arns: at the list item',
      code: `resource "aws_iam_role" "ops" {\n  assume_role_policy  = "{}"\n  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", «"arn:aws-us-gov:iam::aws:policy/AdministratorAccess"»]\n}\n`,
      findings: [{ messageId: 'attached' }],
    },
    {
      name: 'ARN from a variable default in another file',
      files: { 'main.tf': attachment('aws_iam_role_policy_attachment', '«var.admin_arn»'), 'variables.tf': `variable "admin_arn" {\n  default = ${ADMIN}\n}\n` },
      findings: [{ messageId: 'attached', relatedCount: 1 }],
    },
    {
      name: 'partition from a data source',
      code: attachment('aws_iam_role_policy_attachment', '«"arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"»'),
      findings: [{ messageId: 'attached' }],
    },
    {
      name: 'data.aws_iam_policy looking up AdministratorAccess by name',
      code: 'data "aws_iam_policy" "admin" {\n  name = "AdministratorAccess"\n}\n' + attachment('aws_iam_role_policy_attachment', '«data.aws_iam_policy.admin.arn»'),
      findings: [{ messageId: 'attached', relatedCount: 1 }],
    },
    {
      name: 'SSO permission set managed policy attachment',
      code: `resource "aws_ssoadmin_managed_policy_attachment" "ops" {\n  instance_arn       = "arn:aws:sso:::instance/ssoins-1"\n  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-1"\n  managed_policy_arn = «${ADMIN}»\n}\n`,
      findings: [{ messageId: 'attached' }],
    },
    {
      name: 'role tagged break-glass without MFA in its trust policy',
      code: role('{ BreakGlass = "true" }', '') + attachment('aws_iam_role_policy_attachment', `«${ADMIN}»`),
      findings: [{ messageId: 'breakGlassWithoutMfa' }],
    },
    {
      name: 'for_each attachment: one finding for the block',
      code: 'resource "aws_iam_role_policy_attachment" "ops" {\n  for_each   = toset(["a", "b"])\n  role       = each.key\n  policy_arn = «"arn:aws:iam::aws:policy/AdministratorAccess"»\n}\n',
      findings: [{ messageId: 'attached' }],
    },
  ],
});
