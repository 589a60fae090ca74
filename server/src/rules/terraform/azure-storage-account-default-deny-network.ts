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
 * does). Companions whose account cannot be resolved, and unknown values, are never guessed. A
 * `dynamic "network_rules"` counts only when its `for_each` is known to create the block (an empty
 * `for_each` leaves the account without rules); an unresolvable `for_each` is not guessed.
 *
 * Findings: `default_action = "Allow"` and `/0` ip rules on the value, in the account's inline block
 * or in the network rules resource (judged on its own, not repeated on the account); an account with
 * no rules at `public_network_access_enabled = true` when written, else at its header.
 *
 * Fixes (catalog autofix.safe = false → review): denying by default needs the allowed subnets, IP
 * ranges or private endpoints of your environment, or clients lose access, so they are never invented.
 * - noRules / publicEnabled: an inline `network_rules` block denying by default, letting Azure
 *   services through and allowing the subnets of `var.storage_allowed_subnet_ids` (declared without a
 *   default; a snippet placeholder where the editor supports it). Not offered next to a `dynamic
 *   "network_rules"` block.
 * - allowByDefault: `default_action = "Deny"` in place of a literal; when the rules allow no subnet
 *   or IP range yet, with `virtual_network_subnet_ids = var.storage_allowed_subnet_ids`. Not offered
 *   while ip_rules lists a `/0` range (denying would still let everyone in).
 * - openIpRule: the literal `/0` range replaced with `var.storage_allowed_ip_range`.
 */
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute, insertNestedBlock } from '../../fixes/terraform-edits';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import { azureIdLiteral, findCompanionsJoined, isAllAddresses, judgeBool, listStrings, nestedInstances, replaceLiteral, replaceOpenRange, sameResource, valueText, withUserValues, type Companions } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const ACCOUNT = 'azurerm_storage_account';
const RULES = 'azurerm_storage_account_network_rules';

const messages = {
  noRules: 'azurerm_storage_account "{name}" has no network rules that default to Deny; it is reachable from every network.',
  publicEnabled: 'azurerm_storage_account "{name}" sets public_network_access_enabled = {value}{origin} without network rules that default to Deny; it is reachable from every network.',
  allowByDefault: '{resource} "{name}" sets default_action = {value}{origin}; the storage account is reachable from every network.',
  openIpRule: '{resource} "{name}" lists {cidr}{origin} in ip_rules; denying by default then restricts nothing.',
};
const SUBNETS: UserValue = {
  variable: 'storage_allowed_subnet_ids',
  description: 'IDs of the subnets allowed to reach the storage account (each with the Microsoft.Storage service endpoint)',
  type: 'list(string)',
};
const IP_RANGE: UserValue = { variable: 'storage_allowed_ip_range', description: 'Public IP range (CIDR) allowed to reach the storage account' };
const fixes = {
  addNetworkRules: {
    title: `Add network_rules denying by default, allowing Azure services and subnets you choose (var.${SUBNETS.variable}; clients on other networks lose access)`,
    safety: 'review' as const,
  },
  denyByDefault: { title: 'Set default_action = "Deny" (review: only the subnets and IP ranges the rules list keep access)', safety: 'review' as const },
  denyByDefaultChosenSubnets: { title: `Set default_action = "Deny", allowing subnets you choose (var.${SUBNETS.variable}; clients on other networks lose access)`, safety: 'review' as const },
  restrictIpRule: { title: `Replace the open range with an IP range you choose (var.${IP_RANGE.variable}; clients elsewhere lose access)`, safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;
type Fix = { readonly fixId: keyof typeof fixes; readonly edits: readonly FixEdit[] };

type Verdict = 'pass' | 'fail' | 'unknown';

export default defineTerraformRule({
  id: 'azure-storage-account-default-deny-network',
  resourceTypes: [ACCOUNT, RULES],
  messages,
  fixes,
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

  // A dynamic network_rules counts only when its for_each is known to create the block.
  const inline = nestedInstances(ctx, account, 'network_rules');
  if (inline.present.length > 0) {
    for (const rules of inline.present) judgeRules(resource, rules, ctx, pub);
    return;
  }
  const companions = companionsOf(resource, ctx);
  // A network rules resource is judged when it is analysed itself: its findings are not repeated here.
  if (companions.matches.length > 0) return;
  const maybeInline = inline.uncertain[0];
  if (maybeInline !== undefined) {
    ctx.cannotDetermine(maybeInline.at, maybeInline.reason);
    return;
  }
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
  const fix = addNetworkRules(resource, ctx);
  if (wrong !== undefined) {
    ctx.report({
      messageId: 'publicEnabled',
      at: wrong.attr.expr.span,
      data: { name, value: valueText(wrong.resolved), origin: originSuffix(wrong.resolved) },
      related: originRelated(wrong.resolved),
      ...(fix !== undefined ? { fix } : {}),
    });
    return;
  }
  ctx.report({ messageId: 'noRules', at: account.headerSpan, data: { name }, ...(fix !== undefined ? { fix } : {}) });
}

/** An inline network_rules block denying by default; undefined next to a dynamic one (it may create rules too). */
function addNetworkRules(account: Located<TfBlock>, ctx: Ctx): Fix | undefined {
  if (account.node.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'network_rules')) return undefined;
  const block = insertNestedBlock(account.uri, ctx.text, account.node, [
    'network_rules {',
    '  default_action             = "Deny"',
    '  bypass                     = ["AzureServices"]',
    `  virtual_network_subnet_ids = ${userValueRef(SUBNETS)}`,
    '}',
  ]);
  return { fixId: 'addNetworkRules', edits: withUserValues(ctx, account.uri, [SUBNETS], [block]) };
}

/** `default_action = "Deny"` in place of a literal, with the user's subnets when the rules allow nothing yet. */
function denyByDefault(resource: Located<TfBlock>, rules: TfBlock, ctx: Ctx): Fix | undefined {
  const action = rules.attributes.get('default_action');
  const deny = action === undefined ? undefined : replaceLiteral(resource.uri, action, '"Deny"');
  if (deny === undefined) return undefined;
  // A /0 in ip_rules would still let everyone in (and be reported): that needs the user's range first.
  const ipRules = rules.attributes.get('ip_rules');
  if (ipRules !== undefined && listStrings(ctx, ipRules.expr).items.some((i) => isAllAddresses(i.value))) return undefined;
  const allowsSome = ['ip_rules', 'virtual_network_subnet_ids'].some((a) => rules.attributes.has(a)) || rules.blocks.some((b) => b.type === 'private_link_access');
  if (allowsSome) return { fixId: 'denyByDefault', edits: [deny] };
  const subnets = insertAttribute(resource.uri, ctx.text, rules, 'virtual_network_subnet_ids', userValueRef(SUBNETS));
  // A block written on one line is opened up by the insertion, which then rewrites default_action too.
  if (subnets.span.start < deny.span.end && deny.span.start < subnets.span.end) return undefined;
  return { fixId: 'denyByDefaultChosenSubnets', edits: withUserValues(ctx, resource.uri, [SUBNETS], [deny, subnets]) };
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
    const fix = denyByDefault(resource, rules, ctx);
    reports.push({ messageId: 'allowByDefault', at: action.expr.span, data: { ...data, value: valueText(value), origin: originSuffix(value) }, related: originRelated(value), ...(fix !== undefined ? { fix } : {}) });
  } else {
    const ipRules = rules.attributes.get('ip_rules');
    if (ipRules !== undefined) {
      const list = listStrings(ctx, ipRules.expr);
      for (const item of list.items.filter((i) => isAllAddresses(i.value))) {
        const edits = replaceOpenRange(ctx, resource.uri, item.at, IP_RANGE);
        const fix = edits !== undefined ? { fix: { fixId: 'restrictIpRule' as const, edits } } : {};
        reports.push({ messageId: 'openIpRule', at: item.at, data: { ...data, cidr: item.value, origin: originSuffix(item.resolved) }, related: originRelated(item.resolved), ...fix });
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
