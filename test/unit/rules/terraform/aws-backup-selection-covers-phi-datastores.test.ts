import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/terraform/aws-backup-selection-covers-phi-datastores';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

const db = 'resource "aws_db_instance" "phi" {\n  identifier = "phi-db"\n  engine     = "postgres"\n}\n';
const plan = 'resource "aws_backup_plan" "phi" {\n  name = "phi"\n  rule {\n    rule_name         = "daily"\n    target_vault_name = "phi"\n  }\n}\n';
const selection = (body: string): string =>
  `resource "aws_backup_selection" "phi" {\n  name         = "phi"\n  plan_id      = aws_backup_plan.phi.id\n  iam_role_arn = aws_iam_role.backup.arn\n${body}}\n`;
const byTag = '  selection_tag {\n    type  = "STRINGEQUALS"\n    key   = "data_classification"\n    value = "phi"\n  }\n';
const provider = (tags: string): string => `provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = ${tags}\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'no backup plan or selection in the module: backups may be central (cannot determine)', code: db },
    { name: 'selected by reference', code: db + plan + selection('  resources = [aws_db_instance.phi.arn]\n') },
    { name: 'selection in another file, through a local', files: { 'main.tf': db, 'backup.tf': plan + selection('  resources = local.phi_stores\n') + 'locals {\n  phi_stores = [aws_db_instance.phi.arn]\n}\n' } },
    { name: 'resources = ["*"]', code: db + plan + selection('  resources = ["*"]\n') },
    { name: 'ARN wildcard of the service and type', code: db + plan + selection('  resources = ["arn:aws:rds:*:*:db:*"]\n') },
    { name: 'ARN wildcard on the identifier', code: db + plan + selection('  resources = ["arn:aws:rds:us-east-1:111122223333:db:phi-*"]\n') },
    { name: 'tag-based selection matching the resource tags', code: 'resource "aws_dynamodb_table" "claims" {\n  name = "claims"\n  tags = { data_classification = "phi" }\n}\n' + plan + selection(byTag) },
    { name: 'tag-based selection matching provider default_tags', code: provider('{ data_classification = "phi" }') + 'resource "aws_efs_file_system" "scans" {}\n' + plan + selection(byTag) },
    {
      name: 'tags from a variable default in another file',
      files: {
        'main.tf': provider('var.tags') + 'resource "aws_rds_cluster" "phi" {\n  cluster_identifier = "phi"\n}\n' + plan + selection(byTag),
        'variables.tf': 'variable "tags" {\n  default = { data_classification = "phi" }\n}\n',
      },
    },
    { name: 'condition with string_like', code: 'resource "aws_ebs_volume" "data" {\n  tags = { backup = "daily-phi" }\n}\n' + plan + selection('  resources = ["*"]\n  condition {\n    string_like {\n      key   = "aws:ResourceTag/backup"\n      value = "daily-*"\n    }\n  }\n') },
    { name: 'count stores selected with a splat', code: 'resource "aws_db_instance" "replica_set" {\n  count = 2\n}\n' + plan + selection('  resources = aws_db_instance.replica_set[*].arn\n') },
    { name: 'for_each stores selected with a for expression', code: 'resource "aws_dynamodb_table" "t" {\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\n' + plan + selection('  resources = [for t in aws_dynamodb_table.t : t.arn]\n') },
    { name: 'EBS volume attached to a selected instance', code: 'resource "aws_ebs_volume" "data" {}\nresource "aws_instance" "app" {}\nresource "aws_volume_attachment" "data" {\n  device_name = "/dev/sdf"\n  volume_id   = aws_ebs_volume.data.id\n  instance_id = aws_instance.app.id\n}\n' + plan + selection('  resources = [aws_instance.app.arn]\n') },
    { name: 'EFS with the automatic backup policy', code: 'resource "aws_efs_file_system" "scans" {}\nresource "aws_efs_backup_policy" "scans" {\n  file_system_id = aws_efs_file_system.scans.id\n  backup_policy {\n    status = "ENABLED"\n  }\n}\n' + plan },
    { name: 'read replicas are exempt', code: 'resource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.primary.identifier\n}\n' + plan },
    { name: 'a selection built from a variable may select the store', code: 'variable "arns" {}\n' + db + plan + selection('  resources = var.arns\n') },
    { name: 'tags that cannot be resolved may match the selection', code: 'variable "tags" {}\nresource "aws_dynamodb_table" "claims" {\n  name = "claims"\n  tags = var.tags\n}\n' + provider('{}') + plan + selection(byTag) },
    { name: 'without a provider block, default_tags of the root module may match', code: 'resource "aws_dynamodb_table" "claims" {\n  name = "claims"\n}\n' + plan + selection(byTag) },
  ],
  invalid: [
    {
      name: 'plan and selection in the module, the database not selected: plan and selection are related',
      code: '«resource "aws_db_instance" "phi"» {\n  identifier = "phi-db"\n}\n' + plan + selection('  resources = [aws_dynamodb_table.claims.arn]\n'),
      findings: [{ messageId: 'notSelected', severity: 'high', relatedCount: 2 }],
      fix: 'addToSelection',
      output: 'resource "aws_db_instance" "phi" {\n  identifier = "phi-db"\n}\n' + plan + selection('  resources = [aws_dynamodb_table.claims.arn, aws_db_instance.phi.arn]\n'),
    },
    {
      name: 'a selection listing one store per line: the store gets its own line, after the trailing comma and comment',
      code: '«resource "aws_db_instance" "phi"» {\n  identifier = "phi-db"\n}\n' + plan + selection('  resources = [\n    aws_dynamodb_table.claims.arn, # claims\n  ]\n'),
      findings: [{ messageId: 'notSelected' }],
      fix: 'addToSelection',
      output: 'resource "aws_db_instance" "phi" {\n  identifier = "phi-db"\n}\n' + plan + selection('  resources = [\n    aws_dynamodb_table.claims.arn, # claims\n    aws_db_instance.phi.arn,\n  ]\n'),
    },
    {
      name: 'a plan without any selection',
      code: '«resource "aws_efs_file_system" "scans"» {}\n' + plan,
      findings: [{ messageId: 'notSelected', relatedCount: 1 }],
      fix: 'addSelectionChosenRole',
      output:
        'resource "aws_efs_file_system" "scans" {}\n\n' +
        'resource "aws_backup_selection" "scans" {\n  name         = "scans"\n  plan_id      = aws_backup_plan.phi.id\n  iam_role_arn = var.backup_iam_role_arn\n  resources    = [aws_efs_file_system.scans.arn]\n}\n\n' +
        plan +
        '\nvariable "backup_iam_role_arn" {\n  description = "ARN of the IAM role AWS Backup assumes to back up the selected resources (for example with the AWSBackupServiceRolePolicyForBackup managed policy)"\n  type        = string\n}\n',
    },
    {
      name: 'tag-based selection, store tagged otherwise (provider declared in the module)',
      code: provider('{ team = "data" }') + '«resource "aws_dynamodb_table" "claims"» {\n  name = "claims"\n  tags = { data_classification = "internal" }\n}\n' + plan + selection(byTag),
      findings: [{ messageId: 'notSelected' }],
      fix: 'addToSelection',
      output: provider('{ team = "data" }') + 'resource "aws_dynamodb_table" "claims" {\n  name = "claims"\n  tags = { data_classification = "internal" }\n}\n' + plan + selection(`${byTag}  resources    = [aws_dynamodb_table.claims.arn]\n`),
    },
    {
      name: 'ARN pattern of another resource type',
      code: '«resource "aws_rds_cluster" "phi"» {\n  cluster_identifier = "phi"\n}\n' + plan + selection('  resources = ["arn:aws:rds:*:*:db:*"]\n'),
      findings: [{ messageId: 'notSelected' }],
    },
    {
      name: 'excluded by not_resources',
      code: '«resource "aws_ebs_volume" "scratch"» {}\n' + plan + selection('  resources     = ["*"]\n  not_resources = [aws_ebs_volume.scratch.arn]\n'),
      findings: [{ messageId: 'notSelected' }],
    },
    {
      name: 'for_each store not selected: reported once',
      code: '«resource "aws_fsx_lustre_file_system" "scratch"» {\n  for_each = toset(["a", "b"])\n}\n' + plan + selection('  resources = [aws_db_instance.other.arn]\n'),
      findings: [{ messageId: 'notSelected' }],
      fix: 'addSelection',
      output:
        'resource "aws_fsx_lustre_file_system" "scratch" {\n  for_each = toset(["a", "b"])\n}\n\n' +
        'resource "aws_backup_selection" "scratch" {\n  name         = "scratch"\n  plan_id      = aws_backup_plan.phi.id\n  iam_role_arn = aws_iam_role.backup.arn\n  resources    = [for s in aws_fsx_lustre_file_system.scratch : s.arn]\n}\n\n' +
        plan +
        selection('  resources = [aws_db_instance.other.arn]\n'),
    },
    {
      name: 'count store, selection in another file, CRLF: a new selection of every instance after the store',
      files: {
        'main.tf': '«resource "aws_ebs_volume" "data"» {\r\n  count = 2\r\n}\r\n',
        'backup.tf': plan + selection('  resources = [aws_db_instance.other.arn]\n'),
      },
      findings: [{ messageId: 'notSelected' }],
      fix: 'addSelection',
      output:
        'resource "aws_ebs_volume" "data" {\r\n  count = 2\r\n}\r\n\r\n' +
        'resource "aws_backup_selection" "data" {\r\n  name         = "data"\r\n  plan_id      = aws_backup_plan.phi.id\r\n  iam_role_arn = aws_iam_role.backup.arn\r\n  resources    = aws_ebs_volume.data[*].arn\r\n}\r\n',
    },
    {
      name: 'identifier from tfvars does not match the ARN',
      files: {
        'main.tf': '«resource "aws_db_instance" "phi"» {\n  identifier = var.id\n}\n' + plan + selection('  resources = ["arn:aws:rds:*:*:db:billing-*"]\n'),
        'terraform.tfvars': 'id = "phi-db"\n',
      },
      findings: [{ messageId: 'notSelected' }],
    },
  ],
});

describe('rule aws-backup-selection-covers-phi-datastores: fixes', () => {
  it('no fix for a store a selection excludes on purpose, nor when the module has several plans', async () => {
    const excluded = await lintFiles({ 'main.tf': 'resource "aws_ebs_volume" "scratch" {}\n' + plan + selection('  resources     = ["*"]\n  not_resources = [aws_ebs_volume.scratch.arn]\n') }, 'main.tf', [rule]);
    assert.deepEqual(excluded.findings.map((f) => [f.messageId, f.fix]), [['notSelected', undefined]]);
    const twoPlans = await lintFiles({ 'main.tf': 'resource "aws_efs_file_system" "scans" {}\n' + plan + plan.replace('"phi" {', '"archive" {') }, 'main.tf', [rule]);
    assert.deepEqual(twoPlans.findings.map((f) => [f.messageId, f.fix]), [['notSelected', undefined]]);
  });
});
