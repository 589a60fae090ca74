import rule from '../../../../server/src/rules/terraform/aws-iam-password-policy-strong';
import { runRuleCases } from '../../../harness/rule-cases';

const strong =
  '  minimum_password_length        = 14\n  require_uppercase_characters   = true\n  require_lowercase_characters   = true\n  require_numbers                = true\n  require_symbols                = true\n  password_reuse_prevention      = 24\n  max_password_age               = 90\n  allow_users_to_change_password = true\n';
const policy = (body: string, name = 'strict'): string => `resource "aws_iam_account_password_policy" "${name}" {\n${body}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'the baseline', code: policy(strong) },
    { name: 'stricter than the baseline', code: policy(strong.replace('= 14', '= 20').replace('= 90', '= 60')) },
    {
      name: 'values from variables and tfvars in other files',
      files: {
        'main.tf': policy(strong.replace('= 14', '= var.min_length').replace('= 24', '= var.reuse')),
        'variables.tf': 'variable "min_length" {\n  default = 16\n}\nvariable "reuse" {}\n',
        'terraform.tfvars': 'reuse = 24\n',
      },
    },
    { name: 'an unknown setting is not judged', code: 'variable "age" {}\n' + policy(strong.replace('= 90', '= var.age')) },
    { name: 'a module without a password policy is not reported', code: 'resource "aws_iam_user" "ci" {\n  name = "ci"\n}\n' },
  ],
  invalid: [
    {
      name: 'KICS misconfigured_password_policy_expiration positive: length 8, no reuse, age 180',
      code: '«resource "aws_iam_account_password_policy" "positive1"» {\n  minimum_password_length        = «8»\n  require_lowercase_characters   = true\n  require_numbers                = true\n  require_uppercase_characters   = true\n  require_symbols                = true\n  allow_users_to_change_password = true\n  max_password_age               = «180»\n}\n',
      findings: [{ messageId: 'missing' }, { messageId: 'weak' }, { messageId: 'weak' }],
      fix: 'strengthen',
      output:
        'resource "aws_iam_account_password_policy" "positive1" {\n  minimum_password_length        = 14\n  require_lowercase_characters   = true\n  require_numbers                = true\n  require_uppercase_characters   = true\n  require_symbols                = true\n  allow_users_to_change_password = true\n  max_password_age               = 90\n  password_reuse_prevention      = 24\n}\n',
    },
    {
      name: 'empty policy: every setting is inserted, in catalog order',
      code: '«resource "aws_iam_account_password_policy" "default"» {}\n',
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'strengthen',
      output:
        'resource "aws_iam_account_password_policy" "default" {\n  minimum_password_length = 14\n  require_uppercase_characters = true\n  require_lowercase_characters = true\n  require_numbers = true\n  require_symbols = true\n  password_reuse_prevention = 24\n  max_password_age = 90\n}\n',
    },
    {
      name: 'weak values from a variable default and from tfvars: related, no fix',
      files: {
        'main.tf': policy(strong.replace('= 14', '= «var.min_length»').replace('= true\n  require_numbers', '= «var.lower»\n  require_numbers')),
        'variables.tf': 'variable "min_length" {\n  default = 8\n}\nvariable "lower" {\n  default = true\n}\n',
        'terraform.tfvars': 'lower = false\n',
      },
      findings: [
        { messageId: 'weak', relatedCount: 1 },
        { messageId: 'weak', relatedCount: 1 },
      ],
    },
    {
      name: 'max_password_age = 0 and password_reuse_prevention = 0 mean no requirement',
      code: policy(strong.replace('= 24', '= «0»').replace('= 90', '= «0»')),
      findings: [{ messageId: 'weak' }, { messageId: 'weak' }],
      fix: 'strengthen',
      output: policy(strong),
    },
    {
      name: 'hard_expiry = true: the expiry is reported but not inserted by the fix (users would be locked out)',
      code: '«resource "aws_iam_account_password_policy" "hard"» {\n' + strong.replace('  max_password_age               = 90\n', '') + '  hard_expiry                    = true\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
