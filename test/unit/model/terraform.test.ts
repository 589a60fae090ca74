import { strict as assert } from 'node:assert';
import { RuleSet } from '../../../server/src/engine/rule-set';
import { evaluate, UNKNOWN, type Resolved } from '../../../server/src/model/terraform/evaluate';
import { refersTo, type TfModule } from '../../../server/src/model/terraform/module';
import { nestedBlocks, isResource, resourceName, resourceType, type TfAttribute, type TfBlock, type TfExpr, type TfFile } from '../../../server/src/model/terraform/types';
import type { Span } from '../../../server/src/model/span';
import { fileKindOf } from '../../../server/src/parsing/file-kind';
import { buildSource } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars } from '../../harness/assets';

const LIMITS = { maxFileSize: 10 * 1024 * 1024 };

async function parse(text: string, uri = 'file:///ws/main.tf'): Promise<TfFile> {
  const kind = fileKindOf(uri);
  assert.ok(kind === 'terraform' || kind === 'terraform-vars');
  const source = buildSource(uri, kind, text, undefined, await grammars(), LIMITS);
  assert.equal(source.model.kind, 'terraform');
  return (source.model as { file: TfFile }).file;
}

/** Builds the module of file:///ws from in-memory files (names relative to file:///ws/). */
async function moduleOf(files: Readonly<Record<string, string>>): Promise<TfModule> {
  const g = await grammars();
  const index = new WorkspaceIndex(new RuleSet([]), (_id, e) => {
    throw e;
  });
  for (const [name, text] of Object.entries(files)) {
    const uri = `file:///ws/${name}`;
    const kind = fileKindOf(uri);
    assert.ok(kind !== undefined, name);
    index.upsert(buildSource(uri, kind, text, undefined, g, LIMITS));
  }
  return index.module('file:///ws/main.tf');
}

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

function block(file: TfFile, type: string, ...labels: string[]): TfBlock {
  const found = file.blocks.find((b) => b.type === type && labels.every((l, i) => b.labels[i] === l));
  assert.ok(found, `block ${type} ${labels.join(' ')}`);
  return found;
}

function attr(b: { attributes: ReadonlyMap<string, TfAttribute> }, name: string): TfAttribute {
  const a = b.attributes.get(name);
  assert.ok(a, `attribute ${name}`);
  return a;
}

/** The expression without spans, for compact structural comparison. */
function strip(expr: TfExpr): unknown {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template':
      return { template: expr.parts.map((p) => (typeof p === 'string' ? p : strip(p))) };
    case 'reference':
      return { ref: expr.text, path: expr.path };
    case 'tuple':
      return expr.items.map(strip);
    case 'object':
      return { object: expr.entries.map((e) => [e.key, strip(e.value)]) };
    case 'call':
      return { call: expr.name, args: expr.args.map(strip) };
    case 'conditional':
      return { if: strip(expr.condition), then: strip(expr.then), else: strip(expr.otherwise) };
    case 'other':
      return { other: expr.text };
  }
}

function known(resolved: Resolved): unknown {
  assert.ok(resolved.known, `expected a known value, got unknown ${resolved.known ? '' : resolved.text}`);
  return resolved.value;
}

describe('Terraform model', () => {
  describe('extraction', () => {
    it('reads blocks, labels, header spans and brace offsets', async () => {
      const text = [
        'terraform {',
        '  required_version = ">= 1.5"',
        '}',
        'provider aws {',
        '  region = "eu-west-1"',
        '}',
        'resource "aws_s3_bucket" "phi" {',
        '  bucket = "phi-data"',
        '}',
        'data "aws_iam_policy_document" "p" {}',
        '',
      ].join('\n');
      const file = await parse(text);
      assert.equal(file.kind, 'terraform');
      assert.equal(file.uri, 'file:///ws/main.tf');
      assert.equal(file.hasErrors, false);
      assert.deepEqual(
        file.blocks.map((b) => [b.type, ...b.labels]),
        [['terraform'], ['provider', 'aws'], ['resource', 'aws_s3_bucket', 'phi'], ['data', 'aws_iam_policy_document', 'p']],
      );
      const r = block(file, 'resource', 'aws_s3_bucket', 'phi');
      assert.ok(isResource(r));
      assert.equal(resourceType(r), 'aws_s3_bucket');
      assert.equal(resourceName(r), 'phi');
      assert.equal(isResource(block(file, 'data')), false);
      assert.equal(slice(text, r.span), 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-data"\n}');
      assert.equal(slice(text, r.headerSpan), 'resource "aws_s3_bucket" "phi"');
      assert.equal(r.bodyStart, text.indexOf('{', r.span.start) + 1);
      assert.equal(text[r.closeBrace], '}');
      assert.equal(r.closeBrace, r.span.end - 1);
      assert.equal(slice(text, block(file, 'terraform').headerSpan), 'terraform');
      assert.equal(slice(text, block(file, 'provider').headerSpan), 'provider aws');
      const empty = block(file, 'data');
      assert.equal(empty.attributes.size, 0);
      assert.equal(empty.blocks.length, 0);
      assert.equal(empty.hasErrors, false);
    });

    it('decodes escapes in labels', async () => {
      const file = await parse('resource "a\\"b" "c\\\\d" {}\n');
      assert.deepEqual(file.blocks[0]!.labels, ['a"b', 'c\\d']);
    });

    it('reads attributes with exact spans; the first of duplicate attributes wins', async () => {
      const text = 'resource "aws_db_instance" "db" {\n  storage_encrypted = true\n  engine = "postgres" # trailing\n  engine = "mysql"\n}\n';
      const file = await parse(text);
      const db = block(file, 'resource', 'aws_db_instance', 'db');
      const enc = attr(db, 'storage_encrypted');
      assert.equal(enc.name, 'storage_encrypted');
      assert.equal(slice(text, enc.nameSpan), 'storage_encrypted');
      assert.equal(slice(text, enc.span), 'storage_encrypted = true');
      assert.equal(slice(text, enc.expr.span), 'true');
      const engine = attr(db, 'engine');
      assert.equal(slice(text, engine.span), 'engine = "postgres"');
      assert.equal(slice(text, engine.expr.span), '"postgres"');
      assert.deepEqual(strip(engine.expr), 'postgres');
    });

    it('reads nested blocks and dynamic blocks (nestedBlocks includes dynamic content)', async () => {
      const text = [
        'resource "aws_security_group" "sg" {',
        '  ingress {',
        '    from_port = 22',
        '  }',
        '  dynamic "ingress" {',
        '    for_each = var.ports',
        '    content {',
        '      from_port = ingress.value',
        '    }',
        '  }',
        '  egress {',
        '    from_port = 0',
        '  }',
        '  dynamic "egress_other" {',
        '    content {}',
        '  }',
        '}',
        '',
      ].join('\n');
      const sg = block(await parse(text), 'resource', 'aws_security_group', 'sg');
      assert.deepEqual(sg.blocks.map((b) => [b.type, ...b.labels]), [['ingress'], ['dynamic', 'ingress'], ['egress'], ['dynamic', 'egress_other']]);
      const ingress = nestedBlocks(sg, 'ingress');
      assert.equal(ingress.length, 2);
      assert.deepEqual(strip(attr(ingress[0]!, 'from_port').expr), 22);
      assert.equal(ingress[1]!.type, 'content');
      assert.deepEqual(strip(attr(ingress[1]!, 'from_port').expr), { ref: 'ingress.value', path: [{ name: 'ingress' }, { name: 'value' }] });
      assert.equal(slice(text, ingress[1]!.span), 'content {\n      from_port = ingress.value\n    }');
      assert.equal(nestedBlocks(sg, 'egress').length, 1);
      assert.equal(nestedBlocks(sg, 'nothing').length, 0);
      const dyn = sg.blocks[1]!;
      assert.deepEqual(strip(attr(dyn, 'for_each').expr), { ref: 'var.ports', path: [{ name: 'var' }, { name: 'ports' }] });
    });

    it('reads literal kinds', async () => {
      const text = [
        'i = 42',
        'f = 1.5',
        'e = 1.5e3',
        't = true',
        'b = false',
        'n = null',
        's = "plain"',
        'esc = "q\\"uote\\\\ \\n\\t\\u00e9\\U0001F600"',
        'empty = ""',
        'dollar = "$${not.interpolated} %%{not.directive}"',
        '',
      ].join('\n');
      const file = await parse(text);
      const values = Object.fromEntries([...file.attributes].map(([k, a]) => [k, strip(a.expr)]));
      assert.deepEqual(values, {
        i: 42,
        f: 1.5,
        e: 1500,
        t: true,
        b: false,
        n: null,
        s: 'plain',
        esc: 'q"uote\\ \n\té😀',
        empty: '',
        dollar: '${not.interpolated} %{not.directive}',
      });
      for (const a of file.attributes.values()) assert.equal(a.expr.kind, 'literal', a.name);
    });

    it('reads heredocs (plain and indented) as Terraform evaluates them', async () => {
      const text = [
        'plain = <<EOT',
        '  {"Version": "2012"}',
        'second  line',
        'EOT',
        'indented = <<-EOT',
        '    first',
        '',
        '      more indented',
        '    last',
        '  EOT',
        'interp = <<-EOT',
        '    bucket ${var.name} end',
        '    next',
        '    EOT',
        'empty = <<EOT',
        'EOT',
        '',
      ].join('\n');
      const file = await parse(text);
      assert.deepEqual(strip(attr(file, 'plain').expr), '  {"Version": "2012"}\nsecond  line\n');
      assert.deepEqual(strip(attr(file, 'indented').expr), 'first\n\n  more indented\nlast\n');
      assert.deepEqual(strip(attr(file, 'interp').expr), { template: ['bucket ', { ref: 'var.name', path: [{ name: 'var' }, { name: 'name' }] }, ' end\nnext\n'] });
      assert.deepEqual(strip(attr(file, 'empty').expr), '');
      assert.equal(slice(text, attr(file, 'plain').expr.span), '<<EOT\n  {"Version": "2012"}\nsecond  line\nEOT');
    });

    it('reads templates keeping the spaces around interpolations', async () => {
      const text = 'a = "x-${var.env}-y"\nb = "  a  ${local.x}  b  "\nc = "${var.only}"\nd = "%{ if var.x }yes%{ endif }"\ne = "q\\"${var.v}\\n"\n';
      const file = await parse(text);
      const v = (name: string): unknown => ({ ref: name, path: name.split('.').map((n) => ({ name: n })) });
      assert.deepEqual(strip(attr(file, 'a').expr), { template: ['x-', v('var.env'), '-y'] });
      assert.deepEqual(strip(attr(file, 'b').expr), { template: ['  a  ', v('local.x'), '  b  '] });
      assert.deepEqual(strip(attr(file, 'c').expr), { template: [v('var.only')] });
      assert.equal(attr(file, 'd').expr.kind, 'other', 'template directives are not interpreted');
      assert.deepEqual(strip(attr(file, 'e').expr), { template: ['q"', v('var.v'), '\n'] });
      const tpl = attr(file, 'a').expr;
      assert.equal(tpl.kind, 'template');
      if (tpl.kind === 'template') assert.equal(slice(text, (tpl.parts[1] as TfExpr).span), 'var.env');
    });

    it('reads references with attribute, index and splat steps', async () => {
      const text = [
        'a = aws_s3_bucket.phi.id',
        'b = aws_kms_key.k[0].arn',
        'c = aws_kms_key.k[*].arn',
        'd = var.map["key"]',
        'e = module.m.out',
        'f = data.aws_caller_identity.me.account_id',
        'g = aws_instance.x.*.id',
        'h = aws_instance.x.0.id',
        'i = var.list[var.i]',
        '',
      ].join('\n');
      const file = await parse(text);
      const ref = (name: string): { text: string; path: unknown } => {
        const e = attr(file, name).expr;
        assert.equal(e.kind, 'reference', name);
        return e.kind === 'reference' ? { text: e.text, path: e.path } : { text: '', path: [] };
      };
      assert.deepEqual(ref('a'), { text: 'aws_s3_bucket.phi.id', path: [{ name: 'aws_s3_bucket' }, { name: 'phi' }, { name: 'id' }] });
      assert.deepEqual(ref('b'), { text: 'aws_kms_key.k[0].arn', path: [{ name: 'aws_kms_key' }, { name: 'k' }, { index: 0 }, { name: 'arn' }] });
      assert.deepEqual(ref('c'), { text: 'aws_kms_key.k[*].arn', path: [{ name: 'aws_kms_key' }, { name: 'k' }, { splat: true }, { name: 'arn' }] });
      assert.deepEqual(ref('d'), { text: 'var.map["key"]', path: [{ name: 'var' }, { name: 'map' }, { index: 'key' }] });
      assert.deepEqual(ref('e').path, [{ name: 'module' }, { name: 'm' }, { name: 'out' }]);
      assert.deepEqual(ref('f').path, [{ name: 'data' }, { name: 'aws_caller_identity' }, { name: 'me' }, { name: 'account_id' }]);
      assert.deepEqual(ref('g').path, [{ name: 'aws_instance' }, { name: 'x' }, { splat: true }, { name: 'id' }]);
      assert.deepEqual(ref('h').path, [{ name: 'aws_instance' }, { name: 'x' }, { index: 0 }, { name: 'id' }]);
      // a computed index is a step holding its expression (evaluated with the rest of the path)
      const computed = attr(file, 'i').expr;
      assert.ok(computed.kind === 'reference' && computed.text === 'var.list[var.i]');
      const step = computed.path[2];
      assert.ok(step !== undefined && 'computed' in step);
      assert.deepEqual(strip(step.computed), { ref: 'var.i', path: [{ name: 'var' }, { name: 'i' }] });
      assert.equal(slice(text, attr(file, 'b').expr.span), 'aws_kms_key.k[0].arn');
    });

    it('reads objects, tuples, calls and conditionals', async () => {
      const text = [
        'tags = {',
        '  Name          = "phi"',
        '  "cost-center" = 42',
        '  (var.k)       = "computed"',
        '  nested        = { deep = [1, "two", var.x] }',
        '}',
        'list = [1, true, null, "s", [2], {}]',
        'call = lower(upper("Ab"), 1)',
        'cond = var.on ? "yes" : "no"',
        '',
      ].join('\n');
      const file = await parse(text);
      const tags = attr(file, 'tags').expr;
      assert.equal(tags.kind, 'object');
      if (tags.kind === 'object') {
        assert.deepEqual(tags.entries.map((e) => e.key), ['Name', 'cost-center', undefined, 'nested']);
        assert.equal(slice(text, tags.entries[1]!.keySpan), '"cost-center"');
        assert.equal(slice(text, tags.entries[0]!.value.span), '"phi"');
      }
      assert.deepEqual(strip(attr(file, 'list').expr), [1, true, null, 's', [2], { object: [] }]);
      assert.deepEqual(strip(attr(file, 'call').expr), { call: 'lower', args: [{ call: 'upper', args: ['Ab'] }, 1] });
      assert.deepEqual(strip(attr(file, 'cond').expr), { if: { ref: 'var.on', path: [{ name: 'var' }, { name: 'on' }] }, then: 'yes', else: 'no' });
    });

    it('collects comments of every style at every depth', async () => {
      const text = '# top\n// slash\n/* block\n  comment */\nresource "a" "b" { # header\n  x = 1 // after\n  inner {\n    # deep\n  }\n}\n';
      const file = await parse(text);
      const comments = [...file.comments].sort((a, b) => a.span.start - b.span.start);
      assert.deepEqual(
        comments.map((c) => c.text),
        ['# top', '// slash', '/* block\n  comment */', '# header', '// after', '# deep'],
      );
      for (const c of comments) assert.equal(slice(text, c.span), c.text);
    });

    it('keeps UTF-16 offsets right after non-ASCII labels and values', async () => {
      const text = '# é😀\nresource "aws_s3_bucket" "données_😀" {\n  bucket = "zoë-😀😀"\n  acl    = "private"\n}\n';
      const file = await parse(text);
      const b = block(file, 'resource', 'aws_s3_bucket', 'données_😀');
      assert.equal(slice(text, b.headerSpan), 'resource "aws_s3_bucket" "données_😀"');
      assert.equal(slice(text, attr(b, 'bucket').expr.span), '"zoë-😀😀"');
      assert.deepEqual(strip(attr(b, 'bucket').expr), 'zoë-😀😀');
      assert.equal(slice(text, attr(b, 'acl').span), 'acl    = "private"');
      assert.equal(text[b.closeBrace], '}');
      assert.equal(slice(text, file.comments[0]!.span), '# é😀');
    });

    it('handles CRLF line endings (spans, heredocs, comments)', async () => {
      const text = ['# c', 'resource "aws_s3_bucket" "b" {', '  bucket = "x"', '  policy = <<-EOT', '    {"a": 1}', '    EOT', '}', ''].join('\r\n');
      const file = await parse(text);
      assert.equal(file.hasErrors, false);
      const b = block(file, 'resource', 'aws_s3_bucket', 'b');
      assert.equal(slice(text, attr(b, 'bucket').span), 'bucket = "x"');
      assert.deepEqual(strip(attr(b, 'policy').expr), '{"a": 1}\r\n');
      assert.equal(file.comments[0]!.text, '# c');
      assert.equal(text[b.closeBrace], '}');
    });

    it('reads a .tfvars file as top-level attributes', async () => {
      const text = 'encrypt = true\nname = "phi"\nports = [22, 443]\n';
      const file = await parse(text, 'file:///ws/terraform.tfvars');
      assert.equal(file.kind, 'terraform-vars');
      assert.deepEqual([...file.attributes.keys()], ['encrypt', 'name', 'ports']);
      assert.equal(file.blocks.length, 0);
    });

    describe('broken input never throws and is marked hasErrors', () => {
      it('unterminated string', async () => {
        const text = 'resource "aws_s3_bucket" "a" {\n  bucket = "abc\n}\n';
        const file = await parse(text);
        assert.equal(file.hasErrors, true);
        const b = block(file, 'resource', 'aws_s3_bucket', 'a');
        assert.equal(b.hasErrors, true);
        const bucket = b.attributes.get('bucket');
        if (bucket !== undefined) assert.equal(bucket.expr.kind, 'other', 'a broken string is not a known literal');
      });

      it('missing closing brace', async () => {
        const text = 'resource "aws_s3_bucket" "a" {\n  bucket = "abc"\n';
        const file = await parse(text);
        assert.equal(file.hasErrors, true);
        const b = block(file, 'resource', 'aws_s3_bucket', 'a');
        assert.equal(b.hasErrors, true);
        assert.equal(b.closeBrace, b.span.end, 'closeBrace falls back to span.end when the brace is missing');
        assert.deepEqual(strip(attr(b, 'bucket').expr), 'abc');
      });

      it('half-typed attribute values are never guessed', async () => {
        for (const text of [
          'resource "a" "b" {\n  x = \n}\nresource "c" "d" {\n  y = 1\n}\n',
          'a = [1, 2,, 3]\nb = {k = }\nc = 1\n',
          'a = var.\n',
          'a = lower(\n',
        ]) {
          const file = await parse(text);
          assert.equal(file.hasErrors, true, text);
          const visit = (attributes: ReadonlyMap<string, TfAttribute>, blocks: readonly TfBlock[]): void => {
            for (const a of attributes.values()) {
              const r = evaluate(a.expr, undefined);
              if (a.name === 'x' || a.name === 'a' || a.name === 'b') assert.equal(r.known, false, `${a.name} in ${JSON.stringify(text)}`);
            }
            for (const b of blocks) visit(b.attributes, b.blocks);
          };
          visit(file.attributes, file.blocks);
        }
      });

      it('garbage of every kind', async () => {
        for (const text of ['}}}{{{', 'resource', '"', '<<EOT\n', 'a = <<EOT\nno end', '=', 'resource "é😀" "x" {', '\uD83D', 'a = "${"']) {
          const file = await parse(text);
          assert.equal(typeof file.hasErrors, 'boolean');
          assert.equal(file.hasErrors, true, JSON.stringify(text));
        }
      });
    });
  });

  describe('module and evaluation', () => {
    const main = (value: string): string => `resource "aws_db_instance" "db" {\n  storage_encrypted = ${value}\n}\n`;
    const valueOf = (m: TfModule, attribute = 'storage_encrypted'): Resolved => {
      const db = m.resourcesOfType('aws_db_instance')[0];
      assert.ok(db);
      return evaluate(attr(db.node, attribute).expr, m);
    };

    it('resolves a variable default declared in another file, with its origin', async () => {
      const variables = 'variable "encrypt" {\n  type    = bool\n  default = true\n}\n';
      const m = await moduleOf({ 'main.tf': main('var.encrypt'), 'variables.tf': variables });
      const r = valueOf(m);
      assert.equal(known(r), true);
      assert.ok(r.known && r.origin);
      if (r.known && r.origin) {
        assert.equal(r.origin.uri, 'file:///ws/variables.tf');
        assert.equal(slice(variables, r.origin.span), 'default = true');
        assert.equal(r.origin.description, 'default of variable "encrypt"');
      }
      assert.equal(m.variable('encrypt')?.uri, 'file:///ws/variables.tf');
    });

    it('terraform.tfvars overrides the default', async () => {
      const tfvars = 'encrypt = false\n';
      const m = await moduleOf({ 'main.tf': main('var.encrypt'), 'variables.tf': 'variable "encrypt" {\n  default = true\n}\n', 'terraform.tfvars': tfvars });
      const r = valueOf(m);
      assert.equal(known(r), false);
      if (r.known && r.origin) {
        assert.equal(r.origin.uri, 'file:///ws/terraform.tfvars');
        assert.equal(slice(tfvars, r.origin.span), 'encrypt = false');
        assert.equal(r.origin.description, 'var.encrypt is set in terraform.tfvars');
      } else assert.fail('origin expected');
    });

    it('*.auto.tfvars wins over terraform.tfvars, later auto files (lexical order) win, other .tfvars are not loaded', async () => {
      const files = {
        'main.tf': main('var.encrypt') + 'locals {\n  a = var.only_terraform\n  b = var.only_a\n  c = var.extra\n}\n',
        'variables.tf': 'variable "encrypt" {\n  default = "default"\n}\nvariable "extra" {\n  default = "default"\n}\n',
        // declared so that name-based lookups are realistic; tfvars values do not need a declaration here
        'b.auto.tfvars': 'encrypt = "b-auto"\n',
        'a.auto.tfvars': 'encrypt = "a-auto"\nonly_a = "a"\n',
        'terraform.tfvars': 'encrypt = "terraform"\nonly_terraform = "t"\n',
        'prod.tfvars': 'encrypt = "prod"\nextra = "prod"\n',
      };
      const m = await moduleOf(files);
      assert.equal(known(valueOf(m)), 'b-auto');
      assert.equal(m.tfvarsValue('encrypt')?.uri, 'file:///ws/b.auto.tfvars');
      assert.equal(m.tfvarsValue('only_terraform')?.uri, 'file:///ws/terraform.tfvars');
      assert.equal(m.tfvarsValue('only_a')?.uri, 'file:///ws/a.auto.tfvars');
      assert.equal(m.tfvarsValue('extra'), undefined, 'prod.tfvars is only loaded with -var-file');
      assert.equal(known(evaluate(m.local('c')!.node.expr, m)), 'default');
      // insertion order of the files does not matter
      const reversed = await moduleOf(Object.fromEntries(Object.entries(files).reverse()));
      assert.equal(known(valueOf(reversed)), 'b-auto');
    });

    it('resolves locals, templates of known parts, index steps and a few pure functions', async () => {
      const locals = [
        'locals {',
        '  env     = "prod"',
        '  name    = "phi-${local.env}-${var.region}"',
        '  enabled = true',
        '  ports   = [22, 443]',
        '  cfg     = { encrypt = true, "kms-key" = "alias/phi" }',
        '  upper   = upper(local.env)',
        '  n       = tonumber("5")',
        '  flag    = "${local.enabled}"',
        '}',
        'variable "region" {',
        '  default = "eu-west-1"',
        '}',
        'variable "list" {',
        '  default = ["a", "b"]',
        '}',
        '',
      ].join('\n');
      const m = await moduleOf({ 'main.tf': main('local.cfg.encrypt'), 'locals.tf': locals });
      const r = valueOf(m);
      assert.equal(known(r), true);
      if (r.known && r.origin) {
        assert.equal(r.origin.uri, 'file:///ws/locals.tf');
        assert.equal(r.origin.description, 'local.cfg');
        assert.equal(slice(locals, r.origin.span), 'cfg     = { encrypt = true, "kms-key" = "alias/phi" }');
      } else assert.fail('origin expected');
      const local = (name: string): Resolved => evaluate(m.local(name)!.node.expr, m);
      assert.equal(known(local('name')), 'phi-prod-eu-west-1');
      assert.deepEqual(known(local('ports')), [22, 443]);
      assert.equal(known(local('upper')), 'PROD');
      assert.equal(known(local('n')), 5);
      assert.equal(known(local('flag')), true, 'an interpolation-only string is the value itself');
      const file = await parse('a = local.cfg["kms-key"]\nb = var.list[1]\nc = local.ports[5]\n');
      assert.equal(known(evaluate(attr(file, 'a').expr, m)), 'alias/phi');
      assert.equal(known(evaluate(attr(file, 'b').expr, m)), 'b');
      assert.equal(evaluate(attr(file, 'c').expr, m).known, false, 'an index out of range is unknown');
    });

    it('decides conditionals statically when it can', async () => {
      const vars = 'variable "on" {\n  default = false\n}\nvariable "unset" {}\n';
      const file = await parse('a = var.on ? "yes" : "no"\nb = var.unset ? "same" : "same"\nc = var.unset ? "yes" : "no"\nd = !var.on ? 1 : 2\n');
      const m = await moduleOf({ 'main.tf': '', 'variables.tf': vars });
      assert.equal(known(evaluate(attr(file, 'a').expr, m)), 'no');
      assert.equal(known(evaluate(attr(file, 'b').expr, m)), 'same', 'both branches equal: known whatever the condition');
      assert.equal(evaluate(attr(file, 'c').expr, m).known, false);
      assert.equal(known(evaluate(attr(file, 'd').expr, m)), 1, 'operators with known operands are decided');
    });

    it('leaves unknown what cannot be known, and never guesses', async () => {
      const m = await moduleOf({ 'main.tf': 'variable "nodefault" {}\nvariable "x" {\n  default = "x"\n}\nlocals {\n  a = local.b\n  b = local.a\n}\n' });
      const file = await parse(
        [
          'ref = aws_kms_key.k.arn',
          'nodefault = var.nodefault',
          'undeclared = var.nope',
          'cycle = local.a',
          'missing = local.missing',
          'data = data.aws_caller_identity.me.account_id',
          'fn = timestamp()',
          'tpl = "a-${aws_kms_key.k.id}"',
          'list = [var.x, aws_kms_key.k.arn]',
          'computed_key = { (var.x) = 1 }',
          'splat = var.x[*]',
          'path_on_string = var.x.y',
          '',
        ].join('\n'),
      );
      const r = (name: string): Resolved => evaluate(attr(file, name).expr, m);
      for (const name of ['ref', 'nodefault', 'undeclared', 'cycle', 'missing', 'data', 'fn', 'tpl', 'computed_key', 'splat', 'path_on_string']) {
        assert.equal(r(name).known, false, name);
      }
      const ref = r('ref');
      assert.equal(ref.known ? '' : ref.text, 'aws_kms_key.k.arn');
      // inside a list, only the unknown part is unknown
      assert.deepEqual(known(r('list')), ['x', UNKNOWN]);
      // without a module, variables are unknown; literals are still known
      assert.equal(evaluate(attr(file, 'nodefault').expr, undefined).known, false);
      assert.equal(known(evaluate({ kind: 'literal', value: 'lit', span: { start: 0, end: 0 } }, undefined)), 'lit');
    });

    it('keeps modules per directory and the first declaration of a variable', async () => {
      const g = await grammars();
      const index = new WorkspaceIndex(new RuleSet([]), () => undefined);
      const add = (uri: string, text: string): void => {
        index.upsert(buildSource(uri, fileKindOf(uri)!, text, undefined, g, LIMITS));
      };
      add('file:///ws/main.tf', 'resource "aws_s3_bucket" "root" {}\nvariable "v" {\n  default = 1\n}\n');
      add('file:///ws/z.tf', 'variable "v" {\n  default = 2\n}\n');
      add('file:///ws/sub/main.tf', 'resource "aws_s3_bucket" "sub" {}\n');
      add('file:///ws/k8s.yaml', 'apiVersion: v1\nkind: Pod\n');
      const root = index.module('file:///ws/main.tf');
      assert.equal(root.dir, 'file:///ws');
      assert.deepEqual(root.resourcesOfType('aws_s3_bucket').map((r) => resourceName(r.node)), ['root']);
      assert.equal(root.variable('v')?.uri, 'file:///ws/main.tf');
      assert.deepEqual(index.module('file:///ws/sub/main.tf').resourcesOfType('aws_s3_bucket').map((r) => resourceName(r.node)), ['sub']);
      assert.equal(root.resourcesOfType('aws_kms_key').length, 0);
      // replacing a file rebuilds the module
      add('file:///ws/main.tf', 'resource "aws_s3_bucket" "renamed" {}\n');
      assert.deepEqual(index.module('file:///ws/main.tf').resourcesOfType('aws_s3_bucket').map((r) => resourceName(r.node)), ['renamed']);
      index.remove('file:///ws/main.tf');
      assert.equal(index.module('file:///ws/z.tf').resourcesOfType('aws_s3_bucket').length, 0);
    });

    it('finds resources referring to a target by reference or by literal name (refersTo, referencing)', async () => {
      const m = await moduleOf({
        'main.tf': 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-bucket"\n}\nresource "aws_s3_bucket" "other" {}\n',
        'sse.tf': [
          'resource "aws_s3_bucket_server_side_encryption_configuration" "by_ref" {',
          '  bucket = aws_s3_bucket.phi.id',
          '}',
          'resource "aws_s3_bucket_server_side_encryption_configuration" "by_index" {',
          '  bucket = aws_s3_bucket.phi[0].bucket',
          '}',
          'resource "aws_s3_bucket_server_side_encryption_configuration" "by_name" {',
          '  bucket = "phi-bucket"',
          '}',
          'resource "aws_s3_bucket_server_side_encryption_configuration" "legacy" {',
          '  bucket = "${aws_s3_bucket.phi.id}"',
          '}',
          'resource "aws_s3_bucket_server_side_encryption_configuration" "to_other" {',
          '  bucket = aws_s3_bucket.other.id',
          '}',
          'resource "aws_s3_bucket_server_side_encryption_configuration" "no_attr" {}',
          'resource "aws_s3_bucket_server_side_encryption_configuration" "data_src" {',
          '  bucket = data.aws_s3_bucket.phi.id',
          '}',
          '',
        ].join('\n'),
      });
      const phi = m.resourcesOfType('aws_s3_bucket').find((r) => resourceName(r.node) === 'phi')!;
      const names = (list: readonly { node: TfBlock }[]): string[] => list.map((r) => resourceName(r.node));
      assert.deepEqual(names(m.referencing(phi, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket')), ['by_ref', 'by_index', 'legacy']);
      assert.deepEqual(names(m.referencing(phi, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket', ['phi-bucket'])), ['by_ref', 'by_index', 'by_name', 'legacy']);
      assert.equal(m.referencing(phi, 'aws_s3_bucket_server_side_encryption_configuration', 'bucket')[0]!.uri, 'file:///ws/sse.tf');
      assert.deepEqual(m.referencing(phi, 'aws_s3_bucket_versioning', 'bucket'), []);
      const ref: TfExpr = { kind: 'reference', path: [{ name: 'aws_s3_bucket' }, { name: 'phi' }], text: 'aws_s3_bucket.phi', span: { start: 0, end: 0 } };
      assert.equal(refersTo(ref, phi.node), true, 'a bare resource reference counts');
      assert.equal(refersTo({ kind: 'literal', value: 'phi-bucket', span: { start: 0, end: 0 } }, phi.node), false, 'literal names only with literalNames');
      assert.equal(refersTo({ kind: 'other', text: 'x', span: { start: 0, end: 0 } }, phi.node, ['x']), false);
    });
  });
});
