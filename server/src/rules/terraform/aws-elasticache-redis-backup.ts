import { insertAttribute } from '../../fixes/terraform-edits';
import { resourceName, resourceType } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { replaceLiteral, valueText } from './helpers';
import { asNumber, asString, originRelated, originSuffix } from './values';

/**
 * Redis OSS / Valkey caches (`aws_elasticache_cluster`, `aws_elasticache_replication_group`; any
 * engine but memcached, absent engine included) keep automatic snapshots:
 * `snapshot_retention_limit >= 1` (absent = 0, no backups). A cluster that is a member of a
 * replication group (`replication_group_id`) takes its snapshots from the group and is not judged.
 * An unknown engine is only a reason not to judge when the retention would fail. Findings at the
 * value, or at the header when absent. Fix (safe, catalog autofix.safe; in place): insert or replace
 * a literal with `snapshot_retention_limit = 15` (the Steampipe baseline). The catalog's
 * `snapshot_window` is not inserted: AWS picks a window, and a fixed one may overlap the maintenance
 * window. A value from a variable gets the variable as related location and no fix.
 */

const RETENTION = '15';

export default defineTerraformRule({
  id: 'aws-elasticache-redis-backup',
  resourceTypes: ['aws_elasticache_cluster', 'aws_elasticache_replication_group'],
  messages: {
    missing: '{resource} "{name}" does not set snapshot_retention_limit; the default 0 keeps no automatic backups.',
    tooLow: '{resource} "{name}" has snapshot_retention_limit = {value}{origin}, so no automatic backups are kept.',
  },
  fixes: {
    retain: { title: `Keep automatic snapshots for ${RETENTION} days (snapshot_retention_limit = ${RETENTION}; snapshots briefly use more memory)`, safety: 'safe' },
  },
  check(resource, ctx) {
    const cache = resource.node;
    const data = { resource: resourceType(cache), name: resourceName(cache) };
    if (resourceType(cache) === 'aws_elasticache_cluster' && cache.attributes.has('replication_group_id')) return; // the group is judged

    const engineAttr = cache.attributes.get('engine');
    const engine = engineAttr === undefined ? undefined : ctx.evaluate(engineAttr.expr);
    if (engine?.known && asString(engine.value)?.toLowerCase() === 'memcached') return; // applies_when engine != memcached

    const attr = cache.attributes.get('snapshot_retention_limit');
    const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
    if (attr !== undefined && value !== undefined) {
      if (!value.known) {
        ctx.cannotDetermine(attr.expr.span, `snapshot_retention_limit = ${value.text} cannot be resolved statically`);
        return;
      }
      const days = value.value === null ? 0 : asNumber(value.value);
      if (days === undefined) {
        ctx.cannotDetermine(attr.expr.span, 'snapshot_retention_limit is not a number');
        return;
      }
      if (days >= 1) return;
    }
    if (engineAttr !== undefined && engine !== undefined && !engine.known) {
      ctx.cannotDetermine(engineAttr.expr.span, `engine = ${engine.text} cannot be resolved statically (memcached has no snapshots)`);
      return;
    }
    if (attr === undefined || value === undefined || !value.known) {
      ctx.report({ messageId: 'missing', at: cache.headerSpan, data, fix: { fixId: 'retain', edits: [insertAttribute(resource.uri, ctx.text, cache, 'snapshot_retention_limit', RETENTION)] } });
      return;
    }
    const fix = replaceLiteral(resource.uri, attr, RETENTION);
    ctx.report({
      messageId: 'tooLow',
      at: attr.expr.span,
      data: { ...data, value: valueText(value), origin: originSuffix(value) },
      related: originRelated(value),
      ...(fix ? { fix: { fixId: 'retain' as const, edits: [fix] } } : {}),
    });
  },
});
