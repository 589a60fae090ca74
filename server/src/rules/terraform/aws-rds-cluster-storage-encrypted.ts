/**
 * aws-rds-cluster-storage-encrypted — aws_rds_cluster must set storage_encrypted = true.
 *
 * Logic (catalog pass_if_any): `storage_encrypted = true`, or `engine_mode = "serverless"` (Aurora
 * Serverless v1 is always encrypted). Absent storage_encrypted is a failure (provider default false
 * for provisioned clusters), except for clusters restored from a snapshot or a point in time and
 * cross-region replicas (`snapshot_identifier`, `restore_to_point_in_time`,
 * `replication_source_identifier`): their encryption follows the source, which cannot be read
 * statically, so the rule records "cannot determine". An unresolvable storage_encrypted or
 * engine_mode is never guessed.
 *
 * Findings: on the value of storage_encrypted when it is false, on the resource header when it is
 * absent. Fix: `review` (catalog autofix.safe: false) — encryption can only be chosen at creation, so
 * Terraform replaces an existing cluster. The catalog's `kms_key_id` is not inserted: the key is
 * environment-specific.
 */
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { isAttributeSet, judgeBool, requireBool, type Evaluator } from './helpers';
import { asString } from './values';

/** Attributes that make the cluster a copy of another one: its encryption follows the source. */
const RESTORED_FROM = ['snapshot_identifier', 'replication_source_identifier'] as const;

export default defineTerraformRule({
  id: 'aws-rds-cluster-storage-encrypted',
  resourceTypes: ['aws_rds_cluster'],
  messages: {
    missing: 'aws_rds_cluster "{name}" does not set storage_encrypted; the provider default leaves the cluster volume, backups and snapshots unencrypted.',
    disabled: 'aws_rds_cluster "{name}" sets storage_encrypted = {value}{origin}; the cluster volume, backups and snapshots are unencrypted.',
  },
  fixes: {
    // Encryption is chosen at creation: Terraform replaces an existing cluster. Never part of fix-all.
    enable: { title: 'Set storage_encrypted = true (replaces an existing cluster)', safety: 'review' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const verdict = judgeBool(ctx, block, 'storage_encrypted', true, 'fail');
    if (verdict.kind === 'ok') return;

    // pass_if_any: Aurora Serverless v1 (engine_mode = "serverless") is always encrypted.
    const mode = engineMode(ctx, block);
    if (mode.kind === 'unknown') {
      ctx.cannotDetermine(mode.at, mode.reason);
      return;
    }
    if (mode.value === 'serverless') return;

    if (verdict.kind === 'missing') {
      const source = RESTORED_FROM.find((a) => isAttributeSet(ctx, block, a)) ?? (block.blocks.some((b) => b.type === 'restore_to_point_in_time') ? 'restore_to_point_in_time' : undefined);
      if (source !== undefined) {
        ctx.cannotDetermine(block.headerSpan, `${source} is set: the cluster's encryption follows its source, which is not known statically`);
        return;
      }
    }
    requireBool(resource, ctx, {
      attribute: 'storage_encrypted',
      expected: true,
      missing: 'missing',
      wrong: 'disabled',
      fixId: 'enable',
      data: { name: resourceName(block) },
    });
  },
});

type Mode = { kind: 'known'; value: string | undefined } | { kind: 'unknown'; at: TfBlock['span']; reason: string };

/** engine_mode, or undefined when absent or null (the provider default "provisioned"). */
function engineMode(ctx: Evaluator, block: TfBlock): Mode {
  const attr = block.attributes.get('engine_mode');
  if (attr === undefined) return { kind: 'known', value: undefined };
  const value = ctx.evaluate(attr.expr);
  if (!value.known) return { kind: 'unknown', at: attr.expr.span, reason: `engine_mode = ${value.text} cannot be resolved statically` };
  return { kind: 'known', value: value.value === null ? undefined : asString(value.value) };
}

