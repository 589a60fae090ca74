import { insertAttribute } from '../../fixes/terraform-edits';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { replaceLiteral, valueText } from './helpers';
import { originRelated, originSuffix } from './values';

/**
 * API Gateway custom domains negotiate TLS 1.2 or later:
 *
 * - `aws_api_gateway_domain_name`: `security_policy` is one of the catalog's list (TLS_1_2,
 *   SecurityPolicy_TLS13_1_2_2021_06, SecurityPolicy_TLS13_1_3_2025_09, SecurityPolicy_TLS12_2018_EDGE,
 *   mirroring Checkov CKV_AWS_206); absent fails (catalog: TLS 1.2 is not enforced in code).
 * - `aws_apigatewayv2_domain_name`: every `domain_name_configuration.security_policy` is TLS_1_2
 *   (the provider requires the attribute).
 *
 * Findings at the value, or at the header (v1) when absent. Fix (safe, catalog autofix.safe; in
 * place): insert `security_policy = "TLS_1_2"`, or replace a literal; a value that comes from a
 * variable gets the variable as related location and no fix.
 */

const V1_ALLOWED = ['TLS_1_2', 'SecurityPolicy_TLS13_1_2_2021_06', 'SecurityPolicy_TLS13_1_3_2025_09', 'SecurityPolicy_TLS12_2018_EDGE'];
const V2_ALLOWED = ['TLS_1_2'];

const messages = {
  missing: 'aws_api_gateway_domain_name "{name}" does not set security_policy, so TLS 1.2 is not enforced (API Gateway has long defaulted to TLS_1_0).',
  weak: '{resource} "{name}" uses security_policy = {value}{origin}, which does not enforce TLS 1.2 or later.',
};
const fixes = {
  tls12: { title: 'Set security_policy = "TLS_1_2" (clients limited to TLS 1.0 are refused)', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-apigw-domain-tls12',
  resourceTypes: ['aws_api_gateway_domain_name', 'aws_apigatewayv2_domain_name'],
  messages,
  fixes,
  check(resource, ctx) {
    const domain = resource.node;
    if (resourceType(domain) === 'aws_api_gateway_domain_name') {
      if (!domain.attributes.has('security_policy')) {
        ctx.report({
          messageId: 'missing',
          at: domain.headerSpan,
          data: { name: resourceName(domain) },
          fix: { fixId: 'tls12', edits: [insertAttribute(resource.uri, ctx.text, domain, 'security_policy', '"TLS_1_2"')] },
        });
        return;
      }
      judge(resource, domain, V1_ALLOWED, ctx);
      return;
    }
    for (const configuration of nestedBlocks(domain, 'domain_name_configuration')) {
      if (configuration.attributes.has('security_policy')) judge(resource, configuration, V2_ALLOWED, ctx);
    }
  },
});

function judge(resource: Located<TfBlock>, block: TfBlock, allowed: readonly string[], ctx: Ctx): void {
  const attr = block.attributes.get('security_policy')!;
  const value = ctx.evaluate(attr.expr);
  if (!value.known) {
    ctx.cannotDetermine(attr.expr.span, `security_policy = ${value.text} cannot be resolved statically`);
    return;
  }
  if (typeof value.value === 'string' && allowed.includes(value.value)) return;
  const fix = replaceLiteral(resource.uri, attr, '"TLS_1_2"');
  ctx.report({
    messageId: 'weak',
    at: attr.expr.span,
    data: { resource: resourceType(resource.node), name: resourceName(resource.node), value: valueText(value), origin: originSuffix(value) },
    related: originRelated(value),
    ...(fix ? { fix: { fixId: 'tls12' as const, edits: [fix] } } : {}),
  });
}
