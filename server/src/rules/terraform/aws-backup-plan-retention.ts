/**
 * aws-backup-plan-retention — every rule of an aws_backup_plan runs at least daily and keeps recovery
 * points for at least 35 days (the defaults of AWS Config backup-plan-min-frequency-and-min-retention-check).
 *
 * Logic, per `rule` block (catalog pass_if_all):
 * - `lifecycle.delete_after >= 35` passes. Below 35 fails. An absent lifecycle or `delete_after` keeps
 *   recovery points forever: retention is met, but the catalog's `warn` outcome asks for an explicit,
 *   cost-controlled value, so it is reported one step lower (low).
 * - `schedule`: absent passes (AWS Backup's default daily schedule). A `cron(…)` expression passes when it
 *   fires every day: day-of-month, month and day-of-week must not skip a day (the hour and minute
 *   fields only add runs within a day). `rate(…)` passes up to 24 hours. Anything else fails when its
 *   gaps exceed a day; expressions the rule cannot parse are "cannot determine".
 * - `dynamic` rules or lifecycles whose `for_each` cannot be resolved, and values from variables
 *   without a default or tfvars value, are never guessed.
 *
 * Findings: short retention at `delete_after`, an infrequent schedule at `schedule` (both with the
 * variable/tfvars as related location when the value comes from one), a missing retention at the
 * `lifecycle` header or, without one, at the `rule` header. Fix: `safe` (catalog autofix.safe: true)
 * only to *raise* a literal `delete_after` below 35 to 35, and only when the lifecycle has no
 * `cold_storage_after` (AWS then needs delete_after >= cold_storage_after + 90). No fix inserts a
 * lifecycle where there is none: that would shorten retention from "forever" to 35 days.
 */
import type { Span } from '../../model/span';
import type { Resolved } from '../../model/terraform/evaluate';
import type { Located } from '../../model/terraform/module';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { isAttributeSet, nestedInstances, replaceLiteral, valueText } from './helpers';
import { asNumber, asString, originRelated, originSuffix } from './values';

const MIN_DAYS = 35;

const messages = {
  noRetention: 'aws_backup_plan "{name}" has {rule} without lifecycle.delete_after, so recovery points are kept indefinitely; declare the retention explicitly (at least 35 days).',
  shortRetention: 'aws_backup_plan "{name}" has {rule} that deletes recovery points after {value} day(s){origin}; at least 35 days are required.',
  infrequent: 'aws_backup_plan "{name}" has {rule} scheduled {value}{origin}, which skips days; backups must run at least daily.',
};
const fixes = {
  raiseRetention: { title: 'Raise delete_after to 35 days (keeps recovery points longer; adds storage cost)', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-backup-plan-retention',
  resourceTypes: ['aws_backup_plan'],
  messages,
  fixes,
  check(resource, ctx) {
    const { present, uncertain } = nestedInstances(ctx, resource.node, 'rule');
    for (const maybe of uncertain) ctx.cannotDetermine(maybe.at, maybe.reason);
    for (const rule of present) {
      const data = { name: resourceName(resource.node), rule: ruleLabel(rule, ctx) };
      checkRetention(resource, rule, data, ctx);
      checkSchedule(rule, data, ctx);
    }
  },
});

/** `rule "daily"` when the rule name is known, else `a backup rule`. */
function ruleLabel(rule: TfBlock, ctx: Ctx): string {
  const attr = rule.attributes.get('rule_name');
  const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
  return value?.known === true && typeof value.value === 'string' ? `rule ${JSON.stringify(value.value)}` : 'a backup rule';
}

function checkRetention(resource: Located<TfBlock>, rule: TfBlock, data: Record<string, string>, ctx: Ctx): void {
  const { present, uncertain } = nestedInstances(ctx, rule, 'lifecycle');
  const missingAt = (at: Span): void => ctx.report({ messageId: 'noRetention', at, data, severity: 'low' });
  if (present.length === 0) {
    const maybe = uncertain[0];
    if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
    else missingAt(rule.headerSpan);
    return;
  }
  for (const lifecycle of present) {
    const attr = lifecycle.attributes.get('delete_after');
    const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
    if (attr === undefined || value === undefined || (value.known && value.value === null)) {
      missingAt(lifecycle.headerSpan);
      continue;
    }
    if (!value.known) {
      ctx.cannotDetermine(attr.expr.span, `delete_after = ${value.text} cannot be resolved statically`);
      continue;
    }
    const days = asNumber(value.value);
    if (days === undefined) {
      ctx.cannotDetermine(attr.expr.span, 'delete_after is not a number');
      continue;
    }
    if (days >= MIN_DAYS) continue;
    const fix = isAttributeSet(ctx, lifecycle, 'cold_storage_after') ? undefined : replaceLiteral(resource.uri, attr, String(MIN_DAYS));
    ctx.report({
      messageId: 'shortRetention',
      at: attr.expr.span,
      data: { ...data, value: valueText(value), origin: originSuffix(value) },
      related: originRelated(value),
      ...(fix ? { fix: { fixId: 'raiseRetention' as const, edits: [fix] } } : {}),
    });
  }
}

function checkSchedule(rule: TfBlock, data: Record<string, string>, ctx: Ctx): void {
  const attr = rule.attributes.get('schedule');
  if (attr === undefined) return; // AWS Backup's default schedule is daily
  const value: Resolved = ctx.evaluate(attr.expr);
  if (!value.known) {
    ctx.cannotDetermine(attr.expr.span, `schedule = ${value.text} cannot be resolved statically`);
    return;
  }
  if (value.value === null) return;
  const expression = asString(value.value);
  const daily = expression === undefined ? undefined : runsDaily(expression);
  if (daily === undefined) {
    ctx.cannotDetermine(attr.expr.span, 'schedule is not a cron() or rate() expression the rule can read');
    return;
  }
  if (daily) return;
  ctx.report({ messageId: 'infrequent', at: attr.expr.span, data: { ...data, value: valueText(value), origin: originSuffix(value) }, related: originRelated(value) });
}

/**
 * Whether an AWS schedule expression fires at least once every 24 hours: `cron(min hour dom month dow year)`
 * or `rate(n unit)`. Undefined when the expression cannot be read.
 */
function runsDaily(expression: string): boolean | undefined {
  const rate = /^\s*rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)\s*$/i.exec(expression);
  if (rate !== null) {
    const n = Number(rate[1]);
    const unit = rate[2]!.toLowerCase();
    const hours = unit.startsWith('minute') ? n / 60 : unit.startsWith('hour') ? n : n * 24;
    return hours <= 24;
  }
  const cron = /^\s*cron\(\s*([^)]*?)\s*\)\s*$/i.exec(expression);
  if (cron === null) return undefined;
  const fields = cron[1]!.split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [, , dom, month, dow] = fields as [string, string, string, string, string, string];
  const days = everyValue(dom, 1, 31, {});
  const months = everyValue(month, 1, 12, MONTHS);
  const weekdays = everyValue(dow, 1, 7, WEEKDAYS);
  if (days === undefined || months === undefined || weekdays === undefined) return undefined;
  return days && months && weekdays;
}

const MONTHS: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };
const WEEKDAYS: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };

/**
 * Whether a cron field selects every value in [min, max] (`*`, `?`, `*\/1`, a full range or list).
 * False when it skips some value, including `L`, `W` and `#` (single days); undefined when unreadable.
 */
function everyValue(field: string, min: number, max: number, names: Record<string, number>): boolean | undefined {
  if (field === '*' || field === '?') return true;
  if (/[LW#]/i.test(field)) return /^[\d,\-/*LW#A-Z]+$/i.test(field) ? false : undefined;
  const value = (s: string): number | undefined => {
    const n = names[s.toUpperCase()] ?? (/^\d+$/.test(s) ? Number(s) : undefined);
    return n !== undefined && n >= min && n <= max ? n : undefined;
  };
  const selected = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/.exec(part);
    if (m === null) return undefined;
    const from = m[1] === '*' ? min : value(m[1]!);
    const to = m[2] !== undefined ? value(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (from === undefined || to === undefined || step < 1) return undefined;
    for (let v = from; v <= to; v += step) selected.add(v);
  }
  for (let v = min; v <= max; v++) if (!selected.has(v)) return false;
  return true;
}
