/**
 * azure-storage-account-default-deny-network
 *
 * Logic (catalog, pass_if_any):
 * - the account sets `public_network_access_enabled = false`; or
 * - an inline `network_rules` block has `default_action = "Deny"`; or
 * - an azurerm_storage_account_network_rules resource pointing at the account (`storage_account_id`
 *   = azurerm_storage_account.x.id, or the azurerm v2 `storage_account_name`) has `default_action =
 *   "Deny"`.
 * Otherwise the account is reachable from every network. A rule set that denies by default but lists
 * a `/0` range in `ip_rules` restricts nothing and is reported too (as KICS "Public Storage Account"
 * does). Companions whose account cannot be resolved, and unknown values, are never guessed.
 *
 * Findings: `default_action = "Allow"` and `/0` ip rules on the value, in the account's inline block
 * or in the network rules resource (judged on its own, not repeated on the account); an account with
 * no rules at `public_network_access_enabled = true` when written, else at its header.
 *
 * Fix: none (catalog autofix.safe = false): denying by default needs the allowed subnets, IP ranges
 * or private endpoints of your environment, or clients lose access.
 */
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { azureIdLiteral, findCompanionsJoined, isAllAddresses, judgeBool, listStrings, sameResource, valueText, type Companions } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const ACCOUNT = 'azurerm_storage_account';
const RULES = 'azurerm_storage_account_network_rules';

const messages = {
  noRules: 'azurerm_storage_account "{name}" has no network rules that default to Deny; it is reachable from every network.',
  publicEnabled: 'azurerm_storage_account "{name}" sets public_network_access_enabled = {value}{origin} without network rules that default to Deny; it is reachable from every network.',
  allowByDefault: '{resource} "{name}" sets default_action = {value}{origin}; the storage account is reachable from every network.',
  openIpRule: '{resource} "{name}" lists {cidr}{origin} in ip_rules; denying by default then restricts nothing.',
};
type Ctx = TerraformContext<keyof typeof messages, never>;

type Verdict = 'pass' | 'fail' | 'unknown';

export default defineTerraformRule({
  id: 'azure-storage-account-default-deny-network',
  resourceTypes: [ACCOUNT, RULES],
  messages,
  fixes: {},
  check(resource, ctx) {
    if (resourceType(resource.node) === RULES) checkRulesResource(resource, ctx);
    else checkAccount(resource, ctx);
  },
});

/** `public_network_access_enabled = false` closes the public endpoint whatever the rules say. */
function publicAccess(account: TfBlock, ctx: Ctx): { verdict: Verdict; at?: Span; reason?: string; attr?: ReturnType<typeof judgeBool> } {
  const verdict = judgeBool(ctx, account, 'public_network_access_enabled', false, 'fail');
  if (verdict.kind === 'ok') return { verdict: 'pass' };
  if (verdict.kind === 'unknown') return { verdict: 'unknown', at: verdict.at, reason: verdict.reason };
  return { verdict: 'fail', attr: verdict };
}

function checkAccount(resource: Located<TfBlock>, ctx: Ctx): void {
  const account = resource.node;
  const name = resourceName(account);
  const pub = publicAccess(account, ctx);
  if (pub.verdict === 'pass') return;

  const inline = nestedBlocks(account, 'network_rules');
  if (inline.length > 0) {
    for (const rules of inline) judgeRules(resource, rules, ctx, pub);
    return;
  }
  const companions = companionsOf(resource, ctx);
  // A network rules resource is judged when it is analysed itself: its findings are not repeated here.
  if (companions.matches.length > 0) return;
  const first = companions.undecided[0];
  if (first !== undefined) {
    ctx.cannotDetermine(account.headerSpan, `${RULES} "${resourceName(first.node)}" may configure this account; its storage account cannot be resolved statically`);
    return;
  }
  if (pub.verdict === 'unknown') {
    ctx.cannotDetermine(pub.at!, pub.reason!);
    return;
  }
  const wrong = pub.attr?.kind === 'wrong' ? pub.attr : undefined;
  if (wrong !== undefined) {
    ctx.report({
      messageId: 'publicEnabled',
      at: wrong.attr.expr.span,
      data: { name, value: valueText(wrong.resolved), origin: originSuffix(wrong.resolved) },
      related: originRelated(wrong.resolved),
    });
    return;
  }
  ctx.report({ messageId: 'noRules', at: account.headerSpan, data: { name } });
}

function checkRulesResource(resource: Located<TfBlock>, ctx: Ctx): void {
  // The account it configures may close its public endpoint altogether.
  const accounts = ctx.module.resourcesOfType(ACCOUNT).filter((a) => companionsOf(a, ctx).matches.some((m) => sameResource(m, resource)));
  let pub: ReturnType<typeof publicAccess> = { verdict: 'fail' };
  for (const account of accounts) {
    const p = publicAccess(account.node, ctx);
    if (p.verdict === 'pass') return;
    if (p.verdict === 'unknown') pub = p;
  }
  judgeRules(resource, resource.node, ctx, pub);
}

function companionsOf(account: Located<TfBlock>, ctx: Ctx): Companions {
  const literal = azureIdLiteral(ctx, account, 'Microsoft.Storage/storageAccounts');
  const byId = findCompanionsJoined(ctx, account, RULES, 'storage_account_id', { literal });
  // azurerm v2: storage_account_name (+ resource_group_name); only for resources without storage_account_id.
  const byName = findCompanionsJoined(ctx, account, RULES, 'storage_account_name', { literal });
  const hasId = (c: Located<TfBlock>): boolean => c.node.attributes.has('storage_account_id');
  return {
    matches: [...byId.matches, ...byName.matches.filter((c) => !hasId(c))],
    undecided: [...byId.undecided, ...byName.undecided.filter((c) => !hasId(c))],
  };
}

/** Judges one rule set: an inline `network_rules` block or an azurerm_storage_account_network_rules resource. */
function judgeRules(resource: Located<TfBlock>, rules: TfBlock, ctx: Ctx, pub: { verdict: Verdict; at?: Span; reason?: string }): void {
  const data = { resource: resourceType(resource.node), name: resourceName(resource.node) };
  const action = rules.attributes.get('default_action');
  if (action === undefined) return; // required argument: a half-typed block is not judged
  const value = ctx.evaluate(action.expr);
  if (!value.known) {
    ctx.cannotDetermine(action.expr.span, `default_action = ${value.text} cannot be resolved statically`);
    return;
  }
  const reports: Parameters<Ctx['report']>[0][] = [];
  const text = value.value === null ? undefined : asString(value.value);
  if (text?.toLowerCase() !== 'deny') {
    reports.push({ messageId: 'allowByDefault', at: action.expr.span, data: { ...data, value: valueText(value), origin: originSuffix(value) }, related: originRelated(value) });
  } else {
    const ipRules = rules.attributes.get('ip_rules');
    if (ipRules !== undefined) {
      const list = listStrings(ctx, ipRules.expr);
      for (const item of list.items.filter((i) => isAllAddresses(i.value))) {
        reports.push({ messageId: 'openIpRule', at: item.at, data: { ...data, cidr: item.value, origin: originSuffix(item.resolved) }, related: originRelated(item.resolved) });
      }
      if (reports.length === 0 && list.unknownAt !== undefined) ctx.cannotDetermine(list.unknownAt, 'ip_rules cannot be resolved statically');
    }
  }
  if (reports.length === 0) return;
  if (pub.verdict === 'unknown') {
    ctx.cannotDetermine(pub.at!, pub.reason!);
    return;
  }
  for (const r of reports) ctx.report(r);
}
