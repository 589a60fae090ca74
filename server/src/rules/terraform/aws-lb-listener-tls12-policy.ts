import { insertAttribute } from '../../fixes/terraform-edits';
import { resourceName, resourceType } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { replaceLiteral, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

/**
 * HTTPS and TLS listeners (`aws_lb_listener`, `aws_alb_listener`) use an `ssl_policy` whose minimum
 * is TLS 1.2: the catalog's allow-list `^ELBSecurityPolicy-(TLS13-1-2-|TLS13-1-3-|TLS-1-2-|FS-1-2-)`.
 * Checkov CKV_AWS_103 accepts every `ELBSecurityPolicy-TLS13*`, including the TLS13-1-0/1-1
 * compatibility policies: this rule is stricter on purpose (catalog NOTES §7). Listeners of another
 * protocol (or none: HTTP) are not concerned; an unknown protocol is judged only when the policy
 * would fail. Findings at the `ssl_policy` value, or at the header when it is absent (listeners
 * created through the API then get ELBSecurityPolicy-2016-08). Fix (safe, catalog autofix.safe):
 * insert or replace a literal with "ELBSecurityPolicy-TLS13-1-2-2021-06" (in place); a policy that
 * comes from a variable gets the variable as related location and no fix.
 */

const ALLOWED = /^ELBSecurityPolicy-(TLS13-1-2-|TLS13-1-3-|TLS-1-2-|FS-1-2-)/;
const RECOMMENDED = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export default defineTerraformRule({
  id: 'aws-lb-listener-tls12-policy',
  resourceTypes: ['aws_lb_listener', 'aws_alb_listener'],
  messages: {
    missing: '{resource} "{name}" is a {protocol} listener without ssl_policy; listeners created through the API then use ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1.',
    weak: '{resource} "{name}" uses ssl_policy = {value}{origin}, which does not require TLS 1.2 or later.',
  },
  fixes: {
    setPolicy: { title: `Use ssl_policy = "${RECOMMENDED}" (clients limited to TLS 1.0/1.1 are refused)`, safety: 'safe' },
  },
  check(resource, ctx) {
    const listener = resource.node;
    const data = { resource: resourceType(listener), name: resourceName(listener) };
    const protocolAttr = listener.attributes.get('protocol');
    if (protocolAttr === undefined) return; // HTTP (ALB default) or a Gateway listener: no TLS policy
    const protocol = ctx.evaluate(protocolAttr.expr);
    const p = protocol.known && protocol.value !== null ? asString(protocol.value)?.toUpperCase() : undefined;
    if (protocol.known && (p === undefined || !['HTTPS', 'TLS'].includes(p))) return;

    const policyAttr = listener.attributes.get('ssl_policy');
    const policy = policyAttr === undefined ? undefined : ctx.evaluate(policyAttr.expr);
    if (policyAttr !== undefined && policy !== undefined && !policy.known) {
      ctx.cannotDetermine(policyAttr.expr.span, `ssl_policy = ${policy.text} cannot be resolved statically`);
      return;
    }
    const name = policy?.known && policy.value !== null ? asString(policy.value) : undefined;
    if (name !== undefined && ALLOWED.test(name)) return;
    if (!protocol.known) {
      ctx.cannotDetermine(protocolAttr.expr.span, `protocol = ${protocol.text} cannot be resolved statically`);
      return;
    }
    if (policyAttr === undefined || policy === undefined || !policy.known) {
      ctx.report({
        messageId: 'missing',
        at: listener.headerSpan,
        data: { ...data, protocol: p! },
        fix: { fixId: 'setPolicy', edits: [insertAttribute(resource.uri, ctx.text, listener, 'ssl_policy', `"${RECOMMENDED}"`)] },
      });
      return;
    }
    const fix = replaceLiteral(resource.uri, policyAttr, `"${RECOMMENDED}"`);
    ctx.report({
      messageId: 'weak',
      at: policyAttr.expr.span,
      data: { ...data, value: valueText(policy), origin: originSuffix(policy) },
      related: originRelated(policy),
      ...(fix ? { fix: { fixId: 'setPolicy' as const, edits: [fix] } } : {}),
    });
  },
});
