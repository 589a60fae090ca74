import { strict as assert } from 'node:assert';
import { RuleSet } from '../../../server/src/engine/rule-set';
import { evaluate, type Resolved } from '../../../server/src/model/terraform/evaluate';
import type { TfModule } from '../../../server/src/model/terraform/module';
import { resourceName } from '../../../server/src/model/terraform/types';
import { fileKindOf } from '../../../server/src/parsing/file-kind';
import { catalogCheck } from '../../../server/src/rules/catalog';
import type { TerraformRule } from '../../../server/src/rules/types';
import { buildSource } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { grammars } from '../../harness/assets';
import { lintFiles } from '../../harness/lint';

const LIMITS = { maxFileSize: 10 * 1024 * 1024 };

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

function local(m: TfModule, name: string): Resolved {
  const l = m.local(name);
  assert.ok(l, `local.${name}`);
  return evaluate(l.node.expr, m);
}

describe('Terraform data sources, jsonencode/jsondecode and data-source dispatch', () => {
  it('indexes data sources by type across files; the first declaration wins; resources are separate', async () => {
    const m = await moduleOf({
      'main.tf': 'data "aws_iam_policy_document" "a" {}\nresource "aws_iam_policy_document" "x" {}\n',
      'iam.tf': 'data "aws_iam_policy_document" "b" {}\ndata "aws_iam_policy_document" "a" {\n  version = "dup"\n}\ndata "aws_caller_identity" "current" {}\n',
    });
    assert.deepEqual(m.dataSources('aws_iam_policy_document').map((d) => `${d.uri}#${resourceName(d.node)}`).sort(), [
      'file:///ws/iam.tf#a',
      'file:///ws/iam.tf#b',
      'file:///ws/main.tf#a',
    ]);
    const a = m.dataSource('aws_iam_policy_document', 'a');
    assert.ok(a);
    assert.equal(a.node.type, 'data');
    assert.equal(m.dataSource('aws_caller_identity', 'current')?.uri, 'file:///ws/iam.tf');
    assert.equal(m.dataSource('aws_iam_policy_document', 'x'), undefined, 'a resource is not a data source');
    assert.deepEqual(m.dataSources('aws_s3_bucket'), []);
    assert.equal(m.resourcesOfType('aws_iam_policy_document').length, 1);
  });

  it('jsonencode: known values only, keys sorted, no whitespace, HTML characters escaped like Terraform', async () => {
    const m = await moduleOf({
      'main.tf':
        'variable "unknown" {}\nvariable "arn" {\n  default = "arn:aws:s3:::b"\n}\nlocals {\n' +
        '  doc     = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Resource = var.arn, Count = 2, On = true, None = null }] })\n' +
        '  html    = jsonencode("<a&b>")\n' +
        '  partial = jsonencode({ a = var.unknown })\n' +
        '  back    = jsondecode(jsonencode({ b = [1, "x"] }))\n' +
        '  decoded = jsondecode("{\\"Statement\\": [{\\"Effect\\": \\"Deny\\"}]}")\n' +
        '  invalid = jsondecode("{not json")\n' +
        '  nonstr  = jsondecode(var.unknown)\n}\n',
    });
    const doc = local(m, 'doc');
    assert.ok(doc.known);
    assert.equal(doc.value, '{"Statement":[{"Count":2,"Effect":"Allow","None":null,"On":true,"Resource":"arn:aws:s3:::b"}],"Version":"2012-10-17"}');
    const html = local(m, 'html');
    assert.ok(html.known);
    assert.equal(html.value, '"\\u003ca\\u0026b\\u003e"');
    assert.equal(local(m, 'partial').known, false, 'an unknown part makes the whole JSON text unknown');
    const back = local(m, 'back');
    assert.ok(back.known);
    assert.deepEqual(back.value, { b: [1, 'x'] });
    const decoded = local(m, 'decoded');
    assert.ok(decoded.known);
    assert.deepEqual(decoded.value, { Statement: [{ Effect: 'Deny' }] });
    assert.equal(local(m, 'invalid').known, false);
    assert.equal(local(m, 'nonstr').known, false);
  });

  it('the engine dispatches data blocks as data.<type>, with their own address, and never as resources', async () => {
    const seen: string[] = [];
    const rule: TerraformRule = {
      id: 'aws-iam-no-admin-star-policy',
      platform: 'terraform',
      meta: catalogCheck('aws-iam-no-admin-star-policy'),
      messages: { m: 'seen {name}' },
      fixes: {},
      resourceTypes: ['data.aws_iam_policy_document'],
      check(resource, ctx) {
        seen.push(`${resource.node.type}.${resourceName(resource.node)}`);
        ctx.report({ messageId: 'm', at: resource.node.headerSpan, data: { name: resourceName(resource.node) } });
      },
    };
    const result = await lintFiles(
      {
        'main.tf': 'data "aws_iam_policy_document" "doc" {}\nresource "aws_iam_policy_document" "not_data" {}\ndata "aws_iam_policy_document" {}\n',
      },
      'main.tf',
      [rule],
    );
    assert.deepEqual(seen, ['data.doc']);
    assert.deepEqual(
      result.findings.map((f) => f.resource),
      ['data.aws_iam_policy_document.doc'],
    );
  });
});
