import type { FixEdit } from '../../fixes/fix-edit';
import { eolOf, indentOfLine, indentUnitOf } from '../../fixes/text-layout';
import type { Resolved } from '../../model/terraform/evaluate';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { findCompanions, resolveReferencedResource, resourceReference, valueText } from './helpers';
import { asBool, asNumber, asString, originRelated, originSuffix } from './values';

/**
 * Load balancer listeners carry traffic encrypted:
 *
 * - `aws_lb_listener` / `aws_alb_listener`: `protocol` HTTPS or TLS passes; TCP, UDP and TCP_UDP pass
 *   (NLB pass-through, TLS must then end at the target); HTTP passes only when a `default_action` is a
 *   redirect whose `redirect.protocol` is HTTPS. An absent `protocol` is HTTP (the provider default
 *   for Application Load Balancers). Findings: at the `protocol` value (or the header when absent),
 *   or at the redirect's `protocol`. Fix (safe, catalog autofix.safe): replace the default action by a
 *   301 redirect to HTTPS:443, offered only when an HTTPS listener on port 443 of the same load
 *   balancer exists in the module (the catalog's cross-resource precondition); otherwise no fix.
 * - `aws_elb` (Classic): every `listener` uses `lb_protocol` HTTPS or SSL with an ACM certificate
 *   (`ssl_certificate_id`), and an HTTPS/SSL listener has an `aws_load_balancer_listener_policy`
 *   (otherwise the default ELBSecurityPolicy-2016-08, which accepts TLS 1.0, applies). Findings at the
 *   listener's value, or at the listener block. No fix (certificates and policies are environment-specific).
 * - `aws_load_balancer_policy` of type SSLNegotiationPolicyType: a `Reference-Security-Policy` must be
 *   a TLS 1.2 policy (ELBSecurityPolicy-TLS-1-2-*), and no SSLv2/SSLv3/TLS 1.0/TLS 1.1 protocol or
 *   weak cipher (RC4, DES/3DES, NULL, EXPORT, MD5) may be enabled. Findings at the attribute value.
 *
 * The catalog's `aws_lb`/`aws_alb` and `aws_load_balancer_listener_policy` are only joined (load
 * balancer type, listener policies), never judged on their own, so the rule is not dispatched on them.
 */

const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];
const LB_TYPES = ['aws_lb', 'aws_alb'];
const ENCRYPTED = ['HTTPS', 'TLS'];
const PASS_THROUGH = ['TCP', 'UDP', 'TCP_UDP', 'GENEVE'];
const CLASSIC_SECURE = ['https', 'ssl'];
const WEAK_PROTOCOLS = ['Protocol-SSLv2', 'Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'];
const WEAK_CIPHER = /RC4|ARCFOUR|DES|NULL|EXPORT|EXP-|MD5/i;
const ACM_ARN = /^arn:aws[a-z-]*:acm:/;

const messages = {
  plainHttp: '{resource} "{name}" listens on plain HTTP{origin} and does not redirect to HTTPS.',
  defaultHttp: '{resource} "{name}" sets no protocol, so it listens on plain HTTP (the default), and does not redirect to HTTPS.',
  redirectNotHttps: '{resource} "{name}" redirects plain HTTP to protocol {value}{origin} instead of HTTPS.',
  classicPlain: 'aws_elb "{name}" has a listener on port {port} with lb_protocol = {value}{origin}; only HTTPS or SSL encrypt the connection.',
  classicNotAcm: 'aws_elb "{name}" serves port {port} with a certificate that is not from ACM ({value}{origin}).',
  classicDefaultPolicy: 'aws_elb "{name}" has no listener policy for its {protocol} listener on port {port}, so the default ELBSecurityPolicy-2016-08 applies, which accepts TLS 1.0.',
  weakReferencePolicy: 'aws_load_balancer_policy "{name}" references {value}{origin}, which is not a TLS 1.2 policy (ELBSecurityPolicy-TLS-1-2-2017-01).',
  weakProtocol: 'aws_load_balancer_policy "{name}" enables {attribute}{origin}, a deprecated protocol.',
  weakCipher: 'aws_load_balancer_policy "{name}" enables the weak cipher {attribute}{origin}.',
};
const fixes = {
  redirect: { title: 'Redirect to HTTPS on port 443 (an HTTPS listener on 443 exists on this load balancer)', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-lb-listener-https',
  resourceTypes: [...LISTENER_TYPES, 'aws_elb', 'aws_load_balancer_policy'],
  messages,
  fixes,
  check(resource, ctx) {
    switch (resourceType(resource.node)) {
      case 'aws_elb':
        checkClassic(resource, ctx);
        return;
      case 'aws_load_balancer_policy':
        checkNegotiationPolicy(resource.node, ctx);
        return;
      default:
        checkListener(resource, ctx);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// ALB / NLB listeners

function checkListener(resource: Located<TfBlock>, ctx: Ctx): void {
  const listener = resource.node;
  const data = { resource: resourceType(listener), name: resourceName(listener) };
  const attr = listener.attributes.get('protocol');
  const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
  if (attr !== undefined && value !== undefined && !value.known) {
    ctx.cannotDetermine(attr.expr.span, `protocol = ${value.text} cannot be resolved statically`);
    return;
  }
  const explicit = value?.known && value.value !== null ? asString(value.value)?.toUpperCase() : undefined;
  if (explicit === undefined) {
    // No protocol: HTTP on an Application Load Balancer; Network and Gateway listeners are different.
    const lbType = loadBalancerType(ctx, listener);
    if (lbType.kind === 'gateway') return;
    if (lbType.kind === 'network') {
      ctx.cannotDetermine(listener.headerSpan, 'protocol is not set on a Network Load Balancer listener');
      return;
    }
    if (lbType.kind === 'unknown' && !listener.attributes.has('port')) {
      ctx.cannotDetermine(listener.headerSpan, `protocol and port are not set and ${lbType.reason}: it may be a Gateway Load Balancer listener`);
      return;
    }
  }
  const protocol = explicit ?? 'HTTP';
  // HTTPS/TLS encrypt; TCP, UDP, TCP_UDP (NLB pass-through) and GENEVE pass; anything else is not HTTP.
  if (ENCRYPTED.includes(protocol) || PASS_THROUGH.includes(protocol) || protocol !== 'HTTP') return;

  const verdict = judgeRedirect(listener, ctx);
  if (verdict.kind === 'ok') return;
  if (verdict.kind === 'unknown') {
    ctx.cannotDetermine(verdict.at, verdict.reason);
    return;
  }
  const fix = redirectFix(resource, ctx);
  const fixPart = fix === undefined ? {} : { fix: { fixId: 'redirect' as const, edits: [fix] } };
  if (verdict.kind === 'wrongRedirect') {
    ctx.report({
      messageId: 'redirectNotHttps',
      at: verdict.at,
      data: { ...data, value: verdict.value, origin: verdict.resolved ? originSuffix(verdict.resolved) : '' },
      related: verdict.resolved ? originRelated(verdict.resolved) : [],
      ...fixPart,
    });
    return;
  }
  if (attr !== undefined && value !== undefined && value.known && value.value !== null) {
    ctx.report({ messageId: 'plainHttp', at: attr.expr.span, data: { ...data, origin: originSuffix(value) }, related: originRelated(value), ...fixPart });
  } else {
    ctx.report({ messageId: 'defaultHttp', at: listener.headerSpan, data, ...fixPart });
  }
}

type LbType = { kind: 'application' | 'network' | 'gateway' } | { kind: 'unknown'; reason: string };

/** The type of the load balancer a listener belongs to (`load_balancer_type`, default application). */
function loadBalancerType(ctx: Ctx, listener: TfBlock): LbType {
  const arn = listener.attributes.get('load_balancer_arn');
  if (arn === undefined) return { kind: 'unknown', reason: 'load_balancer_arn is not set' };
  const lb = resolveReferencedResource(ctx, arn.expr, LB_TYPES, 'arn');
  if (lb.kind !== 'resource') return { kind: 'unknown', reason: lb.kind === 'unknown' ? lb.reason : `the load balancer ${lb.value} is not declared in this module` };
  const typeAttr = lb.resource.node.attributes.get('load_balancer_type');
  if (typeAttr === undefined) return { kind: 'application' };
  const type = ctx.evaluate(typeAttr.expr);
  if (!type.known) return { kind: 'unknown', reason: `load_balancer_type = ${type.text} cannot be resolved statically` };
  if (type.value === null || type.value === 'application') return { kind: 'application' };
  if (type.value === 'network' || type.value === 'gateway') return { kind: type.value };
  return { kind: 'unknown', reason: `load_balancer_type = ${valueText(type)} is not a known type` };
}

type RedirectVerdict =
  | { kind: 'ok' }
  | { kind: 'unknown'; at: TfExpr['span']; reason: string }
  | { kind: 'noRedirect' }
  | { kind: 'wrongRedirect'; at: TfExpr['span']; value: string; resolved?: Extract<Resolved, { known: true }> };

/** Passes when a default action redirects to HTTPS; a redirect without `protocol` keeps HTTP (`#{protocol}`). */
function judgeRedirect(listener: TfBlock, ctx: Ctx): RedirectVerdict {
  let unknown: RedirectVerdict | undefined;
  let wrong: RedirectVerdict | undefined;
  for (const action of nestedBlocks(listener, 'default_action')) {
    const typeAttr = action.attributes.get('type');
    if (typeAttr === undefined) continue;
    const type = ctx.evaluate(typeAttr.expr);
    if (!type.known) {
      unknown ??= { kind: 'unknown', at: typeAttr.expr.span, reason: `default_action type = ${type.text} cannot be resolved statically` };
      continue;
    }
    if (type.value !== 'redirect') continue;
    for (const redirect of nestedBlocks(action, 'redirect')) {
      const protocolAttr = redirect.attributes.get('protocol');
      if (protocolAttr === undefined) {
        wrong ??= { kind: 'wrongRedirect', at: redirect.headerSpan, value: '"#{protocol}" (the default, HTTP)' };
        continue;
      }
      const protocol = ctx.evaluate(protocolAttr.expr);
      if (!protocol.known) {
        unknown ??= { kind: 'unknown', at: protocolAttr.expr.span, reason: `redirect protocol = ${protocol.text} cannot be resolved statically` };
        continue;
      }
      if (typeof protocol.value === 'string' && protocol.value.toUpperCase() === 'HTTPS') return { kind: 'ok' };
      wrong ??= { kind: 'wrongRedirect', at: protocolAttr.expr.span, value: valueText(protocol), resolved: protocol };
    }
  }
  return unknown ?? wrong ?? { kind: 'noRedirect' };
}

/**
 * Replaces the listener's only `default_action` by a redirect to HTTPS:443, when an HTTPS listener
 * on port 443 of the same load balancer is declared in the module; undefined otherwise.
 */
function redirectFix(resource: Located<TfBlock>, ctx: Ctx): FixEdit | undefined {
  const listener = resource.node;
  const actions = listener.blocks.filter((b) => b.type === 'default_action' || (b.type === 'dynamic' && b.labels[0] === 'default_action'));
  const action = actions[0];
  if (actions.length !== 1 || action === undefined || action.type !== 'default_action') return undefined;
  if (!hasHttpsSibling(resource, ctx)) return undefined;
  const eol = eolOf(ctx.text);
  const unit = indentUnitOf(ctx.text);
  const indent = indentOfLine(ctx.text, action.span.start);
  const lines = ['default_action {', '  type = "redirect"', '', '  redirect {', '    port        = "443"', '    protocol    = "HTTPS"', '    status_code = "HTTP_301"', '  }', '}'];
  const text = lines.map((l, i) => (l === '' ? '' : (i === 0 ? '' : indent) + l.replace(/^( {2})+/, (m) => unit.repeat(m.length / 2)))).join(eol);
  return { uri: resource.uri, span: action.span, newText: text };
}

/** True when another listener of the same load balancer is declared with protocol HTTPS on port 443. */
function hasHttpsSibling(resource: Located<TfBlock>, ctx: Ctx): boolean {
  const own = resource.node.attributes.get('load_balancer_arn');
  if (own === undefined) return false;
  const target = lbIdentity(ctx, own.expr);
  if (target === undefined) return false;
  for (const type of LISTENER_TYPES) {
    for (const other of ctx.module.resourcesOfType(type)) {
      if (other.node === resource.node) continue;
      const arn = other.node.attributes.get('load_balancer_arn');
      if (arn === undefined || lbIdentity(ctx, arn.expr) !== target) continue;
      const protocol = knownAttr(ctx, other.node, 'protocol');
      const port = knownAttr(ctx, other.node, 'port');
      if (protocol !== undefined && asString(protocol)?.toUpperCase() === 'HTTPS' && port !== undefined && asNumber(port) === 443) return true;
    }
  }
  return false;
}

/** `aws_lb.web` for a reference, the literal ARN for a resolved string; undefined when unknown. */
function lbIdentity(ctx: Ctx, expr: TfExpr): string | undefined {
  const ref = resourceReference(expr);
  if (ref !== undefined) return `${ref.type}.${ref.name}`;
  const value = ctx.evaluate(expr);
  return value.known && typeof value.value === 'string' ? `literal:${value.value}` : undefined;
}

function knownAttr(ctx: Ctx, block: TfBlock, name: string): Exclude<Extract<Resolved, { known: true }>['value'], symbol> | undefined {
  const attr = block.attributes.get(name);
  if (attr === undefined) return undefined;
  const value = ctx.evaluate(attr.expr);
  return value.known && typeof value.value !== 'symbol' ? value.value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Classic ELB

function checkClassic(resource: Located<TfBlock>, ctx: Ctx): void {
  const elb = resource.node;
  const name = resourceName(elb);
  for (const listener of nestedBlocks(elb, 'listener')) {
    const protocolAttr = listener.attributes.get('lb_protocol');
    if (protocolAttr === undefined) continue; // required by the provider
    const protocol = ctx.evaluate(protocolAttr.expr);
    if (!protocol.known) {
      ctx.cannotDetermine(protocolAttr.expr.span, `lb_protocol = ${protocol.text} cannot be resolved statically`);
      continue;
    }
    const portAttr = listener.attributes.get('lb_port');
    const portValue = portAttr === undefined ? undefined : ctx.evaluate(portAttr.expr);
    const port = portValue?.known ? (asNumber(portValue.value) ?? undefined) : undefined;
    const portText = port === undefined ? (portAttr === undefined ? '?' : portAttr.expr.kind === 'literal' ? String(portAttr.expr.value) : 'lb_port') : String(port);
    const p = asString(protocol.value)?.toLowerCase();
    if (p === undefined || !CLASSIC_SECURE.includes(p)) {
      ctx.report({
        messageId: 'classicPlain',
        at: protocolAttr.expr.span,
        data: { name, port: portText, value: valueText(protocol), origin: originSuffix(protocol) },
        related: originRelated(protocol),
      });
      continue;
    }
    checkCertificate(listener, name, portText, ctx);
    checkListenerPolicy(resource, listener, port, portText, portAttr === undefined ? undefined : portValue, p.toUpperCase(), ctx);
  }
}

function checkCertificate(listener: TfBlock, name: string, port: string, ctx: Ctx): void {
  const cert = listener.attributes.get('ssl_certificate_id');
  if (cert === undefined) {
    ctx.cannotDetermine(listener.headerSpan, 'an HTTPS/SSL listener without ssl_certificate_id is rejected by the provider');
    return;
  }
  const value = ctx.evaluate(cert.expr);
  if (value.known) {
    const arn = asString(value.value);
    if (arn !== undefined && ACM_ARN.test(arn)) return;
    ctx.report({ messageId: 'classicNotAcm', at: cert.expr.span, data: { name, port, value: valueText(value), origin: originSuffix(value) }, related: originRelated(value) });
    return;
  }
  const ref = resourceReference(cert.expr);
  if (ref !== undefined && /^(data\.)?aws_acm_certificate(_validation)?$/.test(ref.type)) return;
  if (ref !== undefined && /^(data\.)?aws_iam_server_certificate$/.test(ref.type)) {
    ctx.report({ messageId: 'classicNotAcm', at: cert.expr.span, data: { name, port, value: `an IAM server certificate, ${ref.type}.${ref.name}`, origin: '' } });
    return;
  }
  ctx.cannotDetermine(cert.expr.span, `ssl_certificate_id = ${value.text} cannot be resolved statically`);
}

/**
 * An HTTPS/SSL listener without a listener policy negotiates with ELBSecurityPolicy-2016-08 (TLS 1.0+).
 * The policies a listener policy names are judged on their own (aws_load_balancer_policy).
 */
function checkListenerPolicy(resource: Located<TfBlock>, listener: TfBlock, port: number | undefined, portText: string, portValue: Resolved | undefined, protocol: string, ctx: Ctx): void {
  const policies = findCompanions(ctx, resource, 'aws_load_balancer_listener_policy', 'load_balancer_name', 'name');
  const negotiation = findCompanions(ctx, resource, 'aws_lb_ssl_negotiation_policy', 'load_balancer', 'name');
  if (port === undefined) {
    if (policies.matches.length + policies.undecided.length + negotiation.matches.length + negotiation.undecided.length > 0) {
      ctx.cannotDetermine(listener.headerSpan, `lb_port${portValue !== undefined && !portValue.known ? ` = ${portValue.text}` : ''} cannot be resolved statically`);
      return;
    }
  }
  let undecided: string | undefined;
  for (const [companions, portName] of [
    [policies, 'load_balancer_port'],
    [negotiation, 'lb_port'],
  ] as const) {
    const first = companions.undecided[0];
    if (first !== undefined) undecided ??= `${resourceType(first.node)} "${resourceName(first.node)}" may apply to this load balancer`;
    for (const candidate of companions.matches) {
      const attr = candidate.node.attributes.get(portName);
      const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
      if (value === undefined) continue;
      if (!value.known) {
        undecided ??= `${resourceType(candidate.node)} "${resourceName(candidate.node)}" has a port that cannot be resolved statically`;
        continue;
      }
      if (asNumber(value.value) !== port) continue;
      if (portName === 'lb_port') {
        // A custom aws_lb_ssl_negotiation_policy: its attributes are not judged by this rule.
        undecided ??= `aws_lb_ssl_negotiation_policy "${resourceName(candidate.node)}" sets the negotiation policy of this listener`;
        continue;
      }
      const names = candidate.node.attributes.get('policy_names');
      const resolved = names === undefined ? undefined : ctx.evaluate(names.expr);
      if (names === undefined || (resolved?.known === true && (resolved.value === null || (Array.isArray(resolved.value) && resolved.value.length === 0)))) {
        undecided ??= `aws_load_balancer_listener_policy "${resourceName(candidate.node)}" names no policy`;
        continue;
      }
      return; // the listener has a policy; the aws_load_balancer_policy it names is judged on its own
    }
  }
  if (undecided !== undefined) {
    ctx.cannotDetermine(listener.headerSpan, undecided);
    return;
  }
  ctx.report({ messageId: 'classicDefaultPolicy', at: listener.headerSpan, data: { name: resourceName(resource.node), port: portText, protocol } });
}

function checkNegotiationPolicy(policy: TfBlock, ctx: Ctx): void {
  const typeAttr = policy.attributes.get('policy_type_name');
  if (typeAttr === undefined) return;
  const type = ctx.evaluate(typeAttr.expr);
  if (!type.known) {
    ctx.cannotDetermine(typeAttr.expr.span, `policy_type_name = ${type.text} cannot be resolved statically`);
    return;
  }
  if (type.value !== 'SSLNegotiationPolicyType') return;
  const name = resourceName(policy);
  for (const attribute of nestedBlocks(policy, 'policy_attribute')) {
    const nameAttr = attribute.attributes.get('name');
    const valueAttr = attribute.attributes.get('value');
    if (nameAttr === undefined || valueAttr === undefined) continue;
    const key = ctx.evaluate(nameAttr.expr);
    const value = ctx.evaluate(valueAttr.expr);
    if (!key.known || typeof key.value !== 'string') {
      ctx.cannotDetermine(nameAttr.expr.span, 'policy_attribute name cannot be resolved statically');
      continue;
    }
    const attributeName = key.value;
    const relevant = attributeName === 'Reference-Security-Policy' || WEAK_PROTOCOLS.includes(attributeName) || (!attributeName.startsWith('Protocol-') && WEAK_CIPHER.test(attributeName));
    if (!relevant) continue;
    if (!value.known) {
      ctx.cannotDetermine(valueAttr.expr.span, `policy_attribute ${attributeName} = ${value.text} cannot be resolved statically`);
      continue;
    }
    const data = { name, attribute: attributeName, value: valueText(value), origin: originSuffix(value) };
    const related = originRelated(value);
    if (attributeName === 'Reference-Security-Policy') {
      const reference = asString(value.value);
      if (reference === undefined || !/^ELBSecurityPolicy-TLS-1-2-/.test(reference)) ctx.report({ messageId: 'weakReferencePolicy', at: valueAttr.expr.span, data, related });
    } else if (asBool(value.value) === true) {
      ctx.report({ messageId: WEAK_PROTOCOLS.includes(attributeName) ? 'weakProtocol' : 'weakCipher', at: valueAttr.expr.span, data, related });
    }
  }
}
