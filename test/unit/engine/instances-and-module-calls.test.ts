import { strict as assert } from 'node:assert';
import type { Finding } from '../../../server/src/engine/finding';
import { RuleSet } from '../../../server/src/engine/rule-set';
import type { Span } from '../../../server/src/model/span';
import { fileKindOf } from '../../../server/src/parsing/file-kind';
import rdsEncrypted from '../../../server/src/rules/terraform/aws-rds-instance-storage-encrypted';
import { originRelated } from '../../../server/src/rules/terraform/values';
import { buildSource } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars } from '../../harness/assets';
import { lintFiles, TEST_ROOT } from '../../harness/lint';

/**
 * The engine's side of resolution: blocks judged per `count`/`for_each` instance and merged into one
 * finding per block and rule; local module calls analysed with their inputs and reported in the
 * calling file; remote module calls noted once. Protocol-free (no server).
 */

const rules = [rdsEncrypted];
const DB_MODULE = 'variable "encrypted" {\n  default = true\n}\nresource "aws_db_instance" "this" {\n  storage_encrypted = var.encrypted\n}\n';

/** The message without the HIPAA citation suffix. */
function text(f: Finding): string {
  return f.message.replace(/ \(HIPAA .*\)$/, '');
}

function at(source: string, needle: string): Span {
  const start = source.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length };
}

describe('engine: count and for_each instances', () => {
  it('one finding per block and rule, naming the failing instances when they differ', async () => {
    const main = [
      'variable "dbs" {',
      '  default = { prod = { enc = false }, dev = { enc = true }, qa = {} }',
      '}',
      'variable "unset" {}',
      'resource "aws_db_instance" "db" {',
      '  for_each          = var.dbs',
      '  storage_encrypted = try(each.value.enc, var.unset)',
      '}',
      '',
    ].join('\n');
    const result = await lintFiles({ 'main.tf': main }, 'main.tf', rules);
    assert.equal(result.findings.length, 1);
    const f = result.findings[0]!;
    assert.deepEqual(f.span, at(main, 'try(each.value.enc, var.unset)'));
    assert.deepEqual(f.instances, ['["prod"]']);
    assert.match(text(f), /has storage_encrypted = false \(default of variable "dbs"\);.* Failing instances: \["prod"\]; passing: \["dev"\]; cannot be determined: \["qa"\]\.$/);
    assert.deepEqual(
      result.evaluations.map((e) => [e.resource, e.outcome]),
      [['aws_db_instance.db', 'violated']],
    );
  });

  it('all instances failing alike give one plain finding; an unknown instance alone gives an unknown evaluation', async () => {
    const all = await lintFiles({ 'main.tf': 'resource "aws_db_instance" "db" {\n  count             = 3\n  storage_encrypted = count.index > 5\n}\n' }, 'main.tf', rules);
    assert.equal(all.findings.length, 1);
    assert.doesNotMatch(all.findings[0]!.message, /instances/);
    assert.deepEqual(all.findings[0]!.instances, ['[0]', '[1]', '[2]']);
    const unknown = await lintFiles(
      { 'main.tf': 'variable "x" {}\nresource "aws_db_instance" "db" {\n  count             = 2\n  storage_encrypted = count.index == 0 ? true : var.x\n}\n' },
      'main.tf',
      rules,
    );
    assert.deepEqual(unknown.findings, []);
    assert.deepEqual(
      unknown.evaluations.map((e) => [e.outcome, e.reason]),
      [['unknown', 'instance [1]: storage_encrypted = conditional cannot be resolved statically']],
    );
  });

  it('count = 0 creates nothing: the block is not judged', async () => {
    const result = await lintFiles({ 'main.tf': 'variable "create" {\n  default = false\n}\nresource "aws_db_instance" "db" {\n  count = var.create ? 1 : 0\n}\n' }, 'main.tf', rules);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.evaluations, []);
  });
});

describe('engine: module calls', () => {
  it('a remote source gets exactly one information note, on the module block, and nothing else', async () => {
    const main = 'module "rds" {\n  source    = "terraform-aws-modules/rds/aws"\n  version   = "6.10.0"\n  encrypted = false\n}\n';
    const result = await lintFiles({ 'main.tf': main }, 'main.tf', rules);
    assert.deepEqual(
      result.notes.map((n) => [n.code, n.span]),
      [['remote-module-source', at(main, 'module "rds"')]],
    );
    assert.match(result.notes[0]!.message, /not analysed: .*remote module sources are not fetched \(offline\)/);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.evaluations, []);
  });

  it('a local source with no Terraform files gets one note', async () => {
    const result = await lintFiles({ 'main.tf': 'module "db" {\n  source = "./modules/none"\n}\n' }, 'main.tf', rules);
    assert.deepEqual(
      result.notes.map((n) => n.code),
      ['module-source-missing'],
    );
  });

  it('a finding caused by an input is reported at that input in the calling file, naming the call', async () => {
    const main = 'module "db" {\n  source    = "./modules/db"\n  encrypted = false\n}\n';
    const files = { 'main.tf': main, 'modules/db/main.tf': DB_MODULE };
    const result = await lintFiles(files, 'main.tf', rules);
    assert.equal(result.findings.length, 1);
    const f = result.findings[0]!;
    assert.deepEqual(f.span, at(main, 'encrypted = false'));
    assert.equal(f.uri, `${TEST_ROOT}/main.tf`);
    assert.equal(f.resource, 'module.db.aws_db_instance.this');
    assert.deepEqual(f.extent, { start: 0, end: main.trimEnd().length });
    assert.match(text(f), /^module\.db: aws_db_instance "this" has storage_encrypted = false \(input "encrypted" of module\.db\)/);
    assert.deepEqual(
      f.related.map((r) => [r.uri, r.message]),
      [[`${TEST_ROOT}/modules/db/main.tf`, 'aws_db_instance.this in modules/db/main.tf']],
    );
    assert.equal(f.fix, undefined, 'no fix: it would edit a module other callers share');
    assert.deepEqual(
      result.evaluations.map((e) => [e.resource, e.outcome]),
      [['module.db.aws_db_instance.this', 'violated']],
    );
    // The child on its own (default true) is compliant: the finding is the call's, not the module's.
    assert.deepEqual((await lintFiles(files, 'modules/db/main.tf', rules)).findings, []);
  });

  it('callers with different inputs each get their own findings; a compliant call gets none', async () => {
    const main = [
      'module "a" {',
      '  source    = "./modules/db"',
      '  encrypted = false',
      '}',
      'module "b" {',
      '  source    = "./modules/db"',
      '  encrypted = true',
      '}',
      'module "c" {',
      '  source    = "./modules/db"',
      '  encrypted = "false"',
      '}',
      '',
    ].join('\n');
    const result = await lintFiles({ 'main.tf': main, 'modules/db/main.tf': DB_MODULE }, 'main.tf', rules);
    assert.deepEqual(
      result.findings.map((f) => f.resource),
      ['module.a.aws_db_instance.this', 'module.c.aws_db_instance.this'],
    );
    assert.deepEqual(result.findings[1]!.span, at(main, 'encrypted = "false"'));
  });

  it("the module's own findings stay in its files; only what the call changes is reported at the call", async () => {
    const child = [
      'variable "create_replica" {',
      '  default = false',
      '}',
      'resource "aws_db_instance" "always" {}',
      'resource "aws_db_instance" "replica_store" {',
      '  count = var.create_replica ? 1 : 0',
      '}',
      '',
    ].join('\n');
    const main = 'module "db" {\n  source         = "./modules/db"\n  create_replica = true\n}\n';
    const files = { 'main.tf': main, 'modules/db/main.tf': child };
    const result = await lintFiles(files, 'main.tf', rules);
    // `always` is flagged in the child file anyway; `replica_store` exists only because of this call.
    assert.deepEqual(
      result.findings.map((f) => [f.resource, f.span]),
      [['module.db.aws_db_instance.replica_store', at(main, 'module "db"')]],
    );
    assert.deepEqual(
      (await lintFiles(files, 'modules/db/main.tf', rules)).findings.map((f) => f.resource),
      ['aws_db_instance.always'],
    );
  });

  it('a call with for_each is judged per instance and names the failing ones', async () => {
    const main = 'module "db" {\n  for_each  = { prod = false, dev = true }\n  source    = "./modules/db"\n  encrypted = each.value\n}\n';
    const result = await lintFiles({ 'main.tf': main, 'modules/db/main.tf': DB_MODULE }, 'main.tf', rules);
    assert.equal(result.findings.length, 1);
    assert.match(text(result.findings[0]!), /^module\.db\["prod"\]: /);
    assert.deepEqual(result.findings[0]!.instances, ['["prod"]']);
    assert.deepEqual(result.findings[0]!.span, at(main, 'encrypted = each.value'));
  });

  it('nested local modules pass inputs through, reported at the top-level input; a module calling its caller terminates', async () => {
    const main = 'module "app" {\n  source = "./app"\n  db_enc = false\n}\n';
    const files = {
      'main.tf': main,
      'app/main.tf': 'variable "db_enc" {\n  default = true\n}\nmodule "db" {\n  source    = "../db"\n  encrypted = var.db_enc\n}\nmodule "loop" {\n  source = "../"\n}\n',
      'db/main.tf': DB_MODULE,
    };
    const result = await lintFiles(files, 'main.tf', rules);
    assert.deepEqual(
      result.findings.map((f) => f.resource),
      ['module.app.module.db.aws_db_instance.this'],
    );
    assert.match(text(result.findings[0]!), /^module\.app: aws_db_instance "this" has storage_encrypted = false \(input "encrypted" of module\.app\.module\.db\)/);
    assert.deepEqual(result.findings[0]!.span, at(main, 'db_enc = false'));
    assert.deepEqual(
      result.findings[0]!.related.map((r) => r.message),
      ['module.db.aws_db_instance.this in db/main.tf', originRelated({ known: true, value: false, origin: { uri: '', span: { start: 0, end: 0 }, description: 'input "encrypted" of module.app.module.db' } })[0]!.message],
    );
  });
});

describe('workspace: module call invalidation and memoisation', () => {
  async function source(name: string, text: string) {
    const kind = fileKindOf(name);
    assert.ok(kind);
    return buildSource(`file:///ws/${name}`, kind, text, undefined, await grammars(), { maxFileSize: 1 << 20 });
  }

  it('editing, adding or removing a file of a called module re-analyses its callers', async () => {
    const index = new WorkspaceIndex(new RuleSet(rules), (_id, e) => {
      throw e;
    });
    index.upsert(await source('main.tf', 'module "db" {\n  source    = "./modules/db"\n  encrypted = false\n}\n'));
    index.upsert(await source('other/main.tf', 'resource "aws_db_instance" "x" {\n  storage_encrypted = true\n}\n'));
    const caller = 'file:///ws/main.tf';
    assert.deepEqual(index.analysis(caller).notes.map((n) => n.code), ['module-source-missing']);
    assert.deepEqual(index.upsert(await source('modules/db/main.tf', DB_MODULE)).sort(), [caller, 'file:///ws/modules/db/main.tf']);
    assert.deepEqual(index.analysis(caller).findings.map((f) => f.resource), ['module.db.aws_db_instance.this']);
    const fixed = DB_MODULE.replace('storage_encrypted = var.encrypted', 'storage_encrypted = true');
    assert.deepEqual(index.upsert(await source('modules/db/main.tf', fixed)).sort(), [caller, 'file:///ws/modules/db/main.tf']);
    assert.deepEqual(index.analysis(caller).findings, []);
    assert.ok(index.remove('file:///ws/modules/db/main.tf').includes(caller));
    assert.deepEqual(index.analysis(caller).notes.map((n) => n.code), ['module-source-missing']);
    // An unrelated directory does not touch the caller.
    assert.deepEqual(index.upsert(await source('other/main.tf', 'resource "aws_db_instance" "x" {}\n')), ['file:///ws/other/main.tf']);
  });

  it('typing above a call reuses its remembered result, with the input spans moved', async () => {
    const index = new WorkspaceIndex(new RuleSet(rules), (_id, e) => {
      throw e;
    });
    const call = 'module "db" {\n  source    = "./modules/db"\n  encrypted = false\n}\n';
    index.upsert(await source('modules/db/main.tf', DB_MODULE));
    for (const prefix of ['', '# a comment typed above\n', '# a longer comment typed above the call\n\n']) {
      const main = prefix + call;
      index.upsert(await source('main.tf', main));
      const [f] = index.analysis('file:///ws/main.tf').findings;
      assert.ok(f);
      assert.deepEqual(f.span, at(main, 'encrypted = false'), JSON.stringify(prefix));
    }
  });
});
