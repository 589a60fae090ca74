/**
 * aws-opensearch-audit-logging: an aws_opensearch_domain / aws_elasticsearch_domain has a
 * `log_publishing_options` block with `log_type = "AUDIT_LOGS"`, `enabled` not false (absent is the
 * provider default true) and a `cloudwatch_log_group_arn` (catalog pass_if any_block).
 *
 * Findings: no AUDIT_LOGS block at the resource header; an AUDIT_LOGS block with `enabled = false` at the
 * value; one without `cloudwatch_log_group_arn` at the block header. Blocks whose log_type or enabled
 * cannot be resolved (typically `dynamic "log_publishing_options"` over a variable) are not guessed.
 *
 * Fix: review, only for `enabled = false` written literally (catalog autofix.safe: false: the log group
 * needs a resource policy allowing OpenSearch to write, and audit logs need fine-grained access
 * control). No block is added: the log group ARN is environment-specific.
 */
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { judgeBool, judgePresence, nestedInstances, replaceLiteral, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const AUDIT = 'AUDIT_LOGS';

const messages = {
  missing: '{resource} "{name}" publishes no audit logs (no log_publishing_options with log_type = "AUDIT_LOGS"); reads and searches of indexed data are not recorded.',
  disabled: '{resource} "{name}" sets enabled = {value}{origin} for its AUDIT_LOGS publishing; reads and searches of indexed data are not recorded.',
  noLogGroup: '{resource} "{name}" has an AUDIT_LOGS publishing block without cloudwatch_log_group_arn, so audit logs go nowhere.',
};
const fixes = {
  enable: { title: 'Set enabled = true (the apply fails unless the log group has a resource policy for OpenSearch and fine-grained access control is on)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;
type Unknown = { at: Span; reason: string };

export default defineTerraformRule({
  id: 'aws-opensearch-audit-logging',
  resourceTypes: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  messages,
  fixes,
  check(resource, ctx) {
    const domain = resource.node;
    const data = { resource: resourceType(domain), name: resourceName(domain) };
    const { present, uncertain } = nestedInstances(ctx, domain, 'log_publishing_options');
    const failing: (() => void)[] = [];
    let unknown: Unknown | undefined = uncertain[0];
    for (const block of present) {
      const verdict = judgeAuditBlock(resource, block, data, ctx);
      if (verdict === 'pass') return;
      if (verdict === 'other') continue;
      if ('at' in verdict) unknown ??= verdict;
      else failing.push(verdict.report);
    }
    if (unknown !== undefined) {
      ctx.cannotDetermine(unknown.at, unknown.reason);
      return;
    }
    if (failing.length > 0) {
      for (const report of failing) report();
      return;
    }
    ctx.report({ messageId: 'missing', at: domain.headerSpan, data });
  },
});

/** pass, not an audit block ('other'), cannot tell, or a failing audit block (with its report). */
function judgeAuditBlock(resource: Located<TfBlock>, block: TfBlock, data: Readonly<Record<string, string>>, ctx: Ctx): 'pass' | 'other' | Unknown | { report: () => void } {
  const type = block.attributes.get('log_type');
  if (type === undefined) return 'other'; // a required argument is missing: Terraform rejects the block
  const typeValue = ctx.evaluate(type.expr);
  if (!typeValue.known) return { at: type.expr.span, reason: `log_type = ${typeValue.text} cannot be resolved statically` };
  if (typeValue.value === null || asString(typeValue.value) !== AUDIT) return 'other';

  const enabled = judgeBool(ctx, block, 'enabled', true, 'pass');
  if (enabled.kind === 'unknown') return { at: enabled.at, reason: enabled.reason };
  if (enabled.kind === 'wrong') {
    return {
      report: () => {
        const fix = replaceLiteral(resource.uri, enabled.attr, 'true');
        ctx.report({
          messageId: 'disabled',
          at: enabled.attr.expr.span,
          data: { ...data, value: valueText(enabled.resolved), origin: originSuffix(enabled.resolved) },
          related: originRelated(enabled.resolved),
          ...(fix ? { fix: { fixId: 'enable' as const, edits: [fix] } } : {}),
        });
      },
    };
  }
  const group = judgePresence(ctx, block, 'cloudwatch_log_group_arn');
  if (group.kind === 'unknown') return { at: group.at, reason: group.reason };
  if (group.kind === 'absent') return { report: () => ctx.report({ messageId: 'noLogGroup', at: group.attr?.expr.span ?? block.headerSpan, data }) };
  return 'pass';
}
