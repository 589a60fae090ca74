/**
 * gcp-cloudsql-backups-enabled
 *
 * Logic (catalog): a google_sql_database_instance passes only with
 * `settings.backup_configuration.enabled = true`; no backup_configuration, no `enabled` (default false)
 * or false fails. Exempt: read replicas (`master_instance_name` set), which are not backed up
 * themselves. Point-in-time recovery (`point_in_time_recovery_enabled` / `binary_log_enabled`) is
 * recommended by the catalog, not required. Unknown values are never guessed.
 *
 * Findings: on `enabled = false` (variable origin related), else on the header of the deepest block
 * written (backup_configuration, settings, or the resource).
 *
 * Fix (safe, catalog autofix.safe): inserts `enabled = true` (with a `backup_configuration` block when
 * settings has none) or replaces a literal false. In place: daily automated backups start in the
 * default window. PITR / binary logging is left as a reviewed follow-up. No fix without `settings`.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { descend, insertNestedAttributes, isResourceAttributeRef, requireBool } from './helpers';

export default defineTerraformRule({
  id: 'gcp-cloudsql-backups-enabled',
  resourceTypes: ['google_sql_database_instance'],
  messages: {
    missing: 'google_sql_database_instance "{name}" does not enable automated backups; its data cannot be restored after loss or corruption.',
    disabled: 'google_sql_database_instance "{name}" sets backup_configuration enabled = {value}{origin}; its data cannot be restored after loss or corruption.',
  },
  fixes: {
    enable: { title: 'Enable automated backups (backup_configuration { enabled = true })', safety: 'safe' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const name = resourceName(block);
    const master = block.attributes.get('master_instance_name');
    if (master !== undefined) {
      const value = ctx.evaluate(master.expr);
      if (value.known ? value.value !== null : isResourceAttributeRef(master.expr)) return; // a read replica
      if (!value.known) {
        ctx.cannotDetermine(master.expr.span, `master_instance_name = ${value.text} cannot be resolved statically`);
        return;
      }
    }
    const path = descend(block, ['settings', 'backup_configuration']);
    if (path.blocks.length === 0) {
      const fixable = path.deepest !== block;
      ctx.report({
        messageId: 'missing',
        at: path.deepest.headerSpan,
        data: { name },
        ...(fixable ? { fix: { fixId: 'enable' as const, edits: [insertNestedAttributes(resource.uri, ctx.text, path.deepest, path.missing, [['enabled', 'true']])] } } : {}),
      });
      return;
    }
    for (const backup of path.blocks) {
      if (!backup.attributes.has('enabled')) {
        ctx.report({ messageId: 'missing', at: backup.headerSpan, data: { name }, fix: { fixId: 'enable', edits: [insertNestedAttributes(resource.uri, ctx.text, backup, [], [['enabled', 'true']])] } });
        continue;
      }
      requireBool(resource, ctx, { block: backup, attribute: 'enabled', expected: true, wrong: 'disabled', fixId: 'enable', data: { name } });
    }
  },
});
