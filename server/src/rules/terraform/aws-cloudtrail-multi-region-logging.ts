/**
 * aws-cloudtrail-multi-region-logging: at least one trail must be multi-region, logging, and record
 * global service events and management events (catalog pass_if_all: is_multi_region_trail = true,
 * when_missing fail; enable_logging != false and include_global_service_events != false, when_missing
 * pass; the title adds "logging management events").
 *
 * Account-level decision (catalog note: ">= 1 trail in the account baseline satisfies this"):
 * - `enable_logging = false` is reported on every trail: a declared trail that records nothing is a
 *   specific, deliberate gap whatever other trails exist.
 * - The other conditions are reported on a trail only when no other trail of the same module
 *   satisfies all of them. A single-region data-event trail next to a compliant multi-region trail is
 *   fine, and so is `include_global_service_events = false` on a secondary trail (AWS recommends it
 *   to avoid duplicate IAM events). When another trail's values cannot be resolved, the rule cannot
 *   determine. A module without any trail is not reported (the trail may be an organisation trail
 *   or live in the account-baseline stack).
 * - Management events count as recorded unless every `event_selector` sets
 *   `include_management_events = false`, or the trail has `advanced_event_selector`s and none selects
 *   `eventCategory = "Management"`.
 *
 * Findings: at the offending value, or at the trail header for an absent is_multi_region_trail or
 * missing management events (at the first include_management_events = false when written).
 *
 * Fixes (safe, catalog autofix.safe; in place, more events and cost): insert/set
 * `is_multi_region_trail = true` (also setting a literal `include_global_service_events = false` to
 * true, which AWS requires for a multi-region trail); set `include_global_service_events = true`; set
 * `enable_logging = true`. No fix for values from variables, and none for management events (what a
 * trail records is a design decision).
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute } from '../../fixes/terraform-edits';
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { judgeBool, nestedInstances, replaceLiteral, sameResource, valueText, type BoolVerdict, type Evaluator } from './helpers';
import { asString, asStringList, originRelated, originSuffix } from './values';

const messages = {
  notMultiRegion:
    'aws_cloudtrail "{name}" does not set is_multi_region_trail, and no other trail in this module is a multi-region management-event trail; API activity in other regions is not recorded.',
  singleRegion:
    'aws_cloudtrail "{name}" sets is_multi_region_trail = {value}{origin}, and no other trail in this module is a multi-region management-event trail; API activity in other regions is not recorded.',
  noGlobalEvents:
    'aws_cloudtrail "{name}" sets include_global_service_events = {value}{origin}, and no other trail in this module records global service events; IAM and STS activity is not recorded.',
  noManagementEvents:
    'aws_cloudtrail "{name}" does not record management events, and no other trail in this module is a multi-region management-event trail; control-plane changes are not recorded.',
  loggingDisabled: 'aws_cloudtrail "{name}" sets enable_logging = {value}{origin}; the trail records nothing.',
};
const fixes = {
  multiRegion: { title: 'Set is_multi_region_trail = true (records every region; more events and cost)', safety: 'safe' as const },
  globalEvents: { title: 'Set include_global_service_events = true', safety: 'safe' as const },
  enableLogging: { title: 'Set enable_logging = true (the trail resumes recording)', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

type Management = { kind: 'yes' } | { kind: 'no'; at?: Span } | { kind: 'unknown'; at: Span; reason: string };

interface Verdicts {
  readonly multiRegion: BoolVerdict;
  readonly global: BoolVerdict;
  readonly logging: BoolVerdict;
  readonly management: Management;
}

export default defineTerraformRule({
  id: 'aws-cloudtrail-multi-region-logging',
  resourceTypes: ['aws_cloudtrail'],
  messages,
  fixes,
  check(resource, ctx) {
    const trail = resource.node;
    const name = resourceName(trail);
    const v = verdicts(ctx, trail);

    if (v.logging.kind === 'unknown') ctx.cannotDetermine(v.logging.at, v.logging.reason);
    else if (v.logging.kind === 'wrong') {
      const fix = replaceLiteral(resource.uri, v.logging.attr, 'true');
      ctx.report({
        messageId: 'loggingDisabled',
        at: v.logging.attr.expr.span,
        data: { name, value: valueText(v.logging.resolved), origin: originSuffix(v.logging.resolved) },
        related: originRelated(v.logging.resolved),
        ...(fix ? { fix: { fixId: 'enableLogging' as const, edits: [fix] } } : {}),
      });
    }

    const failing = v.multiRegion.kind === 'missing' || v.multiRegion.kind === 'wrong' || v.global.kind === 'wrong' || v.management.kind === 'no';
    const unknown = [v.multiRegion, v.global, v.management].find((x): x is Extract<typeof x, { kind: 'unknown' }> => x.kind === 'unknown');
    if (!failing) {
      if (unknown !== undefined) ctx.cannotDetermine(unknown.at, unknown.reason);
      return;
    }
    // Another trail of the module may be the account's multi-region trail.
    let undecided: string | undefined;
    for (const other of ctx.module.resourcesOfType('aws_cloudtrail')) {
      if (sameResource(other, resource) || other.node.hasErrors) continue;
      const status = satisfies(verdicts(ctx, other.node));
      if (status === 'yes') return;
      if (status === 'unknown') undecided ??= `aws_cloudtrail "${resourceName(other.node)}" may be a multi-region management-event trail; its settings cannot be resolved statically`;
    }
    if (undecided !== undefined) {
      ctx.cannotDetermine(trail.headerSpan, undecided);
      return;
    }
    if (unknown !== undefined) ctx.cannotDetermine(unknown.at, unknown.reason);
    reportAccountLevel(resource, ctx, name, v);
  },
});

function reportAccountLevel(resource: Located<TfBlock>, ctx: Ctx, name: string, v: Verdicts): void {
  const trail = resource.node;
  const globalFix = v.global.kind === 'wrong' ? replaceLiteral(resource.uri, v.global.attr, 'true') : undefined;
  if (v.multiRegion.kind === 'missing' || v.multiRegion.kind === 'wrong') {
    const edits: FixEdit[] = [];
    const set =
      v.multiRegion.kind === 'missing'
        ? insertAttribute(resource.uri, ctx.text, trail, 'is_multi_region_trail', 'true')
        : replaceLiteral(resource.uri, v.multiRegion.attr, 'true');
    if (set !== undefined) edits.push(set);
    // AWS rejects a multi-region trail without global service events.
    const fixable = set !== undefined && (v.global.kind !== 'wrong' || globalFix !== undefined) && v.global.kind !== 'unknown';
    if (globalFix !== undefined) edits.push(globalFix);
    const fix = fixable ? { fix: { fixId: 'multiRegion' as const, edits } } : {};
    if (v.multiRegion.kind === 'missing') ctx.report({ messageId: 'notMultiRegion', at: trail.headerSpan, data: { name }, ...fix });
    else
      ctx.report({
        messageId: 'singleRegion',
        at: v.multiRegion.attr.expr.span,
        data: { name, value: valueText(v.multiRegion.resolved), origin: originSuffix(v.multiRegion.resolved) },
        related: originRelated(v.multiRegion.resolved),
        ...fix,
      });
  }
  if (v.global.kind === 'wrong') {
    ctx.report({
      messageId: 'noGlobalEvents',
      at: v.global.attr.expr.span,
      data: { name, value: valueText(v.global.resolved), origin: originSuffix(v.global.resolved) },
      related: originRelated(v.global.resolved),
      ...(globalFix ? { fix: { fixId: 'globalEvents' as const, edits: [globalFix] } } : {}),
    });
  }
  if (v.management.kind === 'no') ctx.report({ messageId: 'noManagementEvents', at: v.management.at ?? trail.headerSpan, data: { name } });
}

function verdicts(ctx: Evaluator, trail: TfBlock): Verdicts {
  return {
    multiRegion: judgeBool(ctx, trail, 'is_multi_region_trail', true, 'fail'),
    global: judgeBool(ctx, trail, 'include_global_service_events', true, 'pass'),
    logging: judgeBool(ctx, trail, 'enable_logging', true, 'pass'),
    management: managementEvents(ctx, trail),
  };
}

function satisfies(v: Verdicts): 'yes' | 'no' | 'unknown' {
  const all = [v.multiRegion.kind, v.global.kind, v.logging.kind, v.management.kind === 'yes' ? 'ok' : v.management.kind];
  if (all.every((k) => k === 'ok')) return 'yes';
  if (all.some((k) => k === 'missing' || k === 'wrong' || k === 'no')) return 'no';
  return 'unknown';
}

/** Whether the trail records management events (the default, unless its selectors leave them out). */
function managementEvents(ctx: Evaluator, trail: TfBlock): Management {
  const basic = nestedInstances(ctx, trail, 'event_selector');
  if (basic.present.length > 0 || basic.uncertain.length > 0) {
    let unknown: Management | undefined;
    let firstOff: Span | undefined;
    for (const selector of basic.present) {
      const v = judgeBool(ctx, selector, 'include_management_events', true, 'pass');
      if (v.kind === 'ok') return { kind: 'yes' };
      if (v.kind === 'unknown') unknown ??= { kind: 'unknown', at: v.at, reason: v.reason };
      if (v.kind === 'wrong') firstOff ??= v.attr.expr.span;
    }
    const maybe = basic.uncertain[0];
    if (maybe !== undefined) {
      // Without any instance the trail logs management events by default; with one, it depends on its settings.
      unknown ??= { kind: 'unknown', at: maybe.at, reason: maybe.reason };
    }
    if (unknown !== undefined) return unknown;
    return firstOff !== undefined ? { kind: 'no', at: firstOff } : { kind: 'no' };
  }
  const advanced = nestedInstances(ctx, trail, 'advanced_event_selector');
  if (advanced.present.length === 0 && advanced.uncertain.length === 0) return { kind: 'yes' };
  let unknown: Management | undefined;
  for (const selector of advanced.present) {
    for (const field of nestedInstances(ctx, selector, 'field_selector').present) {
      const f = field.attributes.get('field');
      if (f === undefined) continue;
      const name = ctx.evaluate(f.expr);
      if (!name.known) {
        unknown ??= { kind: 'unknown', at: f.expr.span, reason: `field = ${name.text} cannot be resolved statically` };
        continue;
      }
      if (asString(name.value) !== 'eventCategory') continue;
      const equals = field.attributes.get('equals');
      if (equals === undefined) continue;
      const values = ctx.evaluate(equals.expr);
      if (!values.known) {
        unknown ??= { kind: 'unknown', at: equals.expr.span, reason: `equals = ${values.text} cannot be resolved statically` };
        continue;
      }
      const list = asStringList(values.value);
      if (list.items.includes('Management')) return { kind: 'yes' };
      if (!list.complete) unknown ??= { kind: 'unknown', at: equals.expr.span, reason: 'eventCategory values cannot be resolved statically' };
    }
  }
  const maybe = advanced.uncertain[0];
  if (maybe !== undefined) unknown ??= { kind: 'unknown', at: maybe.at, reason: maybe.reason };
  return unknown ?? { kind: 'no' };
}
