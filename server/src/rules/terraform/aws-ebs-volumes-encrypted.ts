/**
 * aws-ebs-volumes-encrypted — EBS volumes, and the block devices of EC2 instances, launch templates
 * and launch configurations, are encrypted.
 *
 * Logic (catalog pass_if_all, when_missing: fail — the provider default is unencrypted):
 * - aws_ebs_volume: `encrypted = true`.
 * - aws_instance, aws_launch_configuration: every `root_block_device` and `ebs_block_device` sets
 *   `encrypted = true`. An instance or launch configuration without a `root_block_device` fails too:
 *   its root volume is then encrypted only if the AMI's snapshot is (the catalog's fix inserts the
 *   block) — except an aws_instance with a `launch_template`, whose devices come from the template
 *   (judged on its own): "cannot determine".
 * - aws_launch_template: every `block_device_mappings[*].ebs[*]` sets `encrypted = true` (the
 *   string "true" too). A template without block_device_mappings declares no volume (they follow
 *   the AMI, and a fix would need the AMI's device name): "cannot determine".
 * - exempt_if: a volume or device created from a snapshot (`snapshot_id`) inherits the snapshot's
 *   encryption, which is not known statically: "cannot determine" unless it sets encrypted = true.
 * - pass_alternative: an aws_ebs_encryption_by_default in the same module that is enabled (the
 *   default) makes volumes that leave `encrypted` unset encrypted; an explicit `false` is still
 *   reported. The account baseline usually lives in another stack, which this module cannot see.
 * Values that cannot be resolved (variables without a default, `dynamic` for_each) are never guessed.
 *
 * Findings: on the value when encrypted is set to something else, on the resource or block header
 * when it is absent. Fix: `review` (catalog autofix.safe: false) — inserts `encrypted = true` (or a
 * `root_block_device { encrypted = true }` block) or replaces a literal value. Encryption cannot be
 * added to an existing volume: Terraform replaces the volume or instance; a launch template gets a
 * new version.
 */
import { insertAttribute, insertNestedBlock } from '../../fixes/terraform-edits';
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { isAttributeSet, judgeBool, nestedInstances, replaceLiteral, valueText, type Evaluator } from './helpers';
import { asNumber, originRelated, originSuffix } from './values';

const DEFAULT_ENCRYPTION = 'aws_ebs_encryption_by_default';

const messages = {
  volumeMissing: 'aws_ebs_volume "{name}" does not set encrypted; the provider default creates an unencrypted volume.',
  volumeDisabled: 'aws_ebs_volume "{name}" sets encrypted = {value}{origin}; the volume and its snapshots are unencrypted.',
  rootMissing: '{resource} "{name}" declares no root_block_device with encrypted = true; the root volume is encrypted only if its AMI snapshot is.',
  deviceMissing: '{resource} "{name}" has a {device} that does not set encrypted; the provider default leaves the volume unencrypted.',
  deviceDisabled: '{resource} "{name}" sets {device}.encrypted = {value}{origin}; the volume is unencrypted.',
};
const fixes = {
  encrypt: { title: 'Set encrypted = true (replaces an existing volume or instance; a launch template gets a new version)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-ebs-volumes-encrypted',
  resourceTypes: ['aws_ebs_volume', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
  messages,
  fixes,
  check(resource, ctx) {
    switch (resourceType(resource.node)) {
      case 'aws_ebs_volume':
        checkDevice(resource, ctx, resource.node, undefined);
        return;
      case 'aws_launch_template':
        checkLaunchTemplate(resource, ctx);
        return;
      default:
        checkInstance(resource, ctx);
    }
  },
});

// ---------------------------------------------------------------------------------------------

type AccountDefault = { kind: 'on' } | { kind: 'unknown'; reason: string } | { kind: 'off' };

/** aws_ebs_encryption_by_default of this module: enabled unless `enabled = false` (or count = 0). */
function accountDefault(ctx: Evaluator & Pick<Ctx, 'module'>): AccountDefault {
  let unknown: string | undefined;
  for (const r of ctx.module.resourcesOfType(DEFAULT_ENCRYPTION)) {
    if (r.node.hasErrors) continue;
    const label = `${DEFAULT_ENCRYPTION}.${resourceName(r.node)}`;
    const count = r.node.attributes.get('count');
    if (count !== undefined) {
      const n = ctx.evaluate(count.expr);
      const value = n.known ? (n.value === null ? 1 : asNumber(n.value)) : undefined;
      if (value === undefined) {
        unknown ??= `the count of ${label} cannot be resolved statically`;
        continue;
      }
      if (value < 1) continue;
    }
    const verdict = judgeBool(ctx, r.node, 'enabled', true, 'pass');
    if (verdict.kind === 'ok') return { kind: 'on' };
    if (verdict.kind === 'unknown') unknown ??= `${label}: ${verdict.reason}`;
  }
  return unknown !== undefined ? { kind: 'unknown', reason: unknown } : { kind: 'off' };
}

/**
 * Judges `encrypted` of a volume or device block. `device` names the block in messages (undefined
 * for aws_ebs_volume, whose block is the resource).
 */
function checkDevice(resource: Located<TfBlock>, ctx: Ctx, block: TfBlock, device: string | undefined): void {
  const data = { resource: resourceType(resource.node), name: resourceName(resource.node), device: device ?? '' };
  const verdict = judgeBool(ctx, block, 'encrypted', true, 'fail');
  if (verdict.kind === 'ok') return;
  if (verdict.kind === 'unknown') {
    ctx.cannotDetermine(verdict.at, verdict.reason);
    return;
  }
  // exempt_if: a volume from a snapshot inherits the snapshot's encryption (not known statically).
  if (isAttributeSet(ctx, block, 'snapshot_id')) {
    ctx.cannotDetermine(block.attributes.get('snapshot_id')!.expr.span, 'created from a snapshot: encryption follows the snapshot, which is not known statically');
    return;
  }
  const unset = verdict.kind === 'missing' || verdict.resolved.value === null;
  if (unset && !findingStands(ctx, verdict.kind === 'wrong' ? verdict.attr.expr.span : block.headerSpan)) return;
  if (verdict.kind === 'missing') {
    ctx.report({
      messageId: device === undefined ? 'volumeMissing' : 'deviceMissing',
      at: block.headerSpan,
      data,
      fix: { fixId: 'encrypt', edits: [insertAttribute(resource.uri, ctx.text, block, 'encrypted', 'true')] },
    });
    return;
  }
  const fix = replaceLiteral(resource.uri, verdict.attr, 'true');
  ctx.report({
    messageId: device === undefined ? 'volumeDisabled' : 'deviceDisabled',
    at: verdict.attr.expr.span,
    data: { ...data, value: valueText(verdict.resolved), origin: originSuffix(verdict.resolved) },
    related: originRelated(verdict.resolved),
    ...(fix ? { fix: { fixId: 'encrypt' as const, edits: [fix] } } : {}),
  });
}

/**
 * catalog pass_alternative for an unset `encrypted`: false when EBS encryption by default is enabled
 * in this module, or may be (then recorded as "cannot determine"); true when the finding stands.
 */
function findingStands(ctx: Ctx, at: Span): boolean {
  const account = accountDefault(ctx);
  if (account.kind === 'on') return false;
  if (account.kind === 'unknown') {
    ctx.cannotDetermine(at, account.reason);
    return false;
  }
  return true;
}

function checkInstance(resource: Located<TfBlock>, ctx: Ctx): void {
  const node = resource.node;
  const roots = nestedInstances(ctx, node, 'root_block_device');
  if (roots.present.length === 0) {
    const maybe = roots.uncertain[0];
    if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
    else if (node.blocks.some((b) => b.type === 'launch_template')) {
      ctx.cannotDetermine(node.headerSpan, 'the root volume may be defined by the launch template, which is judged on its own');
    } else if (findingStands(ctx, node.headerSpan)) {
      ctx.report({
        messageId: 'rootMissing',
        at: node.headerSpan,
        data: { resource: resourceType(node), name: resourceName(node) },
        fix: { fixId: 'encrypt', edits: [insertNestedBlock(resource.uri, ctx.text, node, ['root_block_device {', '  encrypted = true', '}'])] },
      });
    }
  }
  for (const root of roots.present) checkDevice(resource, ctx, root, 'root_block_device');
  const devices = nestedInstances(ctx, node, 'ebs_block_device');
  for (const device of devices.present) checkDevice(resource, ctx, device, 'ebs_block_device');
  for (const maybe of devices.uncertain) {
    // A dynamic block whose for_each is unknown: judged only when it would fail (it may produce no device).
    const verdict = judgeBool(ctx, maybe.content, 'encrypted', true, 'fail');
    if (verdict.kind !== 'ok') ctx.cannotDetermine(maybe.at, maybe.reason);
  }
}

function checkLaunchTemplate(resource: Located<TfBlock>, ctx: Ctx): void {
  const template = resource.node;
  const mappings = nestedInstances(ctx, template, 'block_device_mappings');
  if (mappings.present.length === 0) {
    const maybe = mappings.uncertain[0];
    if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
    else if (findingStands(ctx, template.headerSpan)) {
      ctx.cannotDetermine(template.headerSpan, 'no block_device_mappings: the volumes follow the AMI, whose encryption is not known statically');
    }
    return;
  }
  for (const mapping of mappings.present) {
    const ebs = nestedInstances(ctx, mapping, 'ebs');
    for (const block of ebs.present) checkDevice(resource, ctx, block, 'block_device_mappings.ebs');
    const maybe = ebs.uncertain[0];
    if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
  }
  for (const maybe of mappings.uncertain) {
    // A dynamic mapping whose for_each is unknown may produce no device: not guessed when it would fail.
    const ebs = nestedInstances(ctx, maybe.content, 'ebs');
    if ([...ebs.present, ...ebs.uncertain.map((u) => u.content)].some((b) => judgeBool(ctx, b, 'encrypted', true, 'fail').kind !== 'ok')) ctx.cannotDetermine(maybe.at, maybe.reason);
  }
}
