/**
 * aws-cloudtrail-kms-encryption: an aws_cloudtrail must set `kms_key_id` (catalog: exists,
 * when_missing fail), so log files are encrypted with SSE-KMS under a customer managed key instead of
 * the default SSE-S3.
 *
 * Findings: an absent attribute at the trail header; `null` or `""` at the value. A reference to a
 * key or a data source counts as set; a variable that cannot be resolved is "cannot determine".
 *
 * Fix: none. The catalog marks the fix unsafe: the key has to exist and its policy must let
 * cloudtrail.amazonaws.com call GenerateDataKey* (and readers Decrypt), or log delivery stops. The
 * rule never inserts a key ARN it would have to invent.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { judgePresence, valueText } from './helpers';
import { originRelated, originSuffix } from './values';

export default defineTerraformRule({
  id: 'aws-cloudtrail-kms-encryption',
  resourceTypes: ['aws_cloudtrail'],
  messages: {
    missing: 'aws_cloudtrail "{name}" does not set kms_key_id; its log files are encrypted only with S3-managed keys, outside a customer managed key policy.',
    empty: 'aws_cloudtrail "{name}" sets kms_key_id = {value}{origin}; its log files are not encrypted with a customer managed KMS key.',
  },
  fixes: {},
  check(resource, ctx) {
    const trail = resource.node;
    const name = resourceName(trail);
    const presence = judgePresence(ctx, trail, 'kms_key_id');
    if (presence.kind === 'unknown') ctx.cannotDetermine(presence.at, presence.reason);
    else if (presence.kind === 'absent') {
      if (presence.attr === undefined || presence.resolved === undefined) ctx.report({ messageId: 'missing', at: trail.headerSpan, data: { name } });
      else
        ctx.report({
          messageId: 'empty',
          at: presence.attr.expr.span,
          data: { name, value: valueText(presence.resolved), origin: originSuffix(presence.resolved) },
          related: originRelated(presence.resolved),
        });
    }
  },
});
