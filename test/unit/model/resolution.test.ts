import { strict as assert } from 'node:assert';
import { RuleSet } from '../../../server/src/engine/rule-set';
import { evaluate, evaluateCached, UNKNOWN, type Resolved } from '../../../server/src/model/terraform/evaluate';
import { expandInstances, MAX_INSTANCES, type ResourceInstance } from '../../../server/src/model/terraform/instances';
import { moduleSource } from '../../../server/src/model/terraform/module-calls';
import { TfModule, type Located } from '../../../server/src/model/terraform/module';
import type { TfBlock, TfExpr } from '../../../server/src/model/terraform/types';
import { fileKindOf } from '../../../server/src/parsing/file-kind';
import { buildSource } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars } from '../../harness/assets';

/**
 * Resolution (issue 3, item 3): operators, functions and `for` expressions decided statically,
 * `dynamic` iterators, `count`/`for_each` instances, and modules instantiated by a `module` call.
 */

const ROOT = 'file:///ws';

/** A workspace of in-memory files (names relative to file:///ws/) and the module of `dir`. */
async function moduleOf(files: Readonly<Record<string, string>>, dir = ''): Promise<TfModule> {
  const g = await grammars();
  const index = new WorkspaceIndex(new RuleSet([]), (_id, e) => {
    throw e;
  });
  for (const [name, text] of Object.entries(files)) {
    const kind = fileKindOf(name);
    assert.ok(kind !== undefined, name);
    index.upsert(buildSource(`${ROOT}/${name}`, kind, text, undefined, g, { maxFileSize: 1 << 20 }));
  }
  return index.module(`${ROOT}/${dir === '' ? '' : `${dir}/`}main.tf`);
}

/** The expression of `locals { <name> = … }` in main.tf. */
function localExpr(module: TfModule, name: string): TfExpr {
  const local = module.local(name);
  assert.ok(local, `local.${name}`);
  return local.node.expr;
}

function known(resolved: Resolved): unknown {
  assert.ok(resolved.known, `expected a known value, got unknown ${resolved.known ? '' : resolved.text}`);
  return resolved.value;
}

function resource(module: TfModule, type: string, name: string): Located<TfBlock> {
  const found = module.resourcesOfType(type).find((r) => r.node.labels[1] === name);
  assert.ok(found, `${type}.${name}`);
  return found;
}

function attrExpr(block: TfBlock, name: string): TfExpr {
  const a = block.attributes.get(name);
  assert.ok(a, name);
  return a.expr;
}

/** Evaluates each local of a `locals` block written from `entries` and returns name → value (or 'unknown'). */
async function locals(entries: Readonly<Record<string, string>>, extra = ''): Promise<Record<string, unknown>> {
  const body = Object.entries(entries)
    .map(([k, v]) => `  ${k} = ${v}`)
    .join('\n');
  const m = await moduleOf({ 'main.tf': `locals {\n${body}\n}\n${extra}` });
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(entries)) {
    const r = evaluate(localExpr(m, name), m);
    out[name] = r.known ? r.value : 'unknown';
  }
  return out;
}

describe('resolution: static evaluation', () => {
  it('reads operators (operands with their spans) and for expressions structurally', async () => {
    const text = 'locals {\n  op  = !(var.a == null) && var.b[count.index] > -1\n  for = { for k, v in var.m : upper(k) => v.x... if v.on }\n}\n';
    const m = await moduleOf({ 'main.tf': text });
    const op = localExpr(m, 'op');
    assert.ok(op.kind === 'operation' && op.operator === '&&');
    const [left, right] = op.operands;
    assert.ok(left?.kind === 'operation' && left.operator === '!' && right?.kind === 'operation' && right.operator === '>');
    assert.equal(text.slice(left.span.start, left.span.end), '!(var.a == null)');
    assert.equal(text.slice(right.operands[0]!.span.start, right.operands[0]!.span.end), 'var.b[count.index]');
    assert.ok(right.operands[1]?.kind === 'operation' && right.operands[1].operator === 'neg');
    const forExpr = localExpr(m, 'for');
    assert.ok(forExpr.kind === 'for');
    assert.deepEqual(
      { keyVar: forExpr.keyVar, valueVar: forExpr.valueVar, object: forExpr.object, grouping: forExpr.grouping, key: forExpr.key?.kind, condition: forExpr.condition?.kind },
      { keyVar: 'k', valueVar: 'v', object: true, grouping: true, key: 'call', condition: 'reference' },
    );
  });

  it('decides comparisons and logic when the operands are known', async () => {
    const vars = 'variable "x" {\n  default = null\n}\nvariable "y" {\n  default = "kms-1"\n}\nvariable "open" {}\n';
    const r = await locals(
      {
        is_null: 'var.x == null',
        not_null: 'var.y != null',
        list_if_set: 'var.y == null ? [] : [var.y]',
        empty_if_null: 'var.x == null ? [] : [var.x]',
        and_false: 'false && var.open',
        or_true: 'var.open || true',
        and_unknown: 'true && var.open',
        not: '!(var.x == null)',
        neg: '-3 + 1',
        compare: '2 >= 2 && 1 < 2 && 3 > 4 == false',
        arithmetic: '7 % 4 * 2 / 4',
        string_bool: '"true" && true',
        mixed_types: '1 == "1"',
        deep: '{ a = [1, 2] } == { a = [1, 2] }',
        unknown_eq: 'var.open == "x"',
        division_by_zero: '1 / 0',
      },
      vars,
    );
    assert.deepEqual(r, {
      is_null: true,
      not_null: true,
      list_if_set: ['kms-1'],
      empty_if_null: [],
      and_false: false,
      or_true: true,
      and_unknown: 'unknown',
      not: false,
      neg: -2,
      compare: true,
      arithmetic: 1.5,
      string_bool: true,
      mixed_types: 'unknown', // Terraform converts to the declared type, which is not tracked: undecided, not "unequal"
      deep: true,
      unknown_eq: 'unknown',
      division_by_zero: 'unknown',
    });
  });

  it('evaluates simple functions when decidable, and errors only where Terraform fails', async () => {
    const vars = [
      'variable "cfg" {',
      '  default = { enc = true, name = "phi" }',
      '}',
      'variable "open" {}',
      'variable "list" {',
      '  default = ["a"]',
      '}',
      'variable "typed" {',
      '  type    = object({ enc = optional(bool), name = string })',
      '  default = { name = "phi" }',
      '}',
      '',
    ].join('\n');
    const r = await locals(
      {
        len_list: 'length([1, 2, 3])',
        len_map: 'length(var.cfg)',
        len_str: 'length("abc")',
        contains_yes: 'contains(["a", "b"], "b")',
        contains_no: 'contains(["a", "b"], "c")',
        contains_unknown: 'contains(["a", var.open], "c")',
        lookup_hit: 'lookup(var.cfg, "enc", false)',
        lookup_default: 'lookup(var.cfg, "missing", "dflt")',
        lookup_unknown_map: 'lookup(var.open, "k", 1)',
        try_missing: 'try(var.cfg.missing, "fallback")',
        try_present: 'try(var.cfg.enc, false)',
        try_unknown: 'try(var.open.enc, false)',
        try_optional: 'try(var.typed.enc, true)', // optional() fills null: not an error, so not the fallback
        can_missing: 'can(var.cfg.missing)',
        can_present: 'can(var.cfg.name)',
        merge: 'merge(var.cfg, { enc = false }, null)',
        merge_unknown: 'merge(var.cfg, var.open)',
        element: 'element(["a", "b"], 3)',
        keys: 'keys({ b = 1, a = 2 })',
        values: 'values({ b = 1, a = 2 })',
        join: 'join(",", ["a", "b"])',
        flatten: 'flatten([["a"], ["b", ["c"]]])',
        distinct: 'distinct(["a", "a", "b"])',
        compact: 'compact(["a", "", null, "b"])',
        coalescelist: 'coalescelist([], ["x"])',
        one_empty: 'one([])',
        alltrue: 'alltrue([true, var.open, false])',
        anytrue: 'anytrue([false, true])',
        index_out_of_range_in_try: 'try(var.list[3], "none")',
      },
      vars,
    );
    assert.deepEqual(r, {
      len_list: 3,
      len_map: 2,
      len_str: 3,
      contains_yes: true,
      contains_no: false,
      contains_unknown: 'unknown',
      lookup_hit: true,
      lookup_default: 'dflt',
      lookup_unknown_map: 'unknown',
      try_missing: 'fallback',
      try_present: true,
      try_unknown: 'unknown',
      try_optional: 'unknown',
      can_missing: false,
      can_present: true,
      merge: { enc: false, name: 'phi' },
      merge_unknown: 'unknown',
      element: 'b',
      keys: ['a', 'b'],
      values: [2, 1],
      join: 'a,b',
      flatten: ['a', 'b', 'c'],
      distinct: ['a', 'b'],
      compact: ['a', 'b'],
      coalescelist: ['x'],
      one_empty: null,
      alltrue: false,
      anytrue: true,
      index_out_of_range_in_try: 'none',
    });
  });

  it('evaluates for expressions and computed indexes', async () => {
    const vars = [
      'variable "dbs" {',
      '  default = [{ name = "a", enc = true }, { name = "b", enc = false }, { name = "c", enc = false }]',
      '}',
      'variable "i" {',
      '  default = 1',
      '}',
      'variable "map" {',
      '  default = { x = "y" }',
      '}',
      'variable "open" {}',
      '',
    ].join('\n');
    const r = await locals(
      {
        names: '[for db in var.dbs : db.name]',
        by_name: '{ for db in var.dbs : db.name => db.enc }',
        unencrypted: '[for db in var.dbs : db.name if !db.enc]',
        grouped: '{ for db in var.dbs : tostring(db.enc) => db.name... }',
        upper_keys: '{ for k, v in { a = 1 } : upper(k) => v }',
        computed_index: 'var.dbs[var.i].name',
        computed_key: 'var.map[lower("X")]',
        over_unknown: '[for x in var.open : x]',
      },
      vars,
    );
    assert.deepEqual(r, {
      names: ['a', 'b', 'c'],
      by_name: { a: true, b: false, c: false },
      unencrypted: ['b', 'c'],
      grouped: { true: ['a'], false: ['b', 'c'] },
      upper_keys: { A: 1 },
      computed_index: 'b',
      computed_key: 'y',
      over_unknown: 'unknown',
    });
  });

  it('resolves a dynamic iterator when every element gives the same value', async () => {
    const m = await moduleOf({
      'main.tf': [
        'variable "kms" {',
        '  default = "alias/phi"',
        '}',
        'variable "rules" {',
        '  default = [{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "0.0.0.0/0" }]',
        '}',
        'resource "aws_x" "one" {',
        '  dynamic "encryption" {',
        '    for_each = var.kms == null ? [] : [var.kms]',
        '    content {',
        '      key = encryption.value',
        '    }',
        '  }',
        '  dynamic "ingress" {',
        '    for_each = var.rules',
        '    iterator = rule',
        '    content {',
        '      cidr = rule.value.cidr',
        '      port = rule.value.port',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const block = resource(m, 'aws_x', 'one').node;
    const content = (type: string): TfBlock => {
      const dyn = block.blocks.find((b) => b.type === 'dynamic' && b.labels[0] === type);
      const c = dyn?.blocks.find((b) => b.type === 'content');
      assert.ok(c, type);
      return c;
    };
    assert.equal(known(evaluate(attrExpr(content('encryption'), 'key'), m)), 'alias/phi');
    assert.equal(known(evaluate(attrExpr(content('ingress'), 'cidr'), m)), '0.0.0.0/0', 'the same in every element');
    assert.equal(evaluate(attrExpr(content('ingress'), 'port'), m).known, false, 'elements differ: unknown, not one of them');
  });
});

describe('resolution: count and for_each instances', () => {
  const forEachModule = (forEach: string, extra = ''): Promise<TfModule> =>
    moduleOf({
      'main.tf': `${extra}resource "aws_db_instance" "db" {\n  for_each          = ${forEach}\n  identifier        = "db-\${each.key}"\n  storage_encrypted = each.value\n}\n`,
    });

  it('binds each.key and each.value per instance, in key order, with the for_each as origin', async () => {
    const m = await forEachModule('var.dbs', 'variable "dbs" {\n  default = { prod = false, dev = true }\n}\n');
    const db = resource(m, 'aws_db_instance', 'db');
    const expansion = expandInstances(db, 'aws_db_instance.db', m);
    assert.equal(expansion.kind, 'instances');
    const instances = expansion.kind === 'instances' ? expansion.instances : [];
    assert.deepEqual(
      instances.map((i) => i.key),
      ['["dev"]', '["prod"]'],
    );
    const value = (i: ResourceInstance, attr: string): Resolved => evaluate(attrExpr(db.node, attr), m, i);
    assert.deepEqual(
      instances.map((i) => [known(value(i, 'identifier')), known(value(i, 'storage_encrypted'))]),
      [
        ['db-dev', true],
        ['db-prod', false],
      ],
    );
    const origin = value(instances[1]!, 'storage_encrypted');
    assert.ok(origin.known && origin.origin !== undefined);
    assert.equal(origin.origin.description, 'default of variable "dbs"');
    assert.equal(expandInstances(db, 'aws_db_instance.db', m), expansion, 'memoised per module version (one binding per instance for every rule)');
  });

  it('a set of strings is keyed by its items; a literal for_each is its own origin', async () => {
    const m = await forEachModule('toset(["b", "a", "b"])');
    const db = resource(m, 'aws_db_instance', 'db');
    const expansion = expandInstances(db, 'aws_db_instance.db', m);
    assert.ok(expansion.kind === 'instances');
    assert.deepEqual(
      expansion.instances.map((i) => i.key),
      ['["a"]', '["b"]'],
    );
    const r = evaluate(attrExpr(db.node, 'storage_encrypted'), m, expansion.instances[0]);
    assert.ok(r.known && r.origin);
    assert.equal(r.origin.description, 'for_each of aws_db_instance.db');
  });

  it('count: one instance per index; count = 0 and an empty for_each create nothing; unknown or unused → judged once', async () => {
    const cases: [string, string][] = [
      ['count = 3\n  name = "n-${count.index}"', 'instances:[0],[1],[2]'],
      ['count = var.on ? 1 : 0\n  name = "n-${count.index}"', 'none'],
      ['count = 0', 'none'],
      ['for_each = {}', 'none'],
      ['count = var.unset\n  name = "n-${count.index}"', 'single'],
      ['for_each = var.unset\n  name = each.key', 'single'],
      ['count = 2\n  name = "same"', 'single'],
      [`count = ${MAX_INSTANCES + 1}\n  name = "n-\${count.index}"`, 'single'],
    ];
    for (const [body, expected] of cases) {
      const m = await moduleOf({ 'main.tf': `variable "on" {\n  default = false\n}\nvariable "unset" {}\nresource "aws_x" "r" {\n  ${body}\n}\n` });
      const e = expandInstances(resource(m, 'aws_x', 'r'), 'aws_x.r', m);
      const got = e.kind === 'instances' ? `instances:${e.instances.map((i) => i.key).join(',')}` : e.kind;
      assert.equal(got, expected, body);
    }
  });

  it('count.index and each.* are bound only in the instance block; elsewhere they stay unknown', async () => {
    const m = await moduleOf({
      'main.tf': 'resource "aws_x" "a" {\n  count = 2\n  name  = "a-${count.index}"\n}\nresource "aws_x" "b" {\n  name = "b-${count.index}"\n}\n',
    });
    const a = resource(m, 'aws_x', 'a');
    const b = resource(m, 'aws_x', 'b');
    const e = expandInstances(a, 'aws_x.a', m);
    assert.ok(e.kind === 'instances');
    const second = e.instances[1]!;
    assert.equal(known(evaluateCached(attrExpr(a.node, 'name'), m, second)), 'a-1');
    assert.equal(evaluateCached(attrExpr(b.node, 'name'), m, second).known, false, 'another block does not see this instance');
    assert.equal(evaluateCached(attrExpr(a.node, 'name'), m).known, false, 'without an instance, count.index is unknown');
  });
});

describe('resolution: modules instantiated by a call', () => {
  it('variables take the call inputs, then defaults; the child module tfvars are not read', async () => {
    const child = await moduleOf(
      {
        'modules/db/main.tf': 'variable "enc" {\n  default = true\n}\nvariable "name" {\n  default = "dflt"\n}\nlocals {\n  both = "${var.name}-${var.enc}"\n  enc  = var.enc\n}\n',
        'modules/db/terraform.tfvars': 'name = "from-tfvars"\n',
      },
      'modules/db',
    );
    assert.equal(known(evaluate(localExpr(child, 'both'), child)), 'from-tfvars-true', 'analysed on its own, the directory is a root module');
    const at = { uri: `${ROOT}/main.tf`, span: { start: 10, end: 20 } };
    const instance = new TfModule(child.dir, child.files, {
      address: 'module.db',
      inputs: new Map([['enc', { value: { known: true, value: false }, at }]]),
    });
    assert.equal(known(evaluate(localExpr(instance, 'both'), instance)), 'dflt-false');
    const r = evaluate(localExpr(instance, 'enc'), instance);
    assert.ok(r.known && r.origin);
    assert.deepEqual({ uri: r.origin.uri, span: r.origin.span, description: r.origin.description }, { ...at, description: 'input "enc" of module.db' });
    const unknownInput = new TfModule(child.dir, child.files, {
      address: 'module.db',
      inputs: new Map([['enc', { value: { known: false, text: 'aws_kms_key.k.arn' }, at }]]),
    });
    assert.equal(evaluate(localExpr(unknownInput, 'both'), unknownInput).known, false, 'an input that cannot be known is unknown, not the default');
  });

  it('classifies module sources: only ./ and ../ paths are local', () => {
    const source = (value: string): string => {
      const block: TfBlock = {
        type: 'module',
        labels: ['m'],
        span: { start: 0, end: 0 },
        headerSpan: { start: 0, end: 0 },
        attributes: new Map([['source', { name: 'source', nameSpan: { start: 0, end: 0 }, span: { start: 0, end: 0 }, expr: { kind: 'literal', value, span: { start: 0, end: 0 } } }]]),
        blocks: [],
        bodyStart: 0,
        closeBrace: 0,
        hasErrors: false,
      };
      const s = moduleSource(block);
      return s.kind === 'local' ? `local:${s.path}` : s.kind;
    };
    assert.equal(source('./modules/db'), 'local:./modules/db');
    assert.equal(source('../shared'), 'local:../shared');
    assert.equal(source('..\\win\\mod'), 'local:../win/mod');
    for (const remote of ['terraform-aws-modules/rds/aws', 'git::https://example.com/m.git', 'github.com/org/m', 's3::https://s3.amazonaws.com/b/m.zip', 'https://example.com/m.zip', 'app.terraform.io/org/m/aws', '/abs/path']) {
      assert.equal(source(remote), 'remote', remote);
    }
    assert.equal(source(''), 'none');
  });

  it('UNKNOWN parts of a known input stay unknown inside the child', async () => {
    const child = await moduleOf({ 'modules/db/main.tf': 'variable "cfg" {}\nlocals {\n  a = var.cfg.a\n  b = var.cfg.b\n}\n' }, 'modules/db');
    const instance = new TfModule(child.dir, child.files, {
      address: 'module.db',
      inputs: new Map([['cfg', { value: { known: true, value: { a: 1, b: UNKNOWN } }, at: { uri: `${ROOT}/main.tf`, span: { start: 0, end: 1 } } }]]),
    });
    assert.equal(known(evaluate(localExpr(instance, 'a'), instance)), 1);
    assert.equal(evaluate(localExpr(instance, 'b'), instance).known, false);
  });
});
