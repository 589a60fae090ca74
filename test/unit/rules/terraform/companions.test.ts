import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { defaultSettings } from '../../../../common/settings';
import { evaluateCached, type Resolved } from '../../../../server/src/model/terraform/evaluate';
import { expandInstances } from '../../../../server/src/model/terraform/instances';
import type { Located, TfModule } from '../../../../server/src/model/terraform/module';
import { resourceName, resourceType, type RefStep, type TfBlock, type TfExpr } from '../../../../server/src/model/terraform/types';
import { azureIdLiteral, findCompanions, findCompanionsJoined, type Companions } from '../../../../server/src/rules/terraform/helpers';
import { scanProject } from '../../../../server/src/workspace/project-scan';
import { terraformText } from '../../../../bench/generate';
import { grammars, repoRoot } from '../../../harness/assets';
import { buildSource } from '../../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../../server/src/workspace/workspace-index';
import { RuleSet } from '../../../../server/src/engine/rule-set';

/**
 * findCompanions / findCompanionsJoined answer from an index built once per module (a pass over the
 * candidates per resource made whole-module analysis quadratic). The answers — both lists, in module
 * order — must be those of the pass over every candidate, kept here as the reference, for every
 * resource and companion type of real modules (examples/, ../shared/corpus when present) and of
 * modules written to reach every branch.
 */
describe('companion lookups: the per-module index answers like a pass over every candidate', () => {
  const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');

  it('hand-written modules: references, literal names, data sources, each.value, count = 0, unknowns, templates', async () => {
    const module = await moduleOf(HAND_WRITTEN);
    assert.ok(compareEveryLookup(module) > 100);
  });

  it('the benchmark generator (many buckets, each with companions)', async () => {
    const module = await moduleOf({ 'main.tf': terraformText(3000) });
    assert.ok(compareEveryLookup(module) > 1000);
  });

  it('examples/', async () => {
    assert.ok((await compareScanned(path.join(repoRoot, 'examples'))) > 0);
  });

  it('../shared/corpus', async function () {
    if (!existsSync(corpus)) {
      console.log('      skipped: ../shared/corpus is absent');
      this.skip();
    }
    this.timeout(600_000);
    assert.ok((await compareScanned(corpus)) > 0);
  });
});

const HAND_WRITTEN: Readonly<Record<string, string>> = {
  'main.tf': `
variable "name" { default = "phi-records" }
variable "unknown" {}
locals { logs = "phi-logs" }
resource "aws_s3_bucket" "phi" { bucket = var.name }
resource "aws_s3_bucket" "logs" { bucket = local.logs }
resource "aws_s3_bucket" "nameless" {}
resource "aws_s3_bucket" "unknown" { bucket = var.unknown }
resource "aws_s3_bucket" "many" {
  count  = 2
  bucket = "many-\${count.index}"
}
resource "aws_s3_bucket" "each" {
  for_each = toset(["a", "b"])
  bucket   = "each-\${each.key}"
}
data "aws_s3_bucket" "existing" { bucket = "existing" }
resource "aws_s3_bucket_versioning" "by_ref" { bucket = aws_s3_bucket.phi.id }
resource "aws_s3_bucket_versioning" "by_name" { bucket = "phi-records" }
resource "aws_s3_bucket_versioning" "by_var" { bucket = var.name }
resource "aws_s3_bucket_versioning" "by_template" { bucket = "\${aws_s3_bucket.logs.id}" }
resource "aws_s3_bucket_versioning" "by_index" { bucket = aws_s3_bucket.many[count.index].id }
resource "aws_s3_bucket_versioning" "by_each" {
  for_each = aws_s3_bucket.each
  bucket   = each.value.id
}
resource "aws_s3_bucket_versioning" "by_data" { bucket = data.aws_s3_bucket.existing.id }
resource "aws_s3_bucket_versioning" "by_other" { bucket = aws_kms_key.k.arn }
resource "aws_s3_bucket_versioning" "by_unknown" { bucket = var.unknown }
resource "aws_s3_bucket_versioning" "missing" {}
resource "aws_s3_bucket_versioning" "never" {
  count  = 0
  bucket = aws_s3_bucket.phi.id
}
resource "aws_s3_bucket_acl" "logs" { bucket = "phi-logs" }
resource "aws_s3_bucket_acl" "other" { bucket = "somebody-elses" }
resource "aws_kms_key" "k" {}
resource "azurerm_key_vault" "kv" { name = "phi-kv" }
resource "azurerm_key_vault" "unnamed" { name = var.unknown }
resource "azurerm_monitor_diagnostic_setting" "by_ref" { target_resource_id = azurerm_key_vault.kv.id }
resource "azurerm_monitor_diagnostic_setting" "by_id" { target_resource_id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/phi-kv" }
resource "azurerm_monitor_diagnostic_setting" "by_bare" { target_resource_id = "PHI-KV" }
resource "azurerm_monitor_diagnostic_setting" "other_provider" { target_resource_id = "/subscriptions/s/providers/Microsoft.Sql/servers/phi-kv" }
resource "azurerm_monitor_diagnostic_setting" "by_other_type" { target_resource_id = azurerm_storage_account.sa.id }
resource "azurerm_monitor_diagnostic_setting" "by_data" { target_resource_id = data.azurerm_key_vault.existing.id }
resource "azurerm_monitor_diagnostic_setting" "by_unknown" { target_resource_id = var.unknown }
`,
};

async function moduleOf(files: Readonly<Record<string, string>>): Promise<TfModule> {
  const g = await grammars();
  const index = new WorkspaceIndex(new RuleSet([]), () => undefined);
  for (const [name, text] of Object.entries(files)) index.upsert(buildSource(`file:///ws/${name}`, 'terraform', text, undefined, g, { maxFileSize: 1 << 26 }));
  return index.module('file:///ws/main.tf');
}

/** Compares every lookup in every Terraform module of the scanned tree; returns how many were compared. */
async function compareScanned(root: string): Promise<number> {
  const scan = await scanProject([root], await grammars(), { ...defaultSettings, maxFiles: 100_000, maxFileSize: 1 << 26 }, () => undefined);
  const dirs = new Map<string, string>();
  for (const uri of scan.uris) if (scan.index.get(uri)?.model.kind === 'terraform') dirs.set(uri.slice(0, uri.lastIndexOf('/')), uri);
  let compared = 0;
  for (const uri of dirs.values()) compared += compareEveryLookup(scan.index.module(uri));
  return compared;
}

/** Every resource as target × every resource type of the module as companion type, both lookups. */
function compareEveryLookup(module: TfModule): number {
  const resources = module.files.flatMap((file) => file.blocks.filter((b) => b.type === 'resource' && !b.hasErrors).map((node) => ({ uri: file.uri, node })));
  const types = [...new Set(resources.map((r) => resourceType(r.node)))];
  const attributes = ['bucket', 'target_resource_id', 'key_vault_id', 'name'];
  let compared = 0;
  for (const target of resources) {
    const ctx = { module, evaluate: (e: TfExpr) => evaluateCached(e, module) };
    for (const type of types) {
      for (const attr of attributes) {
        const label = `${resourceType(target.node)}.${resourceName(target.node)} ← ${type}.${attr} in ${module.dir}`;
        for (const nameAttr of ['bucket', 'name']) {
          assert.deepEqual(names(findCompanions(ctx, target, type, attr, nameAttr)), names(referenceFindCompanions(ctx, target, type, attr, nameAttr)), `${label} (names from ${nameAttr})`);
        }
        const join = { literal: azureIdLiteral(ctx, target, 'Microsoft.KeyVault/vaults') };
        assert.deepEqual(names(findCompanionsJoined(ctx, target, type, attr, join)), names(referenceFindCompanionsJoined(ctx, target, type, attr, join)), `${label} (joined)`);
        assert.deepEqual(names(findCompanionsJoined(ctx, target, type, attr, { ...join, anyType: true })), names(referenceFindCompanionsJoined(ctx, target, type, attr, { ...join, anyType: true })), `${label} (joined, any type)`);
        compared += 4;
      }
    }
  }
  return compared;
}

function names(c: Companions): { matches: string[]; undecided: string[] } {
  const label = (l: Located<TfBlock>): string => `${l.uri}#${resourceType(l.node)}.${resourceName(l.node)}`;
  return { matches: c.matches.map(label), undecided: c.undecided.map(label) };
}

// ---------------------------------------------------------------------------------------------
// The reference: a pass over every candidate per lookup (the implementation before the index).

type Ctx = { readonly module: TfModule; evaluate(expr: TfExpr): Resolved };
type Target = { kind: 'resource'; type: string; name: string } | { kind: 'literal'; value: string } | { kind: 'unknown' };

function referenceFindCompanions(ctx: Ctx, target: Located<TfBlock>, type: string, attr: string, nameAttr: string): Companions {
  const names = literalNames(ctx, target.node, nameAttr);
  const matches: Located<TfBlock>[] = [];
  const undecided: Located<TfBlock>[] = [];
  for (const candidate of ctx.module.resourcesOfType(type)) {
    const a = candidate.node.attributes.get(attr);
    if (a === undefined || notCreated(ctx.module, candidate)) continue;
    const pointsAt = targetOf(ctx, candidate.node, a.expr);
    if (pointsAt.kind === 'resource') {
      if (pointsAt.type !== resourceType(target.node)) undecided.push(candidate);
      else if (pointsAt.name === resourceName(target.node)) matches.push(candidate);
    } else if (pointsAt.kind === 'literal') {
      if (names.items.includes(pointsAt.value)) matches.push(candidate);
      else if (!names.complete) undecided.push(candidate);
    } else {
      undecided.push(candidate);
    }
  }
  return { matches, undecided };
}

function referenceFindCompanionsJoined(ctx: Ctx, target: Located<TfBlock>, type: string, attr: string, join: { literal: (value: string) => boolean | undefined; anyType?: boolean }): Companions {
  const targetType = resourceType(target.node);
  const matches: Located<TfBlock>[] = [];
  const undecided: Located<TfBlock>[] = [];
  for (const candidate of ctx.module.resourcesOfType(type)) {
    const a = candidate.node.attributes.get(attr);
    if (a === undefined || notCreated(ctx.module, candidate)) continue;
    const expr = a.expr.kind === 'template' && a.expr.parts.length === 1 && typeof a.expr.parts[0] === 'object' ? a.expr.parts[0] : a.expr;
    const pointsAt = targetOf(ctx, candidate.node, expr);
    if (pointsAt.kind === 'resource') {
      if (pointsAt.type === targetType) {
        if (pointsAt.name === resourceName(target.node)) matches.push(candidate);
      } else if (!join.anyType || pointsAt.type === `data.${targetType}`) undecided.push(candidate);
    } else if (pointsAt.kind === 'literal') {
      const verdict = join.literal(pointsAt.value);
      if (verdict === true) matches.push(candidate);
      else if (verdict === undefined) undecided.push(candidate);
    } else {
      undecided.push(candidate);
    }
  }
  return { matches, undecided };
}

function notCreated(module: TfModule, resource: Located<TfBlock>): boolean {
  return expandInstances(resource, `${resourceType(resource.node)}.${resourceName(resource.node)}`, module).kind === 'none';
}

function targetOf(ctx: Ctx, companion: TfBlock, expr: TfExpr): Target {
  const direct = referencedResource(expr);
  if (direct !== undefined) return { kind: 'resource', ...direct };
  if (expr.kind === 'reference' && stepName(expr.path[0]) === 'each' && stepName(expr.path[1]) === 'value') {
    const forEach = companion.attributes.get('for_each');
    const source = forEach === undefined ? undefined : referencedResource(forEach.expr);
    if (source !== undefined && forEach?.expr.kind === 'reference' && forEach.expr.path.length === 2) return { kind: 'resource', ...source };
    return { kind: 'unknown' };
  }
  const resolved = ctx.evaluate(expr);
  if (resolved.known && typeof resolved.value === 'string') return { kind: 'literal', value: resolved.value };
  return { kind: 'unknown' };
}

function referencedResource(expr: TfExpr): { type: string; name: string } | undefined {
  if (expr.kind === 'reference') {
    const [first, second, third] = expr.path.map(stepName);
    if (first === undefined || second === undefined || ['var', 'local', 'each', 'count', 'path', 'self', 'terraform', 'module'].includes(first)) return undefined;
    if (first === 'data') return third === undefined ? undefined : { type: `data.${second}`, name: third };
    return { type: first, name: second };
  }
  if (expr.kind === 'other') {
    const m = /^([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)\s*\[/.exec(expr.text);
    if (m !== null && !['var', 'local', 'each', 'count', 'module', 'data'].includes(m[1]!)) return { type: m[1]!, name: m[2]! };
  }
  return undefined;
}

function stepName(step: RefStep | undefined): string | undefined {
  return step !== undefined && 'name' in step ? step.name : undefined;
}

function literalNames(ctx: Ctx, block: TfBlock, nameAttr: string): { items: string[]; complete: boolean } {
  const attr = block.attributes.get(nameAttr);
  if (attr === undefined) return { items: [], complete: true };
  const resolved = ctx.evaluate(attr.expr);
  if (!resolved.known) return { items: [], complete: false };
  return typeof resolved.value === 'string' ? { items: [resolved.value], complete: true } : { items: [], complete: resolved.value === null };
}
