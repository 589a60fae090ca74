import type { Span } from '../../model/span';
import { UNKNOWN, type Resolved, type Value } from '../../model/terraform/evaluate';
import { nestedBlocks, resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { asNumber, asString, asStringList, originRelated, originSuffix } from './values';

const SSH_PORT = 22;
const ALL_PROTOCOLS = ['-1', 'all'];
const TCP = ['tcp', '6'];

const messages = {
  publicSsh: '{resource} "{name}" allows SSH (port 22) from {cidr}{origin}.',
  publicAllTraffic: '{resource} "{name}" allows all traffic, SSH included, from {cidr}{origin}.',
};
// Catalog autofix.safe: false: the replacement CIDR is environment-specific, so no fix is offered.
type Ctx = TerraformContext<keyof typeof messages, never>;

/** One ingress rule, whatever its syntax: a nested block, an object in `ingress = [...]`, or a resource. */
interface Field {
  readonly span: Span;
  readonly expr?: TfExpr;
  readonly resolved: Resolved;
}
type IngressRule = (name: string) => Field | undefined;

interface Names {
  readonly cidrs: readonly string[];
  readonly protocol: string;
}
const CLASSIC: Names = { cidrs: ['cidr_blocks', 'ipv6_cidr_blocks'], protocol: 'protocol' };
const VPC_RULE: Names = { cidrs: ['cidr_ipv4', 'cidr_ipv6'], protocol: 'ip_protocol' };

export default defineTerraformRule({
  id: 'aws-sg-no-public-ingress-ssh',
  resourceTypes: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  messages,
  fixes: {},
  check(resource, ctx) {
    const block = resource.node;
    switch (resourceType(block)) {
      case 'aws_security_group': {
        for (const ingress of nestedBlocks(block, 'ingress')) checkRule(block, blockRule(ingress, ctx), CLASSIC, ctx);
        const attr = block.attributes.get('ingress'); // `ingress = [{ … }]` (attributes-as-blocks syntax)
        if (attr !== undefined) for (const rule of attributeRules(attr.expr, ctx)) checkRule(block, rule, CLASSIC, ctx);
        return;
      }
      case 'aws_security_group_rule': {
        const type = block.attributes.get('type');
        if (type === undefined) return;
        const value = ctx.evaluate(type.expr);
        if (!value.known) {
          ctx.cannotDetermine(type.expr.span, `type = ${value.text} cannot be resolved statically`);
          return;
        }
        if (value.value !== 'ingress') return;
        checkRule(block, blockRule(block, ctx), CLASSIC, ctx);
        return;
      }
      default:
        checkRule(block, blockRule(block, ctx), VPC_RULE, ctx);
    }
  },
});

function blockRule(block: TfBlock, ctx: Ctx): IngressRule {
  return (name) => {
    const attr = block.attributes.get(name);
    return attr === undefined ? undefined : { span: attr.expr.span, expr: attr.expr, resolved: ctx.evaluate(attr.expr) };
  };
}

/** The rules of `ingress = [...]`: object literals keep their value spans; other values are shown at the item. */
function attributeRules(expr: TfExpr, ctx: Ctx): IngressRule[] {
  const items = expr.kind === 'tuple' ? expr.items : [expr];
  const rules: IngressRule[] = [];
  for (const item of items) {
    if (item.kind === 'object') {
      rules.push((name) => {
        const entry = item.entries.find((e) => e.key === name);
        return entry === undefined ? undefined : { span: entry.value.span, expr: entry.value, resolved: ctx.evaluate(entry.value) };
      });
      continue;
    }
    const resolved = ctx.evaluate(item);
    if (!resolved.known) {
      ctx.cannotDetermine(item.span, `ingress = ${resolved.text} cannot be resolved statically`);
      continue;
    }
    const values: readonly Value[] = item === expr && Array.isArray(resolved.value) ? (resolved.value as readonly Value[]) : [resolved.value];
    for (const value of values) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const object = value as { readonly [key: string]: Value };
      rules.push((name) => {
        if (!(name in object)) return undefined;
        const v = object[name]!;
        const field: Resolved = v === UNKNOWN ? { known: false, text: name } : resolved.origin ? { known: true, value: v, origin: resolved.origin } : { known: true, value: v };
        return { span: item.span, resolved: field };
      });
    }
  }
  return rules;
}

interface Hit {
  readonly at: Span;
  readonly cidr: string;
  readonly resolved: Extract<Resolved, { known: true }>;
}

function checkRule(resource: TfBlock, rule: IngressRule, names: Names, ctx: Ctx): void {
  const hits: Hit[] = [];
  let unknown: { at: Span; reason: string } | undefined;
  for (const name of names.cidrs) {
    const field = rule(name);
    if (field === undefined) continue;
    const found = publicCidrs(field, ctx);
    hits.push(...found.hits);
    if (found.unknown !== undefined) unknown ??= { at: found.unknown, reason: `${name} cannot be resolved statically` };
  }
  if (hits.length === 0) {
    if (unknown !== undefined) ctx.cannotDetermine(unknown.at, unknown.reason);
    return;
  }

  const protocolField = rule(names.protocol);
  const protocol = protocolField === undefined ? undefined : known(protocolField);
  if (protocolField === undefined || protocol === undefined) {
    ctx.cannotDetermine(protocolField?.span ?? resource.headerSpan, `${names.protocol} is missing or cannot be resolved statically`);
    return;
  }
  const p = protocol.toLowerCase();
  let messageId: keyof typeof messages;
  if (ALL_PROTOCOLS.includes(p)) messageId = 'publicAllTraffic';
  else if (!TCP.includes(p)) return; // UDP, ICMP, …: SSH is a TCP service
  else {
    const fromField = rule('from_port');
    const toField = rule('to_port');
    const from = fromField === undefined ? undefined : known(fromField);
    const to = toField === undefined ? undefined : known(toField);
    const fromPort = from === undefined ? undefined : asNumber(from);
    const toPort = to === undefined ? undefined : asNumber(to);
    if (fromPort === undefined || toPort === undefined) {
      ctx.cannotDetermine((fromPort === undefined ? fromField : toField)?.span ?? resource.headerSpan, 'from_port/to_port are missing or cannot be resolved statically');
      return;
    }
    if (fromPort > SSH_PORT || toPort < SSH_PORT) return;
    messageId = 'publicSsh';
  }
  for (const hit of hits) {
    ctx.report({
      messageId,
      at: hit.at,
      data: { resource: resourceType(resource), name: resourceName(resource), cidr: hit.cidr, origin: originSuffix(hit.resolved) },
      related: originRelated(hit.resolved),
    });
  }
}

/** The known scalar value of a field as a string, or undefined. */
function known(field: Field): string | undefined {
  return field.resolved.known ? asString(field.resolved.value) : undefined;
}

/** CIDRs covering every address (`0.0.0.0/0`, `::/0`, any `/0`), at the list element when written as a list. */
function publicCidrs(field: Field, ctx: Ctx): { hits: Hit[]; unknown?: Span } {
  const hits: Hit[] = [];
  let unknown: Span | undefined;
  const visit = (at: Span, resolved: Resolved): void => {
    if (!resolved.known) {
      unknown ??= at;
      return;
    }
    if (resolved.value === null) return; // unset
    const list = asStringList(resolved.value);
    if (!list.complete) unknown ??= at;
    const cidr = list.items.find(isEverywhere);
    if (cidr !== undefined) hits.push({ at, cidr, resolved });
  };
  if (field.expr?.kind === 'tuple') {
    // Each element is evaluated where it is written, so the finding points at it (and at its variable).
    for (const item of field.expr.items) visit(item.span, ctx.evaluate(item));
  } else visit(field.span, field.resolved);
  return unknown === undefined ? { hits } : { hits, unknown };
}

function isEverywhere(cidr: string): boolean {
  return /^[0-9a-fA-F:.]+\/0$/.test(cidr.trim());
}
