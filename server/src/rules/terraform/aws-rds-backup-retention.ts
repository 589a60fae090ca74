/**
 * aws-rds-backup-retention — aws_db_instance and aws_rds_cluster keep automated backups for at least
 * 7 days (catalog parameter min_retention_days).
 *
 * Logic: `backup_retention_period >= 7` passes. `0` (backups disabled) and 1–6 days fail at the
 * catalog severity. An absent attribute is the catalog's `warn` outcome (the provider default is
 * 1 day: backups exist but the window is short), reported one step lower (medium). Read replicas
 * (`replicate_source_db` set) are exempt. An unresolvable value is never guessed.
 *
 * Findings: on the value when it is set, on the resource header when it is absent; a value that
 * comes from a variable, a local or tfvars names that location as related. Fix: `safe` (catalog
 * autofix.safe: true) — inserts `backup_retention_period = 7` or replaces a literal value with 7;
 * the change is in place. Values from variables get no fix (change the variable).
 */
import { insertAttribute } from '../../fixes/terraform-edits';
import { resourceName, resourceType } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { isAttributeSet, replaceLiteral, valueText } from './helpers';
import { asNumber, originRelated, originSuffix } from './values';

const MIN_DAYS = 7;

export default defineTerraformRule({
  id: 'aws-rds-backup-retention',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  messages: {
    missing: '{resource} "{name}" does not set backup_retention_period; the provider default keeps automated backups for 1 day only (at least 7 are required).',
    disabled: '{resource} "{name}" sets backup_retention_period = {value}{origin}, which disables automated backups and point-in-time recovery.',
    tooShort: '{resource} "{name}" keeps automated backups for {value} day(s){origin}; at least 7 are required.',
  },
  fixes: {
    setRetention: { title: 'Set backup_retention_period = 7', safety: 'safe' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const data = { resource: resourceType(block), name: resourceName(block) };
    // exempt_if: read replicas have no automated backups of their own by default.
    if (resourceType(block) === 'aws_db_instance' && isAttributeSet(ctx, block, 'replicate_source_db')) return;

    const attr = block.attributes.get('backup_retention_period');
    const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
    if (attr === undefined || value === undefined || (value.known && value.value === null)) {
      // An explicit `null` written here is replaced; a null that comes from a variable is not edited.
      const fix = attr === undefined ? insertAttribute(resource.uri, ctx.text, block, 'backup_retention_period', String(MIN_DAYS)) : replaceLiteral(resource.uri, attr, String(MIN_DAYS));
      ctx.report({
        messageId: 'missing',
        at: block.headerSpan,
        data,
        // Catalog when_missing: warn — backups exist (1 day), the retention is only too short.
        severity: 'medium',
        ...(fix ? { fix: { fixId: 'setRetention' as const, edits: [fix] } } : {}),
      });
      return;
    }
    if (!value.known) {
      ctx.cannotDetermine(attr.expr.span, `backup_retention_period = ${value.text} cannot be resolved statically`);
      return;
    }
    const days = asNumber(value.value);
    if (days === undefined) {
      ctx.cannotDetermine(attr.expr.span, 'backup_retention_period is not a number');
      return;
    }
    if (days >= MIN_DAYS) return;
    const fix = replaceLiteral(resource.uri, attr, String(MIN_DAYS));
    ctx.report({
      messageId: days <= 0 ? 'disabled' : 'tooShort',
      at: attr.expr.span,
      data: { ...data, value: valueText(value), origin: originSuffix(value) },
      related: originRelated(value),
      ...(fix ? { fix: { fixId: 'setRetention' as const, edits: [fix] } } : {}),
    });
  },
});

