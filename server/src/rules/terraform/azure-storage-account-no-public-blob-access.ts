/**
 * azure-storage-account-no-public-blob-access
 *
 * Logic (catalog):
 * - azurerm_storage_account: `allow_nested_items_to_be_public` (azurerm v3+) must be false; absent
 *   or null fails, because the provider default is true. The azurerm v2 name `allow_blob_public_access`
 *   is judged the same way when it is the one written (its v2 default, false, passes when null).
 * - azurerm_storage_container: `container_access_type` must be "private"; absent passes (default).
 * Unknown values are never guessed.
 *
 * Findings: on the offending value (variable origin related); an absent account setting on the
 * resource header.
 *
 * Fix (safe, catalog autofix.safe): inserts `allow_nested_items_to_be_public = false`, or replaces a
 * literal `true` / "blob" / "container". In place; anonymous reads stop, which is the intent (a
 * container that must stay anonymous must not hold PHI).
 */
import { insertAttribute } from '../../fixes/terraform-edits';
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { judgeBool, replaceLiteral, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const messages = {
  missing: 'azurerm_storage_account "{name}" does not set allow_nested_items_to_be_public; the provider default (true) lets its containers be made anonymously readable.',
  accountPublic: 'azurerm_storage_account "{name}" sets {attribute} = {value}{origin}; its containers can be made anonymously readable.',
  containerPublic: 'azurerm_storage_container "{name}" sets container_access_type = {value}{origin}; anyone on the internet can read its blobs without credentials.',
};
const fixes = {
  disallow: { title: 'Set allow_nested_items_to_be_public = false (anonymous blob access stops)', safety: 'safe' as const },
  makePrivate: { title: 'Set container_access_type = "private" (anonymous reads stop)', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'azure-storage-account-no-public-blob-access',
  resourceTypes: ['azurerm_storage_account', 'azurerm_storage_container'],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === 'azurerm_storage_container') checkContainer(resource, ctx);
    else checkAccount(resource, ctx);
  },
});

function checkAccount(resource: Located<TfBlock>, ctx: Ctx): void {
  const block = resource.node;
  const name = resourceName(block);
  const current = block.attributes.has('allow_nested_items_to_be_public');
  const legacy = block.attributes.has('allow_blob_public_access');
  if (!current && !legacy) {
    ctx.report({
      messageId: 'missing',
      at: block.headerSpan,
      data: { name },
      fix: { fixId: 'disallow', edits: [insertAttribute(resource.uri, ctx.text, block, 'allow_nested_items_to_be_public', 'false')] },
    });
    return;
  }
  // azurerm v3+ defaults to true (null fails); the v2 attribute defaulted to false (null passes).
  const judged = [
    ...(current ? [['allow_nested_items_to_be_public', 'fail'] as const] : []),
    ...(legacy ? [['allow_blob_public_access', 'pass'] as const] : []),
  ];
  for (const [attribute, whenNull] of judged) {
    const verdict = judgeBool(ctx, block, attribute, false, whenNull);
    if (verdict.kind === 'unknown') ctx.cannotDetermine(verdict.at, verdict.reason);
    if (verdict.kind !== 'wrong') continue;
    const fix = replaceLiteral(resource.uri, verdict.attr, 'false');
    ctx.report({
      messageId: 'accountPublic',
      at: verdict.attr.expr.span,
      data: { name, attribute, value: valueText(verdict.resolved), origin: originSuffix(verdict.resolved) },
      related: originRelated(verdict.resolved),
      ...(fix ? { fix: { fixId: 'disallow' as const, edits: [fix] } } : {}),
    });
  }
}

function checkContainer(resource: Located<TfBlock>, ctx: Ctx): void {
  const attr = resource.node.attributes.get('container_access_type');
  if (attr === undefined) return; // default "private"
  const value = ctx.evaluate(attr.expr);
  if (!value.known) {
    ctx.cannotDetermine(attr.expr.span, `container_access_type = ${value.text} cannot be resolved statically`);
    return;
  }
  if (value.value === null || asString(value.value) === 'private') return;
  const fix = replaceLiteral(resource.uri, attr, '"private"');
  ctx.report({
    messageId: 'containerPublic',
    at: attr.expr.span,
    data: { name: resourceName(resource.node), value: valueText(value), origin: originSuffix(value) },
    related: originRelated(value),
    ...(fix ? { fix: { fixId: 'makePrivate' as const, edits: [fix] } } : {}),
  });
}
