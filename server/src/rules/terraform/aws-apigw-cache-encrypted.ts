import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute, insertBlockAfter } from '../../fixes/terraform-edits';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { METHOD_SETTINGS, REST_STAGE, appliesToAllMethods, methodSettingsOf, stageOf } from './apigw-method-settings';
import { replaceLiteral, uniqueResourceName, valueText } from './helpers';
import { asBool, originRelated, originSuffix } from './values';

/**
 * API Gateway cache data is encrypted where caching is on:
 *
 * - `aws_api_gateway_method_settings` with `settings.caching_enabled = true` must set
 *   `settings.cache_data_encrypted = true` (absent = false). Finding at the value, or at the
 *   `settings` block when absent; the configured stage is shown as related location.
 * - `aws_api_gateway_stage` with `cache_cluster_enabled = true` provisions a cache; a `"*\/*"` method
 *   settings of that stage must encrypt its data (`cache_data_encrypted = true`) or turn caching off.
 *   Finding at `cache_cluster_enabled`; method settings whose stage cannot be resolved may cover it
 *   (cannot determine).
 *
 * Fixes: setting/inserting `cache_data_encrypted = true` in method settings is safe (catalog
 * autofix.safe; in place, the cache is flushed). For a stage, a review fix inserts it into the stage's
 * existing `"*\/*"` method settings, or adds an `aws_api_gateway_method_settings` for `"*\/*"` after the
 * stage (not for count/for_each stages).
 */

const messages = {
  notEncrypted: 'aws_api_gateway_method_settings "{name}" enables caching without cache_data_encrypted = true, so cached responses are stored unencrypted.',
  disabled: 'aws_api_gateway_method_settings "{name}" enables caching with cache_data_encrypted = {value}{origin}, so cached responses are stored unencrypted.',
  stageUnencrypted: 'aws_api_gateway_stage "{name}" enables a cache cluster, but no "*/*" aws_api_gateway_method_settings of the stage sets cache_data_encrypted = true.',
};
const fixes = {
  encrypt: { title: 'Set cache_data_encrypted = true (the cache is flushed)', safety: 'safe' as const },
  encryptStage: { title: 'Encrypt the cache data of every method of the stage ("*/*" method settings; the cache is flushed)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-apigw-cache-encrypted',
  resourceTypes: [METHOD_SETTINGS, REST_STAGE],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === METHOD_SETTINGS) checkMethodSettings(resource, ctx);
    else checkStage(resource, ctx);
  },
});

function checkMethodSettings(resource: Located<TfBlock>, ctx: Ctx): void {
  const name = resourceName(resource.node);
  const target = stageOf(ctx, resource.node);
  const related = target.kind === 'stage' ? [{ uri: target.stage.uri, span: target.stage.node.headerSpan, message: 'The stage whose cache these settings use' }] : [];
  for (const settings of nestedBlocks(resource.node, 'settings')) {
    const caching = settings.attributes.get('caching_enabled');
    if (caching === undefined) continue; // applies_when caching_enabled = true
    const cachingValue = ctx.evaluate(caching.expr);
    const cachingOn = cachingValue.known ? asBool(cachingValue.value) : undefined;
    if (cachingValue.known && cachingOn !== true) continue;

    const encrypted = settings.attributes.get('cache_data_encrypted');
    const value = encrypted === undefined ? undefined : ctx.evaluate(encrypted.expr);
    if (encrypted !== undefined && value !== undefined && !value.known) {
      ctx.cannotDetermine(encrypted.expr.span, `cache_data_encrypted = ${value.text} cannot be resolved statically`);
      continue;
    }
    if (value?.known && asBool(value.value) === true) continue;
    if (cachingOn !== true) {
      ctx.cannotDetermine(caching.expr.span, `caching_enabled cannot be resolved statically`);
      continue;
    }
    if (encrypted === undefined || value === undefined || !value.known) {
      ctx.report({
        messageId: 'notEncrypted',
        at: settings.headerSpan,
        data: { name },
        related,
        fix: { fixId: 'encrypt', edits: [insertAttribute(resource.uri, ctx.text, settings, 'cache_data_encrypted', 'true')] },
      });
      continue;
    }
    const fix = replaceLiteral(resource.uri, encrypted, 'true');
    ctx.report({
      messageId: 'disabled',
      at: encrypted.expr.span,
      data: { name, value: valueText(value), origin: originSuffix(value) },
      related: [...originRelated(value), ...related],
      ...(fix ? { fix: { fixId: 'encrypt' as const, edits: [fix] } } : {}),
    });
  }
}

function checkStage(resource: Located<TfBlock>, ctx: Ctx): void {
  const stage = resource.node;
  const cluster = stage.attributes.get('cache_cluster_enabled');
  if (cluster === undefined) return;
  const on = ctx.evaluate(cluster.expr);
  if (!on.known) {
    ctx.cannotDetermine(cluster.expr.span, `cache_cluster_enabled = ${on.text} cannot be resolved statically`);
    return;
  }
  if (asBool(on.value) !== true) return;

  const { matches, undecided } = methodSettingsOf(ctx, resource);
  let unknown: string | undefined;
  let wildcard: Located<TfBlock> | undefined;
  for (const settings of matches) {
    const all = appliesToAllMethods(ctx, settings.node);
    if (all === false) continue; // path-specific settings are judged on their own
    if (all === undefined) {
      unknown ??= `method_path of aws_api_gateway_method_settings "${resourceName(settings.node)}" cannot be resolved statically`;
      continue;
    }
    wildcard ??= settings;
    for (const block of nestedBlocks(settings.node, 'settings')) {
      const encrypted = boolAttr(ctx, block, 'cache_data_encrypted');
      const caching = boolAttr(ctx, block, 'caching_enabled');
      // Encrypted, caching off, or caching explicitly on (then the method settings' own finding covers it).
      if (encrypted === true || caching === false || caching === true) return;
      if (encrypted === 'unknown' || caching === 'unknown') unknown ??= `the cache settings of aws_api_gateway_method_settings "${resourceName(settings.node)}" cannot be resolved statically`;
    }
  }
  const first = undecided[0];
  if (first !== undefined) unknown ??= `aws_api_gateway_method_settings "${resourceName(first.node)}" may configure this stage`;
  if (unknown !== undefined) {
    ctx.cannotDetermine(cluster.expr.span, unknown);
    return;
  }
  const fix = stageFix(resource, wildcard, ctx);
  ctx.report({
    messageId: 'stageUnencrypted',
    at: cluster.expr.span,
    data: { name: resourceName(stage) },
    related: [...originRelated(on), ...(wildcard ? [{ uri: wildcard.uri, span: wildcard.node.headerSpan, message: 'The "*/*" method settings of this stage' }] : [])],
    ...(fix ? { fix: { fixId: 'encryptStage' as const, edits: [fix] } } : {}),
  });
}

function boolAttr(ctx: Ctx, block: TfBlock, name: string): boolean | 'unknown' | undefined {
  const attr = block.attributes.get(name);
  if (attr === undefined) return undefined;
  const value = ctx.evaluate(attr.expr);
  if (!value.known) return 'unknown';
  return value.value === null ? undefined : asBool(value.value);
}

/** Inserts/sets cache_data_encrypted in the stage's "*\/*" method settings, or adds such method settings. */
function stageFix(resource: Located<TfBlock>, wildcard: Located<TfBlock> | undefined, ctx: Ctx): FixEdit | undefined {
  if (wildcard !== undefined) {
    const block = nestedBlocks(wildcard.node, 'settings')[0];
    if (block === undefined || wildcard.uri !== resource.uri) return undefined; // edits stay in the analysed file
    const attr = block.attributes.get('cache_data_encrypted');
    return attr === undefined ? insertAttribute(wildcard.uri, ctx.text, block, 'cache_data_encrypted', 'true') : replaceLiteral(wildcard.uri, attr, 'true');
  }
  const stage = resource.node;
  const api = stage.attributes.get('rest_api_id');
  if (api === undefined || stage.attributes.has('count') || stage.attributes.has('for_each')) return undefined;
  const apiText = ctx.text.slice(api.expr.span.start, api.expr.span.end);
  if (apiText.includes('\n')) return undefined;
  const name = resourceName(stage);
  return insertBlockAfter(ctx.text, resource, [
    `resource "${METHOD_SETTINGS}" "${uniqueResourceName(ctx.module, METHOD_SETTINGS, name)}" {`,
    `  rest_api_id = ${apiText}`,
    `  stage_name  = ${REST_STAGE}.${name}.stage_name`,
    '  method_path = "*/*"',
    '',
    '  settings {',
    '    cache_data_encrypted = true',
    '  }',
    '}',
  ]);
}
