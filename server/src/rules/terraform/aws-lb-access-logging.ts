import { insertAttribute, insertNestedBlock } from '../../fixes/terraform-edits';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import { nestedBlocks, resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { replaceLiteral, userValueFix, valueText, withUserValues } from './helpers';
import { asBool, originRelated, originSuffix } from './values';

/**
 * Load balancers (`aws_lb`, `aws_alb`, Classic `aws_elb`) write access logs: an `access_logs` block
 * with a `bucket` and `enabled = true`. An absent `enabled` fails for `aws_lb`/`aws_alb` (provider
 * default false) and passes for `aws_elb` (provider default true). Gateway Load Balancers
 * (`load_balancer_type = "gateway"`) are exempt. Findings at the `enabled` value, at the
 * `access_logs` block, or at the resource header when there is no block. Fixes are `review` only
 * (catalog autofix.safe is false; the bucket policy must allow ELB log delivery, otherwise the apply
 * fails): setting/inserting `enabled = true` next to an existing bucket; where the bucket is missing,
 * `bucket = var.lb_access_log_bucket` (with the `access_logs` block when there is none): the bucket is
 * environment-specific, so it is a snippet placeholder where the editor supports it and a variable
 * declared without a default.
 */

const LOG_BUCKET: UserValue = { variable: 'lb_access_log_bucket', description: 'Name of the S3 bucket that receives the load balancer access logs (its bucket policy must allow ELB log delivery)' };

const messages = {
  missing: '{resource} "{name}" has no access_logs block, so requests to it are not logged.',
  notEnabled: '{resource} "{name}" declares access_logs without enabled = true; the provider default is false, so nothing is logged.',
  disabled: '{resource} "{name}" sets access_logs enabled = {value}{origin}, so requests are not logged.',
  noBucket: '{resource} "{name}" declares access_logs without a bucket.',
};
const fixes = {
  enable: { title: 'Set enabled = true in access_logs (the bucket policy must allow ELB log delivery, or the apply fails)', safety: 'review' as const },
  addAccessLogs: { title: 'Log requests to a bucket you choose (var.lb_access_log_bucket; its bucket policy must allow ELB log delivery, or the apply fails)', safety: 'review' as const },
  setBucket: { title: 'Deliver the access logs to a bucket you choose (var.lb_access_log_bucket; its bucket policy must allow ELB log delivery, or the apply fails)', safety: 'review' as const },
};

export default defineTerraformRule({
  id: 'aws-lb-access-logging',
  resourceTypes: ['aws_lb', 'aws_alb', 'aws_elb'],
  messages,
  fixes,
  check(resource, ctx) {
    const lb = resource.node;
    const classic = resourceType(lb) === 'aws_elb';
    const data = { resource: resourceType(lb), name: resourceName(lb) };

    // Exempt: Gateway Load Balancers have no access logs. An unknown type only matters when logging fails.
    let typeUnknown: { at: TfBlock['headerSpan']; reason: string } | undefined;
    const typeAttr = classic ? undefined : lb.attributes.get('load_balancer_type');
    if (typeAttr !== undefined) {
      const type = ctx.evaluate(typeAttr.expr);
      if (type.known && type.value === 'gateway') return;
      if (!type.known) typeUnknown = { at: typeAttr.expr.span, reason: `load_balancer_type = ${type.text} cannot be resolved statically` };
    }
    const failIfKnown = (report: () => void): void => {
      if (typeUnknown !== undefined) ctx.cannotDetermine(typeUnknown.at, typeUnknown.reason);
      else report();
    };

    const blocks = nestedBlocks(lb, 'access_logs');
    if (blocks.length === 0) {
      const edits = withUserValues(ctx, resource.uri, [LOG_BUCKET], [
        insertNestedBlock(resource.uri, ctx.text, lb, ['access_logs {', `  bucket  = ${userValueRef(LOG_BUCKET)}`, '  enabled = true', '}']),
      ]);
      failIfKnown(() => ctx.report({ messageId: 'missing', at: lb.headerSpan, data, fix: { fixId: 'addAccessLogs', edits } }));
      return;
    }
    for (const block of blocks) {
      const bucket = block.attributes.get('bucket');
      const bucketValue = bucket === undefined ? undefined : ctx.evaluate(bucket.expr);
      const hasBucket = bucketValue !== undefined && (!bucketValue.known || (bucketValue.value !== null && bucketValue.value !== ''));
      if (!hasBucket) {
        const edits = userValueFix(ctx, resource.uri, block, 'bucket', LOG_BUCKET);
        failIfKnown(() => ctx.report({ messageId: 'noBucket', at: bucket?.expr.span ?? block.headerSpan, data, ...(edits ? { fix: { fixId: 'setBucket' as const, edits } } : {}) }));
      }

      const enabled = block.attributes.get('enabled');
      if (enabled === undefined) {
        if (classic) continue; // aws_elb: enabled defaults to true
        failIfKnown(() =>
          ctx.report({
            messageId: 'notEnabled',
            at: block.headerSpan,
            data,
            ...(hasBucket ? { fix: { fixId: 'enable' as const, edits: [insertAttribute(resource.uri, ctx.text, block, 'enabled', 'true')] } } : {}),
          }),
        );
        continue;
      }
      const value = ctx.evaluate(enabled.expr);
      if (!value.known) {
        ctx.cannotDetermine(enabled.expr.span, `access_logs enabled = ${value.text} cannot be resolved statically`);
        continue;
      }
      const on = value.value === null ? classic : asBool(value.value);
      if (on === true) continue;
      if (on === undefined) {
        ctx.cannotDetermine(enabled.expr.span, 'access_logs enabled is not a boolean');
        continue;
      }
      const fix = hasBucket ? replaceLiteral(resource.uri, enabled, 'true') : undefined;
      failIfKnown(() =>
        ctx.report({
          messageId: 'disabled',
          at: enabled.expr.span,
          data: { ...data, value: valueText(value), origin: originSuffix(value) },
          related: originRelated(value),
          ...(fix ? { fix: { fixId: 'enable' as const, edits: [fix] } } : {}),
        }),
      );
    }
  },
});
