import type { FixEdit } from '../../fixes/fix-edit';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import type { Span } from '../../model/span';
import type { TfModule } from '../../model/terraform/module';
import { UNKNOWN, exprText, type Resolved, type Value } from '../../model/terraform/evaluate';
import { resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import type { Related } from '../types';
import { withUserValues } from './helpers';
import { asNumber, asString, asStringList, originRelated, originSuffix } from './values';

/**
 * Security-group ingress rules, whatever their syntax, and the "open to the whole internet" logic the
 * aws-sg-no-public-ingress-* rules share:
 *
 * - `aws_security_group`: nested `ingress` blocks, `dynamic "ingress"` blocks (each element of a
 *   statically known `for_each` is one rule; when `for_each` is unknown, a public rule is not
 *   reported, since the block may have no instance at all) and the attributes-as-blocks form
 *   `ingress = [{ … }]`;
 * - `aws_security_group_rule` with `type = "ingress"`;
 * - `aws_vpc_security_group_ingress_rule` (AWS provider v5: `cidr_ipv4`, `cidr_ipv6`, `ip_protocol`).
 *
 * A rule is public when one of its CIDRs covers every address (any `/0`). Values that cannot be
 * resolved are never guessed: the caller's `cannotDetermine` is told and the rule is skipped.
 */

export const SECURITY_GROUP_TYPES = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'] as const;

/** What the ingress helpers need from a rule context (any message and fix ids). */
export interface IngressContext {
  evaluate(expr: TfExpr): Resolved;
  cannotDetermine(at: Span, reason: string): void;
}

type KnownResolved = Extract<Resolved, { known: true }>;

/** One attribute of an ingress rule: where it is written and its value. */
export interface IngressField {
  readonly span: Span;
  readonly expr?: TfExpr;
  readonly resolved: Resolved;
}

interface Names {
  readonly cidrs: readonly string[];
  readonly protocol: string;
}
const CLASSIC: Names = { cidrs: ['cidr_blocks', 'ipv6_cidr_blocks'], protocol: 'protocol' };
const VPC_RULE: Names = { cidrs: ['cidr_ipv4', 'cidr_ipv6'], protocol: 'ip_protocol' };

/** One ingress rule: a nested block (or one iteration of a `dynamic` block), an object of `ingress = [...]`, or a rule resource. */
export interface IngressRule {
  /** The resource the rule belongs to (findings name it). */
  readonly resource: TfBlock;
  readonly names: Names;
  field(name: string): IngressField | undefined;
  /** Evaluates an expression of this rule, with the `dynamic` iterator bound when it is known. */
  evaluate(expr: TfExpr): Resolved;
  /** Set for the content of a `dynamic` block whose `for_each` cannot be resolved: the rule may not exist at all. */
  readonly uncertain?: { readonly at: Span; readonly reason: string };
}

/** Every ingress rule of a security-group resource (empty for egress rules and other types). */
export function ingressRules(resource: TfBlock, ctx: IngressContext): IngressRule[] {
  switch (resourceType(resource)) {
    case 'aws_security_group': {
      const rules: IngressRule[] = [];
      for (const child of resource.blocks) {
        if (child.type === 'ingress') rules.push(blockRule(resource, child, CLASSIC, (e) => ctx.evaluate(e)));
        else if (child.type === 'dynamic' && child.labels[0] === 'ingress') rules.push(...dynamicRules(resource, child, ctx));
      }
      const attr = resource.attributes.get('ingress'); // `ingress = [{ … }]` (attributes-as-blocks syntax)
      if (attr !== undefined) rules.push(...attributeRules(resource, attr.expr, ctx));
      return rules;
    }
    case 'aws_security_group_rule': {
      const type = resource.attributes.get('type');
      if (type === undefined) return [];
      const value = ctx.evaluate(type.expr);
      if (!value.known) {
        ctx.cannotDetermine(type.expr.span, `type = ${value.text} cannot be resolved statically`);
        return [];
      }
      return value.value === 'ingress' ? [blockRule(resource, resource, CLASSIC, (e) => ctx.evaluate(e))] : [];
    }
    case 'aws_vpc_security_group_ingress_rule':
      return [blockRule(resource, resource, VPC_RULE, (e) => ctx.evaluate(e))];
    default:
      return [];
  }
}

function blockRule(resource: TfBlock, block: TfBlock, names: Names, evaluate: (expr: TfExpr) => Resolved): IngressRule {
  return {
    resource,
    names,
    evaluate,
    field: (name) => {
      const attr = block.attributes.get(name);
      return attr === undefined ? undefined : { span: attr.expr.span, expr: attr.expr, resolved: evaluate(attr.expr) };
    },
  };
}

/** The rules of `ingress = [...]`: object literals keep their value spans; other values are shown at the item. */
function attributeRules(resource: TfBlock, expr: TfExpr, ctx: IngressContext): IngressRule[] {
  const items = expr.kind === 'tuple' ? expr.items : [expr];
  const rules: IngressRule[] = [];
  const evaluate = (e: TfExpr): Resolved => ctx.evaluate(e);
  for (const item of items) {
    if (item.kind === 'object') {
      rules.push({
        resource,
        names: CLASSIC,
        evaluate,
        field: (name) => {
          const entry = item.entries.find((e) => e.key === name);
          return entry === undefined ? undefined : { span: entry.value.span, expr: entry.value, resolved: ctx.evaluate(entry.value) };
        },
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
      const object = asObject(value);
      if (object === undefined) continue;
      rules.push({
        resource,
        names: CLASSIC,
        evaluate,
        field: (name) => (name in object ? { span: item.span, resolved: withOrigin(object[name]!, resolved) } : undefined),
      });
    }
  }
  return rules;
}

/**
 * The rules of a `dynamic "ingress"` block: one per element of a statically known `for_each`, with
 * `<iterator>.value` / `<iterator>.key` bound; otherwise one rule in which the iterator is unknown.
 */
function dynamicRules(resource: TfBlock, dynamic: TfBlock, ctx: IngressContext): IngressRule[] {
  const contents = dynamic.blocks.filter((b) => b.type === 'content');
  const iteratorAttr = dynamic.attributes.get('iterator');
  const iterator = iteratorAttr?.expr.kind === 'reference' && iteratorAttr.expr.path.length === 1 ? exprText(iteratorAttr.expr) : 'ingress';
  const forEach = dynamic.attributes.get('for_each');
  const resolved = forEach === undefined ? undefined : ctx.evaluate(forEach.expr);
  const rules: IngressRule[] = [];
  for (const content of contents) {
    if (resolved === undefined || !resolved.known || resolved.value === null || typeof resolved.value !== 'object') {
      const at = forEach?.expr.span ?? dynamic.headerSpan;
      const reason = `dynamic "ingress" for_each${resolved !== undefined && !resolved.known ? ` = ${resolved.text}` : ''} cannot be resolved statically`;
      rules.push({ ...blockRule(resource, content, CLASSIC, bound(ctx, iterator, undefined, undefined)), uncertain: { at, reason } });
      continue;
    }
    for (const [key, value] of elements(resolved.value)) {
      rules.push(blockRule(resource, content, CLASSIC, bound(ctx, iterator, { key, value }, resolved)));
    }
  }
  return rules;
}

/** The (key, value) pairs `for_each` iterates: list/set elements (keyed by index) or map entries. */
function elements(value: Value): [Value, Value][] {
  if (Array.isArray(value)) return (value as readonly Value[]).map((v, i) => [i, v]);
  if (value === UNKNOWN || value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, Value>);
}

/** An evaluator in which `<iterator>.key` / `<iterator>.value` are bound (or unknown when `binding` is undefined). */
function bound(ctx: IngressContext, iterator: string, binding: { key: Value; value: Value } | undefined, source: Resolved | undefined): (expr: TfExpr) => Resolved {
  return (expr) => {
    if (!mentions(expr, iterator)) return ctx.evaluate(expr);
    const value = binding === undefined ? UNKNOWN : evalBound(expr, ctx, iterator, binding);
    if (value === UNKNOWN) return { known: false, text: exprText(expr) };
    return source?.known && source.origin !== undefined ? { known: true, value, origin: source.origin } : { known: true, value };
  };
}

function evalBound(expr: TfExpr, ctx: IngressContext, iterator: string, binding: { key: Value; value: Value }): Value {
  if (!mentions(expr, iterator)) {
    const r = ctx.evaluate(expr);
    return r.known ? r.value : UNKNOWN;
  }
  switch (expr.kind) {
    case 'reference': {
      const [, which, ...rest] = expr.path;
      if (which === undefined || !('name' in which) || (which.name !== 'value' && which.name !== 'key')) return UNKNOWN;
      let value: Value = which.name === 'key' ? binding.key : binding.value;
      for (const step of rest) {
        if ('splat' in step || 'computed' in step) return UNKNOWN;
        const key = 'name' in step ? step.name : step.index;
        if (Array.isArray(value)) value = (value as readonly Value[])[Number(key)] ?? UNKNOWN;
        else {
          const object = asObject(value);
          value = object === undefined ? UNKNOWN : (object[String(key)] ?? UNKNOWN);
        }
      }
      return value;
    }
    case 'tuple':
      return expr.items.map((item) => evalBound(item, ctx, iterator, binding));
    case 'template': {
      const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
      if (only !== undefined && typeof only !== 'string') return evalBound(only, ctx, iterator, binding);
      let out = '';
      for (const part of expr.parts) {
        const v = typeof part === 'string' ? part : evalBound(part, ctx, iterator, binding);
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return UNKNOWN;
        out += String(v);
      }
      return out;
    }
    case 'call': {
      const args = expr.args.map((a) => evalBound(a, ctx, iterator, binding));
      if (expr.name === 'lookup' && (args.length === 2 || args.length === 3)) {
        const object = asObject(args[0]!);
        const key = args[1];
        if (object === undefined || typeof key !== 'string') return UNKNOWN;
        return key in object ? object[key]! : args.length === 3 ? args[2]! : UNKNOWN;
      }
      if ((expr.name === 'tolist' || expr.name === 'toset') && args.length === 1 && Array.isArray(args[0])) return args[0]!;
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** True when `expr` refers to the iterator anywhere. */
function mentions(expr: TfExpr, iterator: string): boolean {
  switch (expr.kind) {
    case 'reference': {
      const first = expr.path[0];
      return first !== undefined && 'name' in first && first.name === iterator;
    }
    case 'tuple':
      return expr.items.some((i) => mentions(i, iterator));
    case 'object':
      return expr.entries.some((e) => mentions(e.value, iterator));
    case 'template':
      return expr.parts.some((p) => typeof p !== 'string' && mentions(p, iterator));
    case 'call':
      return expr.args.some((a) => mentions(a, iterator));
    case 'conditional':
      return mentions(expr.condition, iterator) || mentions(expr.then, iterator) || mentions(expr.otherwise, iterator);
    case 'operation':
      return expr.operands.some((o) => mentions(o, iterator));
    case 'for':
    case 'other':
      return new RegExp(`(^|[^\\w.])${iterator}\\.`).test(expr.text);
    case 'literal':
      return false;
  }
}

function asObject(value: Value): { readonly [key: string]: Value } | undefined {
  return value !== null && value !== UNKNOWN && typeof value === 'object' && !Array.isArray(value) ? (value as { readonly [key: string]: Value }) : undefined;
}

function withOrigin(value: Value, source: KnownResolved): Resolved {
  if (value === UNKNOWN) return { known: false, text: 'value' };
  return source.origin ? { known: true, value, origin: source.origin } : { known: true, value };
}

// ---------------------------------------------------------------------------------------------
// Public sources, protocol and ports

/** A CIDR covering every address, where it is written (the list element when written as a list). */
export interface PublicSource {
  readonly at: Span;
  readonly cidr: string;
  readonly resolved: KnownResolved;
}

/** What a public rule lets in: every protocol and port, or a TCP/UDP port range. */
export type Reach = { readonly kind: 'all-traffic' } | { readonly kind: 'ports'; readonly protocol: 'tcp' | 'udp'; readonly from: number; readonly to: number };

export interface PublicIngress {
  readonly rule: IngressRule;
  readonly sources: readonly PublicSource[];
  readonly reach: Reach;
}

const ALL_PROTOCOLS = ['-1', 'all'];
const PROTOCOL_NAMES: Readonly<Record<string, 'tcp' | 'udp'>> = { tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp' };

/**
 * The ingress rules of `resource` that are open to every address, with what they let in. Only
 * all-traffic rules and TCP/UDP rules of the given `protocols` are returned (a UDP rule is not
 * examined by a TCP-only check, so its unknown ports do not matter). Unknown CIDRs, protocols or
 * ports are told to `cannotDetermine`.
 */
export function publicIngress(resource: TfBlock, ctx: IngressContext, protocols: readonly ('tcp' | 'udp')[]): PublicIngress[] {
  const out: PublicIngress[] = [];
  for (const rule of ingressRules(resource, ctx)) {
    const found = judgeRule(rule, protocols);
    if (found.kind === 'public' && rule.uncertain !== undefined) ctx.cannotDetermine(rule.uncertain.at, rule.uncertain.reason); // maybe zero instances
    else if (found.kind === 'public') out.push({ rule, sources: found.sources, reach: found.reach });
    else if (found.kind === 'unknown') ctx.cannotDetermine(found.at, found.reason);
  }
  return out;
}

type RuleVerdict = { kind: 'public'; sources: PublicSource[]; reach: Reach } | { kind: 'unknown'; at: Span; reason: string } | { kind: 'not-public' };

function judgeRule(rule: IngressRule, protocols: readonly ('tcp' | 'udp')[]): RuleVerdict {
  const sources: PublicSource[] = [];
  let unknown: { at: Span; reason: string } | undefined;
  for (const name of rule.names.cidrs) {
    const field = rule.field(name);
    if (field === undefined) continue;
    const found = publicCidrs(field, rule);
    sources.push(...found.sources);
    if (found.unknown !== undefined) unknown ??= { at: found.unknown, reason: `${name} cannot be resolved statically` };
  }
  if (sources.length === 0) return unknown === undefined ? { kind: 'not-public' } : { kind: 'unknown', ...unknown };

  const protocolField = rule.field(rule.names.protocol);
  const protocol = protocolField === undefined ? undefined : knownString(protocolField);
  if (protocolField === undefined || protocol === undefined) {
    return { kind: 'unknown', at: protocolField?.span ?? rule.resource.headerSpan, reason: `${rule.names.protocol} is missing or cannot be resolved statically` };
  }
  const p = protocol.trim().toLowerCase();
  if (ALL_PROTOCOLS.includes(p)) return { kind: 'public', sources, reach: { kind: 'all-traffic' } };
  const named = PROTOCOL_NAMES[p];
  if (named === undefined || !protocols.includes(named)) return { kind: 'not-public' }; // ICMP, ESP, …, or a protocol the check ignores

  const fromField = rule.field('from_port');
  const toField = rule.field('to_port');
  const from = fromField === undefined ? undefined : knownNumber(fromField);
  const to = toField === undefined ? undefined : knownNumber(toField);
  if (from === undefined || to === undefined) {
    return {
      kind: 'unknown',
      at: (from === undefined ? fromField : toField)?.span ?? rule.resource.headerSpan,
      reason: 'from_port/to_port are missing or cannot be resolved statically',
    };
  }
  return { kind: 'public', sources, reach: { kind: 'ports', protocol: named, from, to } };
}

/** True when a port range of `reach` includes `port` for one of `protocols` (all traffic includes every port). */
export function reachesPort(reach: Reach, port: number, protocols: readonly ('tcp' | 'udp')[]): boolean {
  if (reach.kind === 'all-traffic') return true;
  return protocols.includes(reach.protocol) && reach.from <= port && port <= reach.to;
}

function knownString(field: IngressField): string | undefined {
  return field.resolved.known ? asString(field.resolved.value) : undefined;
}

function knownNumber(field: IngressField): number | undefined {
  return field.resolved.known ? asNumber(field.resolved.value) : undefined;
}

/** CIDRs covering every address (`0.0.0.0/0`, `::/0`, any `/0`), at the list element when written as a list. */
function publicCidrs(field: IngressField, rule: IngressRule): { sources: PublicSource[]; unknown?: Span } {
  const sources: PublicSource[] = [];
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
    if (cidr !== undefined) sources.push({ at, cidr, resolved });
  };
  if (field.expr?.kind === 'tuple') {
    // Each element is evaluated where it is written, so the finding points at it (and at its variable).
    for (const item of field.expr.items) visit(item.span, rule.evaluate(item));
  } else visit(field.span, field.resolved);
  return unknown === undefined ? { sources } : { sources, unknown };
}

/** True for a CIDR whose prefix length is 0: it covers every IPv4 or IPv6 address. */
export function isEverywhere(cidr: string): boolean {
  return /^[0-9a-fA-F:.]+\/0$/.test(cidr.trim());
}

// ---------------------------------------------------------------------------------------------
// Reporting

/** What a rule reports for one public source: message id and extra message data. */
export interface IngressFinding<M extends string> {
  readonly ingress: PublicIngress;
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string>>;
}

interface Reporter<M extends string, F extends string> {
  readonly text: string;
  readonly module: TfModule;
  report(report: { messageId: M; at: Span; data: Readonly<Record<string, string>>; related: readonly Related[]; fix?: { fixId: F; edits: readonly FixEdit[] } }): void;
}

/**
 * The fix that replaces a public IPv4 source written here (`"0.0.0.0/0"`, in a list or alone) with a
 * range only the user can choose (`var.<name>`, declared without a default; a snippet placeholder where
 * the editor supports it). Offered for the port-specific findings only: restricting an all-traffic
 * rule to the SSH range would misname it. IPv6 sources and values from variables get no fix.
 */
export interface PublicSourceFix<M extends string, F extends string> {
  readonly uri: string;
  readonly fixId: F;
  readonly messageIds: readonly M[];
  readonly value: UserValue;
}

/**
 * Reports each public source of each finding at the source (the CIDR, or the list element), with
 * `{resource}`, `{name}`, `{cidr}` and `{origin}` filled in. A source shown once per message is not
 * shown again (several iterations of one `dynamic` block share the same attribute).
 */
export function reportPublicSources<M extends string, F extends string = never>(ctx: Reporter<M, F>, findings: readonly IngressFinding<M>[], fix?: PublicSourceFix<M, F>): void {
  const seen = new Set<string>();
  for (const finding of findings) {
    for (const source of finding.ingress.sources) {
      const key = `${finding.messageId}@${source.at.start}-${source.at.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const resource = finding.ingress.rule.resource;
      const fixable = fix !== undefined && fix.messageIds.includes(finding.messageId) && ctx.text.slice(source.at.start, source.at.end) === '"0.0.0.0/0"';
      ctx.report({
        messageId: finding.messageId,
        at: source.at,
        data: { resource: resourceType(resource), name: resourceName(resource), cidr: source.cidr, origin: originSuffix(source.resolved), ...finding.data },
        related: originRelated(source.resolved),
        ...(fixable ? { fix: { fixId: fix.fixId, edits: withUserValues(ctx, fix.uri, [fix.value], [{ uri: fix.uri, span: source.at, newText: userValueRef(fix.value) }]) } } : {}),
      });
    }
  }
}
