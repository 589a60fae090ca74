/**
 * aws-cloudtrail-cloudwatch-integration: an aws_cloudtrail must set both `cloud_watch_logs_group_arn`
 * and `cloud_watch_logs_role_arn` (catalog: pass_if_all exists, when_missing fail), so its events
 * reach CloudWatch Logs where metric filters and alarms can act on them.
 *
 * Each trail is judged on its own, as the catalog and the equivalent checks do. The catalog also
 * lists aws_cloudwatch_log_group; the rule is dispatched on trails only, because a log group on its
 * own says nothing about delivery (the join the catalog describes, `"${aws_cloudwatch_log_group.x.arn}:*"`,
 * is a reference the rule accepts as "set" whatever the log group looks like).
 *
 * Findings: at the trail header when neither attribute is set (one finding); at the header (or at a
 * `null`/`""` value) when only one of them is set. References, data sources and strings with literal
 * text count as set; unresolvable variables are "cannot determine".
 *
 * Fix: none. The catalog's fix is manual: it needs a log group and an IAM role that
 * cloudtrail.amazonaws.com can assume, which the rule cannot invent.
 */
import type { Span } from '../../model/span';
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Related } from '../types';
import { judgePresence, type Presence } from './helpers';
import { originRelated } from './values';

const GROUP = 'cloud_watch_logs_group_arn';
const ROLE = 'cloud_watch_logs_role_arn';

export default defineTerraformRule({
  id: 'aws-cloudtrail-cloudwatch-integration',
  resourceTypes: ['aws_cloudtrail'],
  messages: {
    missing: 'aws_cloudtrail "{name}" does not deliver to CloudWatch Logs (no cloud_watch_logs_group_arn or cloud_watch_logs_role_arn); its events cannot drive metric filters or alarms.',
    noGroup: 'aws_cloudtrail "{name}" sets cloud_watch_logs_role_arn but not cloud_watch_logs_group_arn; its events do not reach CloudWatch Logs.',
    noRole: 'aws_cloudtrail "{name}" sets cloud_watch_logs_group_arn but not cloud_watch_logs_role_arn; CloudTrail cannot write to the log group.',
  },
  fixes: {},
  check(resource, ctx) {
    const trail = resource.node;
    const name = resourceName(trail);
    const group = judgePresence(ctx, trail, GROUP);
    const role = judgePresence(ctx, trail, ROLE);
    if (group.kind === 'absent' && role.kind === 'absent') {
      ctx.report({ messageId: 'missing', at: trail.headerSpan, data: { name } });
      return;
    }
    for (const [presence, messageId] of [
      [group, 'noGroup'],
      [role, 'noRole'],
    ] as const) {
      if (presence.kind === 'unknown') ctx.cannotDetermine(presence.at, presence.reason);
      else if (presence.kind === 'absent') ctx.report({ messageId, at: where(presence, trail.headerSpan), data: { name }, related: related(presence) });
    }
  },
});

function where(presence: Extract<Presence, { kind: 'absent' }>, header: Span): Span {
  return presence.attr?.expr.span ?? header;
}

function related(presence: Extract<Presence, { kind: 'absent' }>): Related[] {
  return presence.resolved === undefined ? [] : originRelated(presence.resolved);
}
