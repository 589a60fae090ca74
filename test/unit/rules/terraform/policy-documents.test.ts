import { strict as assert } from 'node:assert';
import { RuleSet } from '../../../../server/src/engine/rule-set';
import { evaluate } from '../../../../server/src/model/terraform/evaluate';
import type { TfModule } from '../../../../server/src/model/terraform/module';
import { fileKindOf } from '../../../../server/src/parsing/file-kind';
import { mayEqual, readDataDocument, readPolicy, wildcardGrants, type PolicyContext, type PolicyDocument, type Terms } from '../../../../server/src/rules/terraform/policy-documents';
import { buildSource } from '../../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../../server/src/workspace/workspace-index';
import { grammars } from '../../../harness/assets';

const MAIN = 'file:///ws/main.tf';

async function contextOf(files: Readonly<Record<string, string>>): Promise<PolicyContext & { module: TfModule }> {
  const g = await grammars();
  const index = new WorkspaceIndex(new RuleSet([]), (_id, e) => {
    throw e;
  });
  for (const [name, text] of Object.entries(files)) {
    const uri = `file:///ws/${name}`;
    index.upsert(buildSource(uri, fileKindOf(uri)!, text, undefined, g, { maxFileSize: 1 << 24 }));
  }
  const module = index.module(MAIN);
  return { module, text: files['main.tf']!, file: { uri: MAIN }, evaluate: (e) => evaluate(e, module) };
}

/** Reads `policy = …` of the first resource of main.tf. */
async function read(files: Readonly<Record<string, string>>): Promise<{ doc: PolicyDocument; text: string }> {
  const ctx = await contextOf(files);
  const resource = ctx.module.files.find((f) => f.uri === MAIN)!.blocks.find((b) => b.type === 'resource')!;
  return { doc: readPolicy(ctx, MAIN, resource.attributes.get('policy')!.expr), text: files['main.tf']! };
}

const values = (t: Terms | undefined): (string | undefined)[] | undefined => t?.items.map((i) => i.value ?? `?${i.text}`);
const resource = (policy: string): string => `resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = ${policy}\n}\n`;

describe('policy-documents: one normalised view of every way a policy is written', () => {
  it('JSON: a single Statement object, scalar and list fields, principals, conditions, booleans', async () => {
    const { doc } = await read({
      'main.tf': resource(
        '<<EOF\n{"Statement": {"Sid": "s", "Effect": "Deny", "Principal": {"AWS": ["arn:aws:iam::1:root", "*"], "Service": "s3.amazonaws.com"}, "NotAction": "iam:*", "Resource": ["a", "b"], "Condition": {"Bool": {"aws:SecureTransport": false}, "StringEquals": {"aws:SourceVpce": ["v1", "v2"]}}}}\nEOF',
      ),
    });
    assert.deepEqual(doc.gaps, []);
    assert.equal(doc.statements.length, 1);
    const s = doc.statements[0]!;
    assert.equal(s.sid?.value, 's');
    assert.equal(s.effect?.value, 'Deny');
    assert.deepEqual(s.principals?.entries.map((e) => [e.type.value, values(e.ids)]), [
      ['AWS', ['arn:aws:iam::1:root', '*']],
      ['Service', ['s3.amazonaws.com']],
    ]);
    assert.deepEqual(values(s.notActions), ['iam:*']);
    assert.equal(s.actions, undefined);
    assert.deepEqual(values(s.resources), ['a', 'b']);
    assert.deepEqual(s.conditions.map((c) => [c.operator.value, c.key.value, values(c.values)]), [
      ['Bool', 'aws:SecureTransport', ['false']],
      ['StringEquals', 'aws:SourceVpce', ['v1', 'v2']],
    ]);
    assert.equal(s.conditionsComplete, true);
  });

  it('heredoc interpolations: known values are rendered, unknown ones stay symbolic; spans point into the heredoc', async () => {
    const { doc, text } = await read({
      'main.tf':
        'variable "account" {\n  default = "111122223333"\n}\n' +
        resource('<<EOF\n{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${var.account}:root"}, "Action": "s3:*", "Resource": ["${aws_s3_bucket.b.arn}/*", ${jsonencode(var.extra)}]}]}\nEOF'),
    });
    assert.deepEqual(doc.gaps, []);
    const s = doc.statements[0]!;
    assert.deepEqual(values(s.principals?.entries[0]?.ids), ['arn:aws:iam::111122223333:root']);
    assert.deepEqual(values(s.resources), ['?${aws_s3_bucket.b.arn}/*', '?${jsonencode(…)}']);
    assert.equal(s.resources?.complete, false, 'an interpolation outside a string may splice several items');
    const action = s.actions!.items[0]!;
    assert.equal(text.slice(action.at.span.start, action.at.span.end), '"s3:*"');
  });

  it('jsonencode is read structurally, following locals and known conditionals; terms keep their spans', async () => {
    const files = {
      'main.tf': 'variable "strict" {\n  default = false\n}\n' + resource('jsonencode({ Statement = [local.stmt, var.strict ? local.stmt : { Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })'),
      'locals.tf': 'locals {\n  stmt = { Effect = "Deny", Action = "*", Resource = aws_s3_bucket.b.arn }\n}\n',
    };
    const { doc, text } = await read(files);
    assert.equal(doc.statements.length, 2);
    const [a, b] = doc.statements;
    assert.equal(a!.effect?.at.uri, 'file:///ws/locals.tf');
    assert.deepEqual(values(a!.resources), ['?${aws_s3_bucket.b.arn}']);
    assert.equal(a!.resources?.complete, true, 'a resource ARN is one string');
    assert.equal(b!.effect?.value, 'Allow');
    const get = b!.actions!.items[0]!;
    assert.equal(text.slice(get.at.span.start, get.at.span.end), '"s3:GetObject"');
  });

  it('data sources: default effect Allow, dynamic statements, source and override documents merged by sid', async () => {
    const files = {
      'main.tf': resource('data.aws_iam_policy_document.merged.json'),
      'iam.tf':
        'variable "grants" {}\n' +
        'data "aws_iam_policy_document" "base" {\n  statement {\n    sid       = "A"\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }\n  statement {\n    sid       = "B"\n    actions   = ["s3:PutObject"]\n    resources = ["*"]\n  }\n}\n' +
        'data "aws_iam_policy_document" "merged" {\n  source_policy_documents   = [data.aws_iam_policy_document.base.json]\n  override_policy_documents = [jsonencode({ Statement = [{ Sid = "B", Effect = "Deny", Action = "s3:PutObject", Resource = "*" }] })]\n' +
        '  statement {\n    sid     = "A"\n    effect  = "Deny"\n    actions = ["s3:*"]\n  }\n  dynamic "statement" {\n    for_each = var.grants\n    content {\n      actions = statement.value.actions\n    }\n  }\n  dynamic "statement" {\n    for_each = []\n    content {\n      actions = ["*"]\n    }\n  }\n}\n',
    };
    const { doc } = await read(files);
    assert.deepEqual(doc.gaps, []);
    assert.deepEqual(
      doc.statements.map((s) => [s.sid?.value, s.effect?.value, values(s.actions), s.certain, s.dataSource]),
      [
        ['A', 'Deny', ['s3:*'], true, 'data.aws_iam_policy_document.merged'],
        ['B', 'Deny', ['s3:PutObject'], true, undefined],
        [undefined, 'Allow', ['?${statement.value.actions}'], false, 'data.aws_iam_policy_document.merged'],
      ],
    );
    const ctx = await contextOf(files);
    const own = readDataDocument(ctx, ctx.module.dataSource('aws_iam_policy_document', 'base')!, false);
    assert.deepEqual(
      own.statements.map((s) => s.effect?.value),
      ['Allow', 'Allow'],
    );
  });

  it('gaps: files, unknown variables, undeclared data sources and invalid JSON are never guessed', async () => {
    const reasons = async (policy: string): Promise<string[]> => (await read({ 'main.tf': 'variable "v" {}\n' + resource(policy) })).doc.gaps.map((g) => g.reason);
    assert.match((await reasons('file("p.json")'))[0]!, /file\(\)/);
    assert.match((await reasons('templatefile("p.tpl", {})'))[0]!, /templatefile\(\)/);
    assert.match((await reasons('var.v'))[0]!, /cannot be resolved/);
    assert.match((await reasons('data.aws_iam_policy_document.missing.json'))[0]!, /not declared/);
    assert.match((await reasons('"{\\"Statement\\": ["'))[0]!, /not valid JSON/);
    assert.match((await reasons('aws_iam_policy.other.policy'))[0]!, /cannot be resolved/);
  });

  it('wildcard grants: "*", {"AWS": "*"}, NotPrincipal; exempting condition keys are case-insensitive; unknowns are reported as such', async () => {
    const grants = async (statement: string) => wildcardGrants((await read({ 'main.tf': 'variable "v" {}\n' + resource(`jsonencode({ Statement = [${statement}] })`) })).doc, ['aws:SourceVpce']);
    assert.equal((await grants('{ Effect = "Allow", Principal = "*" }')).grants.length, 1);
    assert.equal((await grants('{ Effect = "Allow", Principal = { AWS = ["arn:aws:iam::1:root", "*"] } }')).grants.length, 1);
    assert.equal((await grants('{ Effect = "Allow", NotPrincipal = { AWS = "arn:aws:iam::1:root" } }')).grants.length, 1);
    assert.equal((await grants('{ Effect = "Allow", Principal = "*", Condition = { StringEquals = { "AWS:SOURCEVPCE" = "v" } } }')).grants.length, 0);
    assert.equal((await grants('{ Effect = "Allow", Principal = { AWS = aws_iam_role.r.arn } }')).unknown, undefined, 'a role ARN is never "*"');
    const unknown = await grants('{ Effect = var.v, Principal = "*" }');
    assert.equal(unknown.grants.length, 0);
    assert.ok(unknown.unknown);
  });

  it('mayEqual: literal parts decide; AWS resource attributes are never a bare wildcard', () => {
    assert.equal(mayEqual('${var.x}', '*'), true);
    assert.equal(mayEqual('${var.prefix}*', '*'), true);
    assert.equal(mayEqual('arn:aws:s3:::${var.b}', '*'), false);
    assert.equal(mayEqual('${aws_iam_role.r.arn}', '*'), false);
    assert.equal(mayEqual('${data.aws_caller_identity.c.account_id}', '*'), false);
  });
});
