import { insertAttribute } from '../../fixes/terraform-edits';
import { resourceName, resourceType } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { replaceLiteral, valueText } from './helpers';
import { asBool, asString, originRelated, originSuffix } from './values';

/**
 * ElastiCache replication groups set `at_rest_encryption_enabled = true`. Absent means false for the
 * Redis OSS engine (the default engine); for Valkey the API default is true, so an absent attribute is
 * the catalog's softer outcome (reported one step lower, medium: encrypted, but not declared). An
 * unknown engine with the attribute absent is not judged. Members of a Global Datastore
 * (`global_replication_group_id`) inherit the primary's setting and are not judged.
 * `aws_elasticache_serverless_cache` is always encrypted at rest and passes.
 * Findings at the value, or at the header when absent. Fixes are `review`: enabling encryption
 * replaces an existing replication group (catalog autofix.safe is false); declaring it on Valkey
 * changes nothing. No KMS key is inserted (the AWS managed key is used; a customer key is
 * environment-specific).
 */

export default defineTerraformRule({
  id: 'aws-elasticache-encryption-at-rest',
  resourceTypes: ['aws_elasticache_replication_group', 'aws_elasticache_serverless_cache'],
  messages: {
    missing: 'aws_elasticache_replication_group "{name}" does not set at_rest_encryption_enabled; the Redis OSS default leaves data on disk and in backups unencrypted.',
    valkeyDefault: 'aws_elasticache_replication_group "{name}" relies on the Valkey default for encryption at rest; declare at_rest_encryption_enabled = true.',
    disabled: 'aws_elasticache_replication_group "{name}" has at_rest_encryption_enabled = {value}{origin}; data on disk and in backups is unencrypted.',
  },
  fixes: {
    enable: { title: 'Set at_rest_encryption_enabled = true (replaces an existing replication group)', safety: 'review' },
    declare: { title: 'Declare at_rest_encryption_enabled = true (already the Valkey default; the attribute forces replacement where Terraform\'s state records otherwise)', safety: 'review' },
  },
  check(resource, ctx) {
    const group = resource.node;
    if (resourceType(group) !== 'aws_elasticache_replication_group') return; // serverless caches are always encrypted
    const name = resourceName(group);
    if (group.attributes.has('global_replication_group_id')) {
      ctx.cannotDetermine(group.headerSpan, 'a Global Datastore member inherits encryption at rest from the global replication group');
      return;
    }
    const attr = group.attributes.get('at_rest_encryption_enabled');
    const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
    if (attr !== undefined && value !== undefined) {
      if (!value.known) {
        ctx.cannotDetermine(attr.expr.span, `at_rest_encryption_enabled = ${value.text} cannot be resolved statically`);
        return;
      }
      if (value.value !== null) {
        const on = asBool(value.value);
        if (on === true) return;
        if (on === undefined) {
          ctx.cannotDetermine(attr.expr.span, 'at_rest_encryption_enabled is not a boolean');
          return;
        }
        const fix = replaceLiteral(resource.uri, attr, 'true');
        ctx.report({
          messageId: 'disabled',
          at: attr.expr.span,
          data: { name, value: valueText(value), origin: originSuffix(value) },
          related: originRelated(value),
          ...(fix ? { fix: { fixId: 'enable' as const, edits: [fix] } } : {}),
        });
        return;
      }
    }
    // Absent (or null): the engine decides the default.
    const engineAttr = group.attributes.get('engine');
    const engine = engineAttr === undefined ? undefined : ctx.evaluate(engineAttr.expr);
    if (engineAttr !== undefined && engine !== undefined && !engine.known) {
      ctx.cannotDetermine(engineAttr.expr.span, `engine = ${engine.text} cannot be resolved statically; Valkey encrypts at rest by default`);
      return;
    }
    const valkey = engine?.known === true && asString(engine.value)?.toLowerCase() === 'valkey';
    const insert = attr === undefined ? insertAttribute(resource.uri, ctx.text, group, 'at_rest_encryption_enabled', 'true') : replaceLiteral(resource.uri, attr, 'true');
    if (valkey) {
      ctx.report({ messageId: 'valkeyDefault', at: attr?.expr.span ?? group.headerSpan, data: { name }, severity: 'medium', ...(insert ? { fix: { fixId: 'declare' as const, edits: [insert] } } : {}) });
      return;
    }
    ctx.report({ messageId: 'missing', at: attr?.expr.span ?? group.headerSpan, data: { name }, ...(insert ? { fix: { fixId: 'enable' as const, edits: [insert] } } : {}) });
  },
});
