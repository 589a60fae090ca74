import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/terraform/aws-rds-instance-storage-encrypted';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

runRuleCases(rule, {
  valid: [
    { name: 'encryption enabled', code: 'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = true\n}\n' },
    { name: 'other resource types are ignored', code: 'resource "aws_s3_bucket" "logs" {}\n' },
    { name: 'a read replica inherits the source encryption', code: 'resource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.phi.identifier\n}\n' },
    { name: 'a variable without a default is not judged', code: 'variable "encrypt" {}\nresource "aws_db_instance" "phi" {\n  storage_encrypted = var.encrypt\n}\n' },
    {
      name: 'variable default true in another file',
      files: { 'main.tf': 'resource "aws_db_instance" "phi" {\n  storage_encrypted = var.encrypt\n}\n', 'variables.tf': 'variable "encrypt" {\n  default = true\n}\n' },
    },
    {
      name: 'tfvars overrides a false default',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  storage_encrypted = var.encrypt\n}\n',
        'variables.tf': 'variable "encrypt" {\n  default = false\n}\n',
        'terraform.tfvars': 'encrypt = true\n',
      },
    },
    { name: 'a half-typed block is not judged', code: 'resource "aws_db_instance" "phi" {\n  engine = \n' },
    {
      name: 'count = 0: a resource Terraform does not create is not judged',
      code: 'variable "create" {\n  default = false\n}\nresource "aws_db_instance" "phi" {\n  count             = var.create ? 1 : 0\n  storage_encrypted = false\n}\n',
    },
    {
      name: 'for_each: every instance encrypted',
      code: 'resource "aws_db_instance" "phi" {\n  for_each          = { prod = true, dev = "true" }\n  identifier        = "phi-${each.key}"\n  storage_encrypted = each.value\n}\n',
    },
    {
      name: 'local module call: the input encrypts',
      files: {
        'main.tf': 'module "db" {\n  source    = "./modules/db"\n  encrypted = true\n}\n',
        'modules/db/main.tf': 'variable "encrypted" {}\nresource "aws_db_instance" "this" {\n  storage_encrypted = var.encrypted\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'attribute missing',
      code: '«resource "aws_db_instance" "phi"» {\n  engine = "postgres"\n}\n',
      findings: [{ messageId: 'missing' }],
      fix: 'enable',
      output: 'resource "aws_db_instance" "phi" {\n  engine = "postgres"\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'kms_key_id without storage_encrypted does not encrypt (KICS db_instance_storage_not_encrypted negative1.tf, second instance)',
      code: '«resource "aws_db_instance" "phi"» {\n  engine     = "postgres"\n  kms_key_id = aws_kms_key.rds.arn\n}\n',
      findings: [{ messageId: 'kmsKeyOnly' }],
      fix: 'enable',
      output: 'resource "aws_db_instance" "phi" {\n  engine     = "postgres"\n  kms_key_id = aws_kms_key.rds.arn\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'explicitly disabled',
      code: 'resource "aws_db_instance" "phi" {\n  storage_encrypted = «false»\n}\n',
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: 'resource "aws_db_instance" "phi" {\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'variable default false: finding at the use site, related to the default; the fix changes the default',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  storage_encrypted = «var.encrypt»\n}\n',
        'variables.tf': 'variable "encrypt" {\n  type    = bool\n  default = false\n}\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
      fix: 'enable',
      outputFile: 'variables.tf',
      output: 'variable "encrypt" {\n  type    = bool\n  default = true\n}\n',
    },
    {
      name: 'tfvars sets false: the fix changes the assignment in the tfvars file, comment and CRLF kept',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  storage_encrypted = «var.encrypt»\n}\n',
        'variables.tf': 'variable "encrypt" {\n  default = true\n}\n',
        'prod.auto.tfvars': 'region  = "us-east-1"\r\nencrypt = false # during the migration\r\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
      fix: 'enable',
      outputFile: 'prod.auto.tfvars',
      output: 'region  = "us-east-1"\r\nencrypt = true # during the migration\r\n',
    },
    {
      name: 'terraform.tfvars and *.auto.tfvars both set it: the fix changes the one that wins (the auto file, loaded last)',
      files: {
        'main.tf': 'variable "encrypt" {\n  default = true\n}\nresource "aws_db_instance" "phi" {\n  storage_encrypted = «"${var.encrypt}"»\n}\n',
        'terraform.tfvars': 'encrypt = true\n',
        'z.auto.tfvars': 'encrypt = "false"\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
      fix: 'enable',
      outputFile: 'z.auto.tfvars',
      output: 'encrypt = true\n',
    },
    {
      name: 'variable default in the same file as the resource',
      code: 'variable "encrypt" {\n  default = false\n}\n\nresource "aws_db_instance" "phi" {\n  storage_encrypted = «var.encrypt»\n}\n',
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
      fix: 'enable',
      output: 'variable "encrypt" {\n  default = true\n}\n\nresource "aws_db_instance" "phi" {\n  storage_encrypted = var.encrypt\n}\n',
    },
    {
      name: 'a local or an expression over a variable decides more than one value: no fix',
      code: 'variable "encrypt" {\n  default = true\n}\nlocals {\n  encrypted = false\n}\nresource "aws_db_instance" "a" {\n  storage_encrypted = «local.encrypted»\n}\nresource "aws_db_instance" "b" {\n  storage_encrypted = «!var.encrypt»\n}\n',
      findings: [{ messageId: 'disabled', relatedCount: 1 }, { messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'one finding per offending resource, empty block opened up by the fix',
      code: 'resource "aws_db_instance" "a" {\n  storage_encrypted = «false»\n}\n«resource "aws_db_instance" "b"» {}\n',
      findings: [{ messageId: 'disabled' }, { messageId: 'missing' }],
      fix: 'enable',
      output: 'resource "aws_db_instance" "a" {\n  storage_encrypted = true\n}\nresource "aws_db_instance" "b" {\n  storage_encrypted = true\n}\n',
    },
    {
      name: 'count: one finding for the block when only one instance is unencrypted',
      code: 'resource "aws_db_instance" "phi" {\n  count             = 2\n  storage_encrypted = «count.index == 1»\n}\n',
      findings: [{ messageId: 'disabled' }],
    },
    {
      name: 'for_each: one finding for the block, the failing instance named',
      files: {
        'main.tf': 'resource "aws_db_instance" "phi" {\n  for_each          = var.databases\n  storage_encrypted = «each.value.encrypted»\n}\n',
        'variables.tf': 'variable "databases" {\n  default = {\n    prod = { encrypted = false }\n    dev  = { encrypted = true }\n  }\n}\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'local module call: finding at the input in the calling file',
      files: {
        'main.tf': 'module "db" {\n  source    = "./modules/db"\n  «encrypted = false»\n}\n',
        'modules/db/main.tf': 'variable "encrypted" {}\nresource "aws_db_instance" "this" {\n  storage_encrypted = var.encrypted\n}\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
  ],
});

describe('rule aws-rds-instance-storage-encrypted: a value decided in terraform.tfvars', () => {
  const files = {
    'rds.tf': 'resource "aws_db_instance" "reporting" {\n  storage_encrypted = var.db_storage_encrypted\n}\n',
    'variables.tf': 'variable "db_storage_encrypted" {\n  type    = bool\n  default = true\n}\n',
    'terraform.tfvars': 'db_storage_encrypted = false\n',
  };

  it('is fixed there by a review fix whose title says the instance is replaced and where the edit goes', async () => {
    const [finding] = (await lintFiles(files, 'rds.tf', [rule])).findings;
    assert.ok(finding?.fix);
    assert.equal(finding.fix.safety, 'review');
    assert.equal(
      finding.fix.title,
      'Set storage_encrypted = true (replaces an existing instance) — in terraform.tfvars: db_storage_encrypted = true (every use of var.db_storage_encrypted changes)',
    );
    assert.deepEqual(finding.fix.edits.map((e) => e.uri), ['file:///workspace/terraform.tfvars']);
  });

  it('is not fixed in a module instantiated by a module block (the value is the caller\'s input)', async () => {
    const result = await lintFiles(
      {
        'main.tf': 'module "db" {\n  source    = "./modules/db"\n  encrypted = false\n}\n',
        'modules/db/main.tf': 'variable "encrypted" {}\nresource "aws_db_instance" "this" {\n  storage_encrypted = var.encrypted\n}\n',
      },
      'main.tf',
      [rule],
    );
    assert.deepEqual(result.findings.map((f) => [f.messageId, f.fix]), [['disabled', undefined]]);
  });
});
