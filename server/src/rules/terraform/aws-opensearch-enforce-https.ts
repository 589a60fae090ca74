/**
 * aws-opensearch-enforce-https: an aws_opensearch_domain / aws_elasticsearch_domain declares
 * `domain_endpoint_options { enforce_https = true, tls_security_policy = <TLS 1.2 minimum> }`. Both
 * settings must be written (catalog when_missing: fail, stricter than CKV_AWS_83, which passes a domain
 * without the block: AWS then accepts plain HTTP). Accepted policies: Policy-Min-TLS-1-2-2019-07 and
 * Policy-Min-TLS-1-2-PFS-2023-10 (the catalog's list) and Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08 (a
 * newer TLS 1.2-minimum policy, FIPS ciphers only).
 *
 * Findings: no block at the resource header; settings not declared at the block header (one finding);
 * `enforce_https` other than true and a policy outside the list at the value (with the variable/tfvars
 * they came from as related location). A `dynamic "domain_endpoint_options"` counts only when its
 * for_each is known to produce the block.
 *
 * Fix: safe (catalog autofix.safe: true, in place, no environment value): adds the block, inserts the
 * missing settings or replaces literal values, with Policy-Min-TLS-1-2-PFS-2023-10; values from
 * variables get no fix.
 */
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { insertNestedBlock } from '../../fixes/terraform-edits';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { insertAttributes, judgeBool, nestedInstances, replaceLiteral, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const POLICY = 'Policy-Min-TLS-1-2-PFS-2023-10';
const ALLOWED = ['Policy-Min-TLS-1-2-2019-07', POLICY, 'Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08'];

const messages = {
  missingBlock: '{resource} "{name}" has no domain_endpoint_options block; HTTPS is not enforced on the endpoint and the TLS policy is left to the AWS default.',
  settingsMissing: '{resource} "{name}" does not declare {settings} in domain_endpoint_options; HTTPS with a TLS 1.2 minimum is not evidenced in code.',
  httpAllowed: '{resource} "{name}" sets enforce_https = {value}{origin}; the endpoint accepts plain HTTP.',
  weakPolicy: '{resource} "{name}" sets tls_security_policy = {value}{origin}, which is not a TLS 1.2-minimum policy.',
};
const fixes = {
  requireTls: { title: `Require HTTPS with TLS 1.2 (${POLICY}); HTTP and TLS 1.0/1.1 clients are refused`, safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-opensearch-enforce-https',
  resourceTypes: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  messages,
  fixes,
  check(resource, ctx) {
    const domain = resource.node;
    const data = { resource: resourceType(domain), name: resourceName(domain) };
    const { present, uncertain } = nestedInstances(ctx, domain, 'domain_endpoint_options');
    if (present.length === 0) {
      const maybe = uncertain[0];
      if (maybe !== undefined) {
        ctx.cannotDetermine(maybe.at, maybe.reason);
        return;
      }
      const lines = ['domain_endpoint_options {', '  enforce_https       = true', `  tls_security_policy = "${POLICY}"`, '}'];
      ctx.report({ messageId: 'missingBlock', at: domain.headerSpan, data, fix: { fixId: 'requireTls', edits: [insertNestedBlock(resource.uri, ctx.text, domain, lines)] } });
      return;
    }
    for (const options of present) checkOptions(resource, options, data, ctx);
  },
});

function checkOptions(resource: Located<TfBlock>, options: TfBlock, data: Readonly<Record<string, string>>, ctx: Ctx): void {
  const missing: (readonly [string, string])[] = [];

  const https = judgeBool(ctx, options, 'enforce_https', true, 'fail');
  if (https.kind === 'unknown') ctx.cannotDetermine(https.at, https.reason);
  else if (https.kind === 'missing') missing.push(['enforce_https', 'true']);
  else if (https.kind === 'wrong') {
    const fix = replaceLiteral(resource.uri, https.attr, 'true');
    ctx.report({
      messageId: 'httpAllowed',
      at: https.attr.expr.span,
      data: { ...data, value: valueText(https.resolved), origin: originSuffix(https.resolved) },
      related: originRelated(https.resolved),
      ...(fix ? { fix: { fixId: 'requireTls' as const, edits: [fix] } } : {}),
    });
  }

  const policy = options.attributes.get('tls_security_policy');
  if (policy === undefined) missing.push(['tls_security_policy', `"${POLICY}"`]);
  else {
    const value = ctx.evaluate(policy.expr);
    if (!value.known) ctx.cannotDetermine(policy.expr.span, `tls_security_policy = ${value.text} cannot be resolved statically`);
    else {
      const name = value.value === null ? undefined : asString(value.value);
      if (name === undefined || !ALLOWED.includes(name)) {
        const fix = replaceLiteral(resource.uri, policy, `"${POLICY}"`);
        ctx.report({
          messageId: 'weakPolicy',
          at: policy.expr.span,
          data: { ...data, value: valueText(value), origin: originSuffix(value) },
          related: originRelated(value),
          ...(fix ? { fix: { fixId: 'requireTls' as const, edits: [fix] } } : {}),
        });
      }
    }
  }

  if (missing.length > 0) {
    ctx.report({
      messageId: 'settingsMissing',
      at: options.headerSpan,
      data: { ...data, settings: missing.map(([k]) => k).join(' and ') },
      fix: { fixId: 'requireTls', edits: [insertAttributes(resource.uri, ctx.text, options, missing)] },
    });
  }
}
