/**
 * aws-rds-logs-exported — aws_db_instance and aws_rds_cluster export database logs to CloudWatch Logs.
 *
 * Logic (catalog pass_if): `enabled_cloudwatch_logs_exports` is not empty; absent (or null) fails.
 * Any non-empty list passes, as the catalog states; the catalog's per-engine `expected_values` are
 * used for the fix only. A list the rule cannot resolve is never guessed ("cannot determine"), and
 * neither is a list with unresolvable items counted as empty. Aurora Serverless v1 clusters
 * (`engine_mode = "serverless"`) cannot use this attribute — they publish logs through the cluster
 * parameter group — so they are recorded as "cannot determine".
 *
 * Findings: on the resource header when the attribute is absent, on the empty list otherwise. Fix:
 * `safe` (catalog autofix.safe: true, in place) — inserts the catalog's log types for the engine
 * (`["postgresql"]`, `["audit", "error", "general", "slowquery"]`, …) or replaces a literal `[]`.
 * Offered only when the engine is a literal in the resource; otherwise the log types would be a guess.
 */
import { insertAttribute, replaceSpan } from '../../fixes/terraform-edits';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { originRelated, originSuffix } from './values';

/** The catalog's expected_values, by engine. */
function logTypesFor(engine: string): readonly string[] | undefined {
  if (engine === 'postgres' || engine === 'aurora-postgresql') return ['postgresql'];
  if (engine === 'mysql' || engine === 'mariadb' || engine === 'aurora-mysql' || engine === 'aurora') return ['audit', 'error', 'general', 'slowquery'];
  if (/^sqlserver-(ee|se|ex|web)$/.test(engine)) return ['agent', 'error'];
  if (/^oracle-(ee|se2)(-cdb)?$/.test(engine)) return ['audit', 'alert', 'listener', 'trace'];
  return undefined;
}

export default defineTerraformRule({
  id: 'aws-rds-logs-exported',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  messages: {
    missing: '{resource} "{name}" does not set enabled_cloudwatch_logs_exports; no database log reaches CloudWatch Logs.',
    empty: '{resource} "{name}" sets enabled_cloudwatch_logs_exports to an empty list{origin}; no database log reaches CloudWatch Logs.',
  },
  fixes: {
    exportLogs: { title: 'Export the engine\'s database logs to CloudWatch Logs (adds ingestion cost)', safety: 'safe' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const data = { resource: resourceType(block), name: resourceName(block) };

    if (resourceType(block) === 'aws_rds_cluster') {
      const mode = block.attributes.get('engine_mode');
      if (mode !== undefined) {
        const value = ctx.evaluate(mode.expr);
        if (!value.known) {
          ctx.cannotDetermine(mode.expr.span, `engine_mode = ${value.text} cannot be resolved statically`);
          return;
        }
        if (value.value === 'serverless') {
          ctx.cannotDetermine(mode.expr.span, 'Aurora Serverless v1 publishes logs through the cluster parameter group, not enabled_cloudwatch_logs_exports');
          return;
        }
      }
    }

    const types = logTypes(block);
    const list = types === undefined ? undefined : `[${types.map((t) => JSON.stringify(t)).join(', ')}]`;
    const attr = block.attributes.get('enabled_cloudwatch_logs_exports');
    const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
    if (attr === undefined || value === undefined || (value.known && value.value === null)) {
      ctx.report({
        messageId: 'missing',
        at: block.headerSpan,
        data,
        ...(list !== undefined ? { fix: { fixId: 'exportLogs' as const, edits: [insertAttribute(resource.uri, ctx.text, block, 'enabled_cloudwatch_logs_exports', list)] } } : {}),
      });
      return;
    }
    if (!value.known) {
      ctx.cannotDetermine(attr.expr.span, `enabled_cloudwatch_logs_exports = ${value.text} cannot be resolved statically`);
      return;
    }
    if (!Array.isArray(value.value)) {
      ctx.cannotDetermine(attr.expr.span, 'enabled_cloudwatch_logs_exports is not a list');
      return;
    }
    if (value.value.length > 0) return; // not_empty (unknown items are items too)
    const literal = attr.expr.kind === 'tuple';
    ctx.report({
      messageId: 'empty',
      at: attr.expr.span,
      data: { ...data, origin: originSuffix(value) },
      related: originRelated(value),
      ...(list !== undefined && literal ? { fix: { fixId: 'exportLogs' as const, edits: [replaceSpan(resource.uri, attr.expr.span, list)] } } : {}),
    });
  },
});

/**
 * The log types to export for the resource's engine, when the engine is written as a literal in the
 * resource (a value from a variable may be overridden per environment: no fix then).
 */
function logTypes(block: TfBlock): readonly string[] | undefined {
  const attr = block.attributes.get('engine');
  if (attr?.expr.kind !== 'literal' || typeof attr.expr.value !== 'string') return undefined;
  return logTypesFor(attr.expr.value);
}
