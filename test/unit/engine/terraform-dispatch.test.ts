import { strict as assert } from 'node:assert';
import { catalogCheck } from '../../../server/src/rules/catalog';
import type { TerraformRule } from '../../../server/src/rules/types';
import { lintFiles } from '../../harness/lint';

/**
 * Terraform dispatch keys (engine/analyze.ts terraformTargets): resource types, `data.<type>`,
 * `provider.<name>`, `backend.<type>` and whole files (`*.tf`, `*.tfvars`).
 */

/** A probe rule that reports every block it is dispatched on, naming the block. */
function probe(resourceTypes: readonly string[]): TerraformRule {
  return {
    id: 'aws-no-hardcoded-credentials-provider',
    platform: 'terraform',
    meta: catalogCheck('aws-no-hardcoded-credentials-provider'),
    resourceTypes,
    messages: { seen: '{what}' },
    fixes: {},
    check(target, ctx) {
      ctx.report({ messageId: 'seen', at: target.node.headerSpan, data: { what: [target.node.type, ...target.node.labels].join(' ') } });
    },
  };
}

const MAIN = [
  'terraform {',
  '  backend "s3" {',
  '    bucket = "state"',
  '  }',
  '}',
  '',
  'provider "aws" {',
  '  region = "us-east-1"',
  '}',
  '',
  'provider "aws" {',
  '  alias  = "dr"',
  '  region = "us-west-2"',
  '}',
  '',
  'provider "google" {}',
  '',
  'data "aws_caller_identity" "me" {}',
  '',
  'resource "aws_s3_bucket" "phi" {}',
  '',
].join('\n');

async function seen(rule: TerraformRule, files: Record<string, string>, target: string): Promise<{ messages: string[]; resources: string[] }> {
  const result = await lintFiles(files, target, [rule]);
  const sorted = [...result.findings].sort((a, b) => a.span.start - b.span.start);
  return { messages: sorted.map((f) => f.message.replace(/ \(HIPAA.*$/, '')), resources: sorted.map((f) => f.resource) };
}

describe('engine: Terraform dispatch targets', () => {
  it('resource types still dispatch only their resources', async () => {
    const { messages, resources } = await seen(probe(['aws_s3_bucket']), { 'main.tf': MAIN }, 'main.tf');
    assert.deepEqual(messages, ['resource aws_s3_bucket phi']);
    assert.deepEqual(resources, ['aws_s3_bucket.phi']);
  });

  it('data sources dispatch as data.<type>', async () => {
    const { resources } = await seen(probe(['data.aws_caller_identity']), { 'main.tf': MAIN }, 'main.tf');
    assert.deepEqual(resources, ['data.aws_caller_identity.me']);
  });

  it('provider.<name> dispatches every provider block of that name (aliases in the address)', async () => {
    const { messages, resources } = await seen(probe(['provider.aws']), { 'main.tf': MAIN }, 'main.tf');
    assert.deepEqual(messages, ['provider aws', 'provider aws']);
    assert.deepEqual(resources, ['provider.aws', 'provider.aws.dr']);
  });

  it('backend.<type> dispatches the backend block of terraform {}', async () => {
    const { messages, resources } = await seen(probe(['backend.s3', 'backend.gcs']), { 'main.tf': MAIN }, 'main.tf');
    assert.deepEqual(messages, ['backend s3']);
    assert.deepEqual(resources, ['terraform.backend.s3']);
  });

  it('*.tf and *.tfvars dispatch the whole file once, as a synthetic block of its top-level content', async () => {
    const files = { 'main.tf': MAIN, 'terraform.tfvars': 'region = "us-east-1"\n' };
    let tf = await seen(probe(['*.tf']), files, 'main.tf');
    assert.deepEqual(tf.messages, ['*.tf main.tf']);
    assert.deepEqual(tf.resources, ['main.tf']);
    tf = await seen(probe(['*.tf']), files, 'terraform.tfvars');
    assert.deepEqual(tf.messages, []);
    const vars = await seen(probe(['*.tfvars']), files, 'terraform.tfvars');
    assert.deepEqual(vars.messages, ['*.tfvars terraform.tfvars']);
    const none = await seen(probe(['*.tfvars']), files, 'main.tf');
    assert.deepEqual(none.messages, []);
  });

  it('the synthetic file block holds the top-level blocks and tfvars assignments', async () => {
    const rule: TerraformRule = {
      ...probe(['*.tf', '*.tfvars']),
      check(target, ctx) {
        const what = `${target.node.blocks.map((b) => b.type).join(',')}|${[...target.node.attributes.keys()].join(',')}`;
        ctx.report({ messageId: 'seen', at: target.node.headerSpan, data: { what } });
      },
    };
    const files = { 'main.tf': MAIN, 'terraform.tfvars': 'region = "us-east-1"\nenv = "prod"\n' };
    assert.deepEqual((await seen(rule, files, 'main.tf')).messages, ['terraform,provider,provider,provider,data,resource|']);
    assert.deepEqual((await seen(rule, files, 'terraform.tfvars')).messages, ['|region,env']);
  });

  it('blocks with syntax errors are not dispatched; the file still is', async () => {
    const broken = 'resource "aws_s3_bucket" "phi" {}\n\nprovider "aws" {\n  access_key = \n}\n';
    const { messages } = await seen(probe(['provider.aws', 'aws_s3_bucket', '*.tf']), { 'main.tf': broken }, 'main.tf');
    assert.deepEqual(messages, ['resource aws_s3_bucket phi', '*.tf main.tf']);
  });
});
