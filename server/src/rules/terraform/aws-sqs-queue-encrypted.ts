/**
 * aws-sqs-queue-encrypted: an aws_sqs_queue is encrypted at rest: `sqs_managed_sse_enabled = true` or a
 * `kms_master_key_id` (catalog pass_if_any). `sqs_managed_sse_enabled = false` without a key fails. When
 * neither is declared (absent, `null`, or an empty key id) the queue relies on the AWS default (SSE-SQS
 * for queues created since late 2022): the catalog's warn_if, reported one step lower (low).
 *
 * Findings: `sqs_managed_sse_enabled = false` at the value (with the variable/tfvars it came from as
 * related location); the undeclared case at the resource header, at a written `sqs_managed_sse_enabled
 * = null`, or at a written `kms_master_key_id = ""`.
 * A key id or flag that cannot be resolved is not guessed; a reference to a key resource or data source
 * counts as a key.
 *
 * Fix: safe (catalog autofix.safe: true; SSE-SQS is in place, needs no key and no permissions): inserts
 * `sqs_managed_sse_enabled = true` or replaces a literal. Not offered when `kms_master_key_id = ""` is
 * written (the provider rejects both arguments together) or the value comes from a variable.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { insertAttributes, judgeBool, judgePresence, replaceLiteral, valueText } from './helpers';
import { originRelated, originSuffix } from './values';

export default defineTerraformRule({
  id: 'aws-sqs-queue-encrypted',
  resourceTypes: ['aws_sqs_queue'],
  messages: {
    disabled: 'aws_sqs_queue "{name}" sets sqs_managed_sse_enabled = {value}{origin} and has no kms_master_key_id; queued messages are stored unencrypted.',
    notDeclared: 'aws_sqs_queue "{name}" declares no encryption (neither sqs_managed_sse_enabled nor kms_master_key_id); it relies on the AWS default SSE-SQS for new queues.',
    emptyKey: 'aws_sqs_queue "{name}" sets kms_master_key_id = {value}{origin}, which names no key; the queue relies on the AWS default SSE-SQS for new queues.',
  },
  fixes: {
    enable: { title: 'Set sqs_managed_sse_enabled = true (SSE-SQS, in place)', safety: 'safe' },
  },
  check(resource, ctx) {
    const queue = resource.node;
    const name = resourceName(queue);
    const key = judgePresence(ctx, queue, 'kms_master_key_id');
    if (key.kind === 'present') return;
    const sse = judgeBool(ctx, queue, 'sqs_managed_sse_enabled', true, 'fail');
    if (sse.kind === 'ok') return;
    if (key.kind === 'unknown') {
      ctx.cannotDetermine(key.at, key.reason);
      return;
    }
    if (sse.kind === 'unknown') {
      ctx.cannotDetermine(sse.at, sse.reason);
      return;
    }
    // With kms_master_key_id = "" written, adding sqs_managed_sse_enabled conflicts with it.
    const fixable = key.attr === undefined || key.resolved?.value === null;
    if (sse.kind === 'wrong' && sse.resolved.value !== null) {
      const fix = fixable ? replaceLiteral(resource.uri, sse.attr, 'true') : undefined;
      ctx.report({
        messageId: 'disabled',
        at: sse.attr.expr.span,
        data: { name, value: valueText(sse.resolved), origin: originSuffix(sse.resolved) },
        related: originRelated(sse.resolved),
        ...(fix ? { fix: { fixId: 'enable' as const, edits: [fix] } } : {}),
      });
      return;
    }
    // Neither declared (catalog warn_if): shown at a written null/"" when there is one.
    const nullSse = sse.kind === 'wrong' ? sse : undefined;
    const fix = !fixable
      ? undefined
      : nullSse !== undefined
        ? replaceLiteral(resource.uri, nullSse.attr, 'true')
        : insertAttributes(resource.uri, ctx.text, queue, [['sqs_managed_sse_enabled', 'true']]);
    const emptyKey = key.attr !== undefined && key.resolved !== undefined && key.resolved.value !== null ? { attr: key.attr, resolved: key.resolved } : undefined;
    if (emptyKey !== undefined) {
      ctx.report({
        messageId: 'emptyKey',
        at: emptyKey.attr.expr.span,
        data: { name, value: valueText(emptyKey.resolved), origin: originSuffix(emptyKey.resolved) },
        related: originRelated(emptyKey.resolved),
        severity: 'low',
      });
      return;
    }
    ctx.report({
      messageId: 'notDeclared',
      at: nullSse?.attr.expr.span ?? queue.headerSpan,
      data: { name },
      severity: 'low',
      ...(fix ? { fix: { fixId: 'enable' as const, edits: [fix] } } : {}),
    });
  },
});
