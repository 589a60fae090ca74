/**
 * gcp-firewall-no-public-ssh-rdp
 *
 * Logic (catalog, fail_if_all): a google_compute_firewall fails when
 * - `direction` is INGRESS (absent = INGRESS), and
 * - `source_ranges` contains a range covering every address (`0.0.0.0/0`, `::/0`, any `/0`) — or no
 *   source is given at all (no or empty source_ranges, no source_tags or source_service_accounts), in which case
 *   GCP applies 0.0.0.0/0 to an ingress rule, and
 * - an `allow` block (also `dynamic "allow"`, when its `for_each` is known to create it) with protocol
 *   tcp (or "6") or "all" covers port 22 or 3389, or sets no `ports` (every port). A dynamic block
 *   whose `for_each` cannot be resolved is never reported, only left undecided.
 * Rules with `disabled = true` are not enforced and are skipped. IAP-only source ranges
 * (35.235.240.0/20) never match. Unknown values are never guessed.
 *
 * Findings: on each port element covering 22/3389, or on the `protocol` value when every port is
 * open; the public source range is the related location.
 *
 * Fix: review (catalog autofix.safe = false): the source becomes Google's IAP TCP forwarding range
 * (35.235.240.0/20, a documented fixed range, not a guess), so operators must switch to IAP tunnels
 * first. Offered where `source_ranges` is absent (GCP's implicit 0.0.0.0/0) or a one-line list of
 * string literals: the public ranges are dropped and the IAP range added, the other ranges kept.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute, replaceSpan } from '../../fixes/terraform-edits';
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Related, TerraformContext } from '../types';
import { isAllAddresses, judgeBool, listStrings, nestedInstances, type Evaluator } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const ADMIN_PORTS = [
  [22, 'SSH (22)'],
  [3389, 'RDP (3389)'],
] as const;

const messages = {
  adminPorts: 'google_compute_firewall "{name}" allows {services} from {cidr}{origin}.',
  allPorts: 'google_compute_firewall "{name}" allows {scope}, SSH and RDP included, from {cidr}{origin}.',
};
const IAP_RANGE = '35.235.240.0/20';
const fixes = {
  iapOnly: { title: `Allow SSH and RDP only through Identity-Aware Proxy (source ${IAP_RANGE}; operators must connect through IAP tunnels)`, safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

type Hit = { at: Span; messageId: keyof typeof messages; extra: Record<string, string> };

/** What one allow block opens: SSH/RDP ports (or all ports) it covers, or what cannot be resolved. */
function judgeAllow(allow: TfBlock, ctx: Evaluator): { hits: Hit[]; unknown?: { at: Span; reason: string } } {
  const hits: Hit[] = [];
  const protocolAttr = allow.attributes.get('protocol');
  if (protocolAttr === undefined) return { hits };
  const protocolValue = ctx.evaluate(protocolAttr.expr);
  if (!protocolValue.known) return { hits, unknown: { at: protocolAttr.expr.span, reason: `protocol = ${protocolValue.text} cannot be resolved statically` } };
  const protocol = (asString(protocolValue.value) ?? '').toLowerCase();
  if (protocol === 'all') return { hits: [{ at: protocolAttr.expr.span, messageId: 'allPorts', extra: { scope: 'all traffic' } }] };
  if (protocol !== 'tcp' && protocol !== '6') return { hits }; // SSH and RDP sessions need TCP
  const ports = allow.attributes.get('ports');
  const list = ports === undefined ? undefined : listStrings(ctx, ports.expr);
  if (list === undefined || (list.items.length === 0 && list.unknownAt === undefined)) {
    return { hits: [{ at: protocolAttr.expr.span, messageId: 'allPorts', extra: { scope: 'every TCP port' } }] };
  }
  for (const item of list.items) {
    const covered = ADMIN_PORTS.filter(([port]) => covers(item.value, port));
    if (covered.length > 0) hits.push({ at: item.at, messageId: 'adminPorts', extra: { services: covered.map(([, label]) => label).join(' and ') } });
  }
  if (hits.length === 0 && list.unknownAt !== undefined) return { hits, unknown: { at: list.unknownAt, reason: 'ports cannot be resolved statically' } };
  return { hits };
}

export default defineTerraformRule({
  id: 'gcp-firewall-no-public-ssh-rdp',
  resourceTypes: ['google_compute_firewall'],
  messages,
  fixes,
  check(resource, ctx) {
    const rule = resource.node;
    const name = resourceName(rule);

    const disabled = judgeBool(ctx, rule, 'disabled', false, 'pass');
    if (disabled.kind === 'wrong') return; // not enforced
    const direction = rule.attributes.get('direction');
    if (direction !== undefined) {
      const value = ctx.evaluate(direction.expr);
      if (!value.known) {
        ctx.cannotDetermine(direction.expr.span, `direction = ${value.text} cannot be resolved statically`);
        return;
      }
      if (value.value !== null && asString(value.value)?.toUpperCase() !== 'INGRESS') return;
    }

    const source = publicSource(rule, resource.uri, ctx);
    if (source === undefined) return;

    const hits: Hit[] = [];
    let unknown: { at: Span; reason: string } | undefined;
    const allows = nestedInstances(ctx, rule, 'allow');
    for (const allow of allows.present) {
      const judged = judgeAllow(allow, ctx);
      hits.push(...judged.hits);
      unknown ??= judged.unknown;
    }
    // An allow block that may not exist (dynamic, unresolvable for_each) is not reported, only left undecided.
    for (const maybe of allows.uncertain) {
      const judged = judgeAllow(maybe.content, ctx);
      if (judged.hits.length > 0 || judged.unknown !== undefined) unknown ??= { at: maybe.at, reason: maybe.reason };
    }
    if (hits.length === 0) {
      if (unknown !== undefined) ctx.cannotDetermine(unknown.at, unknown.reason);
      return;
    }
    const fix = iapOnlyFix(resource, ctx);
    for (const hit of hits) {
      ctx.report({ messageId: hit.messageId, at: hit.at, data: { name, cidr: source.cidr, origin: source.origin, ...hit.extra }, related: source.related, ...(fix ? { fix } : {}) });
    }
  },
});

/** The public source of an ingress rule, or undefined (restricted, or not decidable: recorded). */
function publicSource(rule: TfBlock, uri: string, ctx: Ctx): { cidr: string; origin: string; related: Related[] } | undefined {
  const ranges = rule.attributes.get('source_ranges');
  const list: ReturnType<typeof listStrings> = ranges === undefined ? { items: [] } : listStrings(ctx, ranges.expr);
  if (list.items.length === 0 && list.unknownAt === undefined) {
    // No source at all (absent or empty source_ranges, no tags, no service accounts): GCP applies
    // 0.0.0.0/0 to an ingress rule (hashicorp/terraform-provider-google#6789).
    if (rule.attributes.has('source_tags') || rule.attributes.has('source_service_accounts')) return undefined;
    return { cidr: '0.0.0.0/0', origin: ' (no source is set, so GCP uses 0.0.0.0/0)', related: [] };
  }
  const open = list.items.filter((i) => isAllAddresses(i.value));
  if (open.length === 0) {
    if (list.unknownAt !== undefined) ctx.cannotDetermine(list.unknownAt, 'source_ranges cannot be resolved statically');
    return undefined;
  }
  const first = open[0]!;
  return {
    cidr: [...new Set(open.map((o) => o.value.trim()))].join(' and '),
    origin: originSuffix(first.resolved),
    related: open.flatMap((o) => [{ uri, span: o.at, message: `The rule is open to ${o.value.trim()}` }, ...originRelated(o.resolved)]),
  };
}

/**
 * `source_ranges = ["35.235.240.0/20"]` inserted, or a one-line list of string literals rewritten
 * without its public ranges and with the IAP range; undefined for any other form (variables,
 * multi-line lists with comments), which a person edits.
 */
function iapOnlyFix(resource: Located<TfBlock>, ctx: Ctx): { fixId: keyof typeof fixes; edits: FixEdit[] } | undefined {
  const ranges = resource.node.attributes.get('source_ranges');
  if (ranges === undefined) return { fixId: 'iapOnly', edits: [insertAttribute(resource.uri, ctx.text, resource.node, 'source_ranges', `["${IAP_RANGE}"]`)] };
  const expr = ranges.expr;
  if (expr.kind !== 'tuple' || ctx.text.slice(expr.span.start, expr.span.end).includes('\n')) return undefined;
  const kept: string[] = [];
  for (const item of expr.items) {
    if (item.kind !== 'literal' || typeof item.value !== 'string') return undefined;
    if (!isAllAddresses(item.value) && item.value !== IAP_RANGE) kept.push(item.value);
  }
  const list = [...kept, IAP_RANGE].map((v) => JSON.stringify(v)).join(', ');
  return { fixId: 'iapOnly', edits: [replaceSpan(resource.uri, expr.span, `[${list}]`)] };
}

/** "22", "20-30", 22 → whether the port spec includes `port`. */
function covers(spec: string, port: number): boolean {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(spec);
  if (m === null) return false;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= port && port <= to;
}
