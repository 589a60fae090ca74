/**
 * aws-redshift-audit-logging: a Redshift cluster has audit logging, through the legacy inline
 * `logging { enable = true }` block or an aws_redshift_logging resource (AWS provider v5, 2024 on) that
 * points at it (catalog pass_if_any).
 *
 * - aws_redshift_cluster: passes with an inline block enabling logging or a matching aws_redshift_logging
 *   anywhere in the module (by `cluster_identifier = aws_redshift_cluster.<name>.id` / `.cluster_identifier`,
 *   or by the literal identifier). Otherwise `enable = false` is reported at the value, an inline block
 *   without `enable` at the block header, and no logging at all at the resource header. An
 *   aws_redshift_logging whose cluster cannot be resolved may cover the cluster: not judged.
 * - aws_redshift_logging: judged on its own: `log_destination_type` must be s3 or cloudwatch (absent passes).
 *
 * Fix: review only (catalog autofix.safe: false, the destination is a decision): for a cluster without
 * any logging, adds an aws_redshift_logging exporting the connection, user and user-activity logs to
 * CloudWatch, mirroring count/for_each. No fix for an inline block (enabling it needs an S3 bucket, and
 * mixing it with aws_redshift_logging makes the two fight over the same setting).
 */
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { findCompanions, insertCompanionAfter, judgeBool, nestedInstances, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const COMPANION = 'aws_redshift_logging';
const DESTINATIONS = ['s3', 'cloudwatch'];

const messages = {
  missing: 'aws_redshift_cluster "{name}" has no audit logging: no logging block enables it and no aws_redshift_logging refers to it.',
  enableMissing: 'aws_redshift_cluster "{name}" has a logging block without enable, so audit logging is not turned on.',
  disabled: 'aws_redshift_cluster "{name}" sets logging enable = {value}{origin}, and no aws_redshift_logging refers to it; connections and queries are not audited.',
  badDestination: 'aws_redshift_logging "{name}" sets log_destination_type = {value}{origin}, which is neither s3 nor cloudwatch.',
};
const fixes = {
  addLogging: { title: `Add an ${COMPANION} sending connection, user and user-activity logs to CloudWatch (new log groups without expiry: volume and cost grow; review the destination)`, safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-redshift-audit-logging',
  resourceTypes: ['aws_redshift_cluster', COMPANION],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === COMPANION) checkCompanion(resource, ctx);
    else checkCluster(resource, ctx);
  },
});

function checkCluster(resource: Located<TfBlock>, ctx: Ctx): void {
  const cluster = resource.node;
  const name = resourceName(cluster);
  const inline = nestedInstances(ctx, cluster, 'logging');
  const verdicts = inline.present.map((block) => ({ block, verdict: judgeBool(ctx, block, 'enable', true, 'fail') }));
  if (verdicts.some((v) => v.verdict.kind === 'ok')) return;
  const { matches, undecided } = findCompanions(ctx, resource, COMPANION, 'cluster_identifier', 'cluster_identifier');
  if (matches.length > 0) return;
  const other = undecided[0];
  if (other !== undefined) {
    ctx.cannotDetermine(cluster.headerSpan, `${COMPANION} "${resourceName(other.node)}" may configure this cluster; its cluster_identifier cannot be resolved statically`);
    return;
  }
  for (const { verdict } of verdicts) {
    if (verdict.kind === 'unknown') {
      ctx.cannotDetermine(verdict.at, verdict.reason);
      return;
    }
  }
  const maybe = inline.uncertain[0];
  if (maybe !== undefined) {
    ctx.cannotDetermine(maybe.at, maybe.reason);
    return;
  }
  if (verdicts.length === 0) {
    ctx.report({
      messageId: 'missing',
      at: cluster.headerSpan,
      data: { name },
      fix: {
        fixId: 'addLogging',
        edits: [
          insertCompanionAfter(ctx, resource, COMPANION, [['log_destination_type', '"cloudwatch"'], ['log_exports', '["connectionlog", "userlog", "useractivitylog"]']], [], 'cluster_identifier'),
        ],
      },
    });
    return;
  }
  for (const { block, verdict } of verdicts) {
    if (verdict.kind === 'missing') ctx.report({ messageId: 'enableMissing', at: block.headerSpan, data: { name } });
    else if (verdict.kind === 'wrong') {
      ctx.report({
        messageId: 'disabled',
        at: verdict.attr.expr.span,
        data: { name, value: valueText(verdict.resolved), origin: originSuffix(verdict.resolved) },
        related: originRelated(verdict.resolved),
      });
    }
  }
}

function checkCompanion(resource: Located<TfBlock>, ctx: Ctx): void {
  const attr = resource.node.attributes.get('log_destination_type');
  if (attr === undefined) return; // catalog when_missing: pass
  const value = ctx.evaluate(attr.expr);
  if (!value.known) {
    ctx.cannotDetermine(attr.expr.span, `log_destination_type = ${value.text} cannot be resolved statically`);
    return;
  }
  if (value.value === null) return;
  const destination = asString(value.value);
  if (destination !== undefined && DESTINATIONS.includes(destination)) return;
  ctx.report({
    messageId: 'badDestination',
    at: attr.expr.span,
    data: { name: resourceName(resource.node), value: valueText(value), origin: originSuffix(value) },
    related: originRelated(value),
  });
}
