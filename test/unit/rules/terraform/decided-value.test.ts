import { strict as assert } from 'node:assert';
import { applyEdits } from '../../../../server/src/fixes/apply-edits';
import type { FixEdit } from '../../../../server/src/fixes/fix-edit';
import { decidedElsewhereMeta } from '../../../../server/src/rules/fix-meta';
import { allRules } from '../../../../server/src/rules';
import dynamodbPitr from '../../../../server/src/rules/terraform/aws-dynamodb-pitr-enabled';
import efsEncrypted from '../../../../server/src/rules/terraform/aws-efs-encrypted';
import kmsRotation from '../../../../server/src/rules/terraform/aws-kms-key-rotation-enabled';
import { checkFixProperties } from '../../../harness/fix-properties';
import { lintFiles, TEST_ROOT } from '../../../harness/lint';

/**
 * requireBool (and so requireNestedBool and every rule built on them) fixes a wrong value where it is
 * decided: a literal at the use site, or the `.tfvars` assignment / default of the `var.<name>` written
 * there. The latter is a review variant of the rule's fix, whatever the declared class: every use of the
 * variable changes, and the edit is in another place than the finding.
 */
describe('requireBool: a wrong value decided in terraform.tfvars or a variable default', () => {
  const edited = (files: Readonly<Record<string, string>>, edits: readonly FixEdit[], name: string): string => applyEdits(files[name]!, edits.filter((e) => e.uri === `${TEST_ROOT}/${name}`));

  it('a safe rule (key rotation): the tfvars fix is review, titled with where it goes, and keeps the fix properties', async () => {
    const files = {
      'kms.tf': 'resource "aws_kms_key" "phi" {\n  enable_key_rotation = var.rotate_keys\n}\n',
      'variables.tf': 'variable "rotate_keys" {\n  type    = bool\n  default = true\n}\n',
      'terraform.tfvars': 'rotate_keys = false # until the HSM migration\n',
    };
    const result = await lintFiles(files, 'kms.tf', [kmsRotation]);
    const [finding] = result.findings;
    assert.ok(finding?.fix);
    assert.equal(kmsRotation.fixes.enable.safety, 'safe', 'the declared fix is safe');
    assert.deepEqual(
      { fixId: finding.fix.fixId, safety: finding.fix.safety, title: finding.fix.title },
      { fixId: 'enable', safety: 'review', title: 'Set enable_key_rotation = true — in terraform.tfvars: rotate_keys = true (every use of var.rotate_keys changes)' },
    );
    assert.equal(edited(files, finding.fix.edits, 'terraform.tfvars'), 'rotate_keys = true # until the HSM migration\n');
    assert.equal(await checkFixProperties(files, 'kms.tf', [kmsRotation], result), 1);
  });

  it('a nested block (point_in_time_recovery { enabled = var.pitr }): the default is changed', async () => {
    const files = {
      'main.tf':
        'variable "pitr" {\n  default = false\n}\n\nresource "aws_dynamodb_table" "claims" {\n  name     = "claims"\n  hash_key = "id"\n  point_in_time_recovery {\n    enabled = var.pitr\n  }\n}\n',
    };
    const result = await lintFiles(files, 'main.tf', [dynamodbPitr]);
    const [finding] = result.findings;
    assert.ok(finding?.fix);
    assert.equal(finding.fix.title, 'Enable point-in-time recovery (adds continuous-backup cost) — in main.tf: variable "pitr" default = true (every use of var.pitr changes)');
    assert.equal(finding.fix.safety, 'review');
    assert.equal(edited(files, finding.fix.edits, 'main.tf'), files['main.tf'].replace('default = false', 'default = true'));
    assert.equal(await checkFixProperties(files, 'main.tf', [dynamodbPitr], result), 1);
  });

  it('with attributes the fix also writes (a customer managed key): the tfvars edit, the key reference and its declaration, as one fix', async () => {
    const files = {
      'efs.tf': 'resource "aws_efs_file_system" "records" {\n  encrypted = var.efs_encrypted\n}\n',
      'terraform.tfvars': 'efs_encrypted = false\n',
    };
    const result = await lintFiles(files, 'efs.tf', [efsEncrypted]);
    const [finding] = result.findings;
    assert.ok(finding?.fix);
    assert.equal(finding.fix.fixId, 'enableWithKey');
    assert.match(finding.fix.title, /^Encrypt with a customer managed KMS key you choose \(var\.efs_kms_key_arn; .*\) — in terraform\.tfvars: efs_encrypted = true \(every use of var\.efs_encrypted changes\)$/);
    assert.equal(edited(files, finding.fix.edits, 'terraform.tfvars'), 'efs_encrypted = true\n');
    assert.match(edited(files, finding.fix.edits, 'efs.tf'), /^resource "aws_efs_file_system" "records" \{\n  encrypted = var\.efs_encrypted\n  kms_key_id = var\.efs_kms_key_arn\n\}\n\nvariable "efs_kms_key_arn" \{/);
    assert.equal(await checkFixProperties(files, 'efs.tf', [efsEncrypted], result), 1);
  });

  it('no fix where the value is decided by more than one literal or by the caller', async () => {
    const cases: Record<string, Record<string, string>> = {
      'a local': { 'main.tf': 'locals {\n  rotate = false\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = local.rotate\n}\n' },
      'a conditional over a variable': { 'main.tf': 'variable "prod" {\n  default = false\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = var.prod ? true : false\n}\n' },
      'an attribute of an object variable': { 'main.tf': 'variable "kms" {\n  default = { rotate = false }\n}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = var.kms.rotate\n}\n' },
      'a tfvars value that is a list element': { 'main.tf': 'variable "flags" {}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = var.flags[0]\n}\n', 'terraform.tfvars': 'flags = [false]\n' },
      'a module input': {
        'main.tf': 'module "keys" {\n  source = "./keys"\n  rotate = false\n}\n',
        'keys/main.tf': 'variable "rotate" {}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = var.rotate\n}\n',
      },
    };
    for (const [name, files] of Object.entries(cases)) {
      const result = await lintFiles(files, 'main.tf', [kmsRotation]);
      assert.equal(result.findings.length, 1, `${name}: one finding`);
      assert.equal(result.findings[0]!.fix, undefined, `${name}: no fix`);
    }
  });

  it('every declared fix keeps a consequence in parentheses in its decided-elsewhere variant', () => {
    const at = { variable: 'x', place: 'tfvars' as const, file: 'terraform.tfvars', value: 'true' };
    const bare = allRules.flatMap((rule) => Object.values(rule.fixes).map((meta) => decidedElsewhereMeta(meta, at))).filter((m) => m.safety !== 'review' || !/\([^)]{12,}\)$/.test(m.title));
    assert.deepEqual(bare, []);
  });
});
