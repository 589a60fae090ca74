import rule from '../../../../server/src/rules/terraform/aws-secretsmanager-rotation-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

const secret = 'resource "aws_secretsmanager_secret" "db" {\n  name = "phi/db/master"\n}\n';
const rotation = (ref: string, rules: string): string =>
  `resource "aws_secretsmanager_secret_rotation" "db" {\n  secret_id           = ${ref}\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n${rules}}\n`;
const every = (days: string): string => `  rotation_rules {\n    automatically_after_days = ${days}\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'rotation every 30 days by reference', code: secret + rotation('aws_secretsmanager_secret.db.id', every('30')) },
    { name: 'rotation in another file, by the secret name', files: { 'main.tf': secret, 'rotation.tf': rotation('"phi/db/master"', every('90')) } },
    { name: 'rotation by .arn with a cron schedule', code: secret + rotation('aws_secretsmanager_secret.db.arn', '  rotation_rules {\n    schedule_expression = "cron(0 4 1 * ? *)"\n  }\n') },
    {
      name: 'for_each secrets rotated by a for_each rotation',
      code:
        'resource "aws_secretsmanager_secret" "svc" {\n  for_each = toset(["a", "b"])\n  name     = "svc/${each.key}"\n}\n' +
        'resource "aws_secretsmanager_secret_rotation" "svc" {\n  for_each            = aws_secretsmanager_secret.svc\n  secret_id           = each.value.id\n  rotation_lambda_arn = var.rotator\n' +
        every('30') +
        '}\n',
    },
    {
      name: 'interval from terraform.tfvars',
      files: { 'main.tf': secret + rotation('aws_secretsmanager_secret.db.id', every('var.days')), 'variables.tf': 'variable "days" {}\n', 'terraform.tfvars': 'days = 60\n' },
    },
    { name: 'exempt: tagged rotation = "not-applicable"', code: 'resource "aws_secretsmanager_secret" "vendor" {\n  name = "vendor-api-key"\n  tags = merge(local.tags, { rotation = "not-applicable" })\n}\nlocals {\n  tags = { team = "x" }\n}\n' },
    { name: 'a rotation whose secret_id cannot be resolved may rotate the secret', code: 'variable "id" {}\n' + secret + rotation('var.id', every('30')) },
    { name: 'tags that cannot be resolved may exempt the secret', code: 'variable "tags" {}\nresource "aws_secretsmanager_secret" "db" {\n  name = "db"\n  tags = var.tags\n}\n' },
    {
      name: 'interval wired to module inputs defaulting to null is not judged',
      code: 'variable "days" {\n  default = null\n}\nvariable "schedule" {\n  default = null\n}\n' + rotation('aws_secretsmanager_secret.db.id', '  rotation_rules {\n    automatically_after_days = var.days\n    schedule_expression      = var.schedule\n  }\n'),
    },
    { name: 'unknown interval is not judged', code: 'variable "days" {}\n' + rotation('aws_secretsmanager_secret.db.id', every('var.days')) },
  ],
  invalid: [
    {
      name: 'secret without rotation: the review fix adds one with a rotation function the user chooses',
      code: '«resource "aws_secretsmanager_secret" "db"» {\n  name = "phi/db/master"\n}\n',
      findings: [{ messageId: 'noRotation', severity: 'medium' }],
      fix: 'addRotation',
      output:
        secret +
        '\nresource "aws_secretsmanager_secret_rotation" "db" {\n  secret_id           = aws_secretsmanager_secret.db.id\n  rotation_lambda_arn = var.secret_rotation_lambda_arn\n\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n' +
        '\nvariable "secret_rotation_lambda_arn" {\n  description = "ARN of the Lambda function that rotates the secret (it must understand the credential type)"\n  type        = string\n}\n',
    },
    {
      name: 'a rotation of another secret does not count',
      code: '«resource "aws_secretsmanager_secret" "db"» {\n  name = "phi/db/master"\n}\n' + rotation('aws_secretsmanager_secret.other.id', every('30')),
      findings: [{ messageId: 'noRotation' }],
    },
    { name: 'rotation every 180 days', code: rotation('aws_secretsmanager_secret.db.id', every('«180»')), findings: [{ messageId: 'tooLong' }] },
    {
      name: 'interval from a variable default: related to the default',
      files: { 'main.tf': rotation('aws_secretsmanager_secret.db.id', every('«var.days»')), 'variables.tf': 'variable "days" {\n  default = 365\n}\n' },
      findings: [{ messageId: 'tooLong', relatedCount: 1 }],
    },
    { name: 'rate schedule longer than 90 days', code: rotation('aws_secretsmanager_secret.db.id', '  rotation_rules {\n    schedule_expression = «"rate(120 days)"»\n  }\n'), findings: [{ messageId: 'tooLongSchedule' }] },
    { name: 'rotation_rules without an interval', code: rotation('aws_secretsmanager_secret.db.id', '  «rotation_rules» {\n    duration = "2h"\n  }\n'), findings: [{ messageId: 'noInterval' }] },
    {
      name: 'count secret: reported once; a different tag value does not exempt',
      code: '«resource "aws_secretsmanager_secret" "s"» {\n  count = 3\n  name  = "s-${count.index}"\n  tags  = { rotation = "manual" }\n}\n',
      findings: [{ messageId: 'noRotation' }],
    },
    {
      name: 'provider < 4 inline rotation_rules longer than 90 days',
      code: 'resource "aws_secretsmanager_secret" "legacy" {\n  name                = "legacy"\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n  rotation_rules {\n    automatically_after_days = «120»\n  }\n}\n',
      findings: [{ messageId: 'tooLong' }],
    },
  ],
});
