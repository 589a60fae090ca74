/**
 * aws-cloudwatch-alarm-console-auth-failures: a metric filter must count failed console sign-ins
 * (`$.eventName = ConsoleLogin` and `$.errorMessage = "Failed authentication"`) and an alarm with
 * `alarm_actions` must watch its metric (catalog: two related resources, mode exists).
 *
 * When is a missing filter a finding? (cross_file_context; the filter, the alarm, the SNS topic and
 * the trail's log group usually live in one security-baseline stack, and most modules have nothing
 * to do with it.) Absence is reported only in a module that is evidently such a baseline: one that
 * declares CloudTrail metric filters (patterns on `$.eventName`, `$.eventSource`, `$.userIdentity`,
 * `$.errorCode`, …, e.g. the CIS monitoring set) but none for console authentication failures. The
 * finding is shown once, on the first of those filters. A module with no CloudTrail metric filter,
 * including one that declares a trail delivering to CloudWatch Logs, is not reported: its alarms may
 * be in another stack. When a filter's pattern cannot be resolved, the rule cannot determine.
 *
 * The pair, when declared, is judged fully:
 * - a console-failure filter with no alarm on its metric: finding on the filter. An alarm matches
 *   by `metric_name` (literal, variable, or a reference to the filter: `.metric_transformation[0].name`,
 *   or `.id`/`.name` when the filter's name equals its metric name) and, when both are known, the
 *   same namespace; `metric_query` alarms are read too.
 * - an alarm on that metric that notifies nobody (`alarm_actions` absent or empty, or
 *   `actions_enabled = false`) while no other alarm on the metric does: finding on the alarm.
 * Patterns joined with `||` or negated (`!=`) do not count as console-failure filters.
 *
 * The catalog's join of the filter's `log_group_name` to the trail's `cloud_watch_logs_group_arn`
 * is not checked (the trail may be an organisation trail of another stack). The rule is dispatched
 * on filters and alarms only; aws_cloudtrail, also listed by the catalog, carries no finding.
 *
 * Fixes (catalog autofix.safe: false → review: the alarm pages people). They need the trail's log
 * group and an on-call SNS topic, which the rule never invents: the log group is the one the module's
 * first CloudTrail filter reads, and the topic is the `alarm_actions` every notifying alarm of the
 * module agrees on, else `var.security_alarm_sns_topic_arn` (declared without a default; a snippet
 * placeholder where the editor supports it; the `…ChosenTopic` fixes). The alarm follows the CIS AWS
 * Foundations Benchmark: Sum over 300 s, alarm at 1 or more.
 * - noFilter: the catalog's metric filter and an alarm on its metric, right after the first
 *   CloudTrail filter (not offered when its log_group_name or count/for_each cannot be copied);
 * - noAlarm: an alarm on the filter's metric, right after the filter (not for a filter with
 *   count/for_each or a dynamic metric_transformation);
 * - noActions: `alarm_actions` inserted, or replacing `[]` (not when actions_enabled = false, which
 *   someone set on purpose, nor when alarm_actions comes from elsewhere).
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute, insertBlockAfter, replaceSpan } from '../../fixes/terraform-edits';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Related, TerraformContext } from '../types';
import {
  agreedExpression,
  copyableExpression,
  judgeBool,
  nestedInstances,
  resourceBlockLines,
  resourceReference,
  sameResource,
  uniqueResourceName,
  valueText,
  withUserValues,
  type Evaluator,
} from './helpers';
import { asString, originRelated, originSuffix } from './values';

const FILTER = 'aws_cloudwatch_log_metric_filter';
const ALARM = 'aws_cloudwatch_metric_alarm';

const messages = {
  noFilter:
    'aws_cloudwatch_log_metric_filter "{name}" is one of this module\'s CloudTrail metric filters, but none of them counts failed console sign-ins ($.eventName = ConsoleLogin && $.errorMessage = "Failed authentication"); repeated log-in failures raise no alarm.',
  noAlarm: 'aws_cloudwatch_log_metric_filter "{name}" counts failed console sign-ins, but no aws_cloudwatch_metric_alarm in this module watches its metric{metric}; nobody is alerted.',
  noActions: 'aws_cloudwatch_metric_alarm "{name}" watches failed console sign-ins but {why}; nobody is notified when it fires.',
};
const TOPIC: UserValue = { variable: 'security_alarm_sns_topic_arn', description: 'ARN of the SNS topic that alerts the on-call security team' };
const PAGES = 'on-call is alerted at each failed console sign-in';
const fixes = {
  addFilterAndAlarm: { title: `Add a metric filter and an alarm for failed console sign-ins, notifying the topic of the module's other alarms (review: ${PAGES})`, safety: 'review' as const },
  addFilterAndAlarmChosenTopic: { title: `Add a metric filter and an alarm for failed console sign-ins, notifying an SNS topic you choose (var.${TOPIC.variable}; ${PAGES})`, safety: 'review' as const },
  addAlarm: { title: `Add an alarm on this metric, notifying the topic of the module's other alarms (review: ${PAGES})`, safety: 'review' as const },
  addAlarmChosenTopic: { title: `Add an alarm on this metric, notifying an SNS topic you choose (var.${TOPIC.variable}; ${PAGES})`, safety: 'review' as const },
  notify: { title: `Notify the topic of the module's other alarms (review: ${PAGES})`, safety: 'review' as const },
  notifyChosenTopic: { title: `Notify an SNS topic you choose (var.${TOPIC.variable}; ${PAGES})`, safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;
type Fix = { readonly fixId: keyof typeof fixes; readonly edits: readonly FixEdit[] };
type ModuleCtx = Evaluator & Pick<Ctx, 'module'>;
type Unknown = { readonly kind: 'unknown'; readonly at: Span; readonly reason: string };

export default defineTerraformRule({
  id: 'aws-cloudwatch-alarm-console-auth-failures',
  resourceTypes: [FILTER, ALARM],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === FILTER) checkFilter(resource, ctx);
    else checkAlarm(resource, ctx);
  },
});

// ---------------------------------------------------------------------------------------------
// Filters

type Kind = { readonly kind: 'console' | 'cloudtrail' | 'other' } | Unknown;

const CLOUDTRAIL_FIELDS = /\$\.(eventName|eventSource|eventType|eventCategory|userIdentity|errorCode|errorMessage|sourceIPAddress|requestParameters|responseElements|additionalEventData|recipientAccountId)\b/;

function classify(ctx: Evaluator, filter: TfBlock): Kind {
  const attr = filter.attributes.get('pattern');
  if (attr === undefined) return { kind: 'other' };
  const resolved = ctx.evaluate(attr.expr);
  if (!resolved.known) return { kind: 'unknown', at: attr.expr.span, reason: `pattern = ${resolved.text} cannot be resolved statically` };
  const pattern = resolved.value === null ? undefined : asString(resolved.value);
  if (pattern === undefined) return { kind: 'other' };
  if (isConsoleAuthFailure(pattern)) return { kind: 'console' };
  return CLOUDTRAIL_FIELDS.test(pattern) ? { kind: 'cloudtrail' } : { kind: 'other' };
}

/** The catalog's regex, both terms required (AND), in either order; `||` and `!=` do not count. */
function isConsoleAuthFailure(pattern: string): boolean {
  const p = pattern.trim();
  if (p.startsWith('{')) {
    if (p.includes('||')) return false;
    return /\$\.eventName\s*=\s*"?ConsoleLogin"?(?![\w-])/.test(p) && /\$\.errorMessage\s*=\s*"?Failed authentication"?/.test(p);
  }
  // Space-separated terms of an unstructured pattern must all match; `?term` means OR, `-term` excludes.
  if (/(^|\s)\?/.test(p)) return false;
  return /(^|\s)"?ConsoleLogin"?(\s|$)/.test(p) && /(^|\s)"Failed authentication"/.test(p);
}

interface Metric {
  readonly name: string | undefined;
  readonly namespace: string | undefined;
}

function filterMetrics(ctx: Evaluator, filter: TfBlock): { metrics: Metric[]; unknown?: Unknown } {
  const blocks = nestedInstances(ctx, filter, 'metric_transformation');
  const maybe = blocks.uncertain[0];
  const metrics = blocks.present.map((b) => ({ name: stringOf(ctx, b, 'name'), namespace: stringOf(ctx, b, 'namespace') }));
  return maybe === undefined ? { metrics } : { metrics, unknown: { kind: 'unknown', at: maybe.at, reason: maybe.reason } };
}

function stringOf(ctx: Evaluator, block: TfBlock, name: string): string | undefined {
  const attr = block.attributes.get(name);
  if (attr === undefined) return undefined;
  const v = ctx.evaluate(attr.expr);
  return v.known && v.value !== null ? asString(v.value) : undefined;
}

function filters(ctx: ModuleCtx): Located<TfBlock>[] {
  return ctx.module.resourcesOfType(FILTER).filter((f) => !f.node.hasErrors);
}

function alarms(ctx: ModuleCtx): Located<TfBlock>[] {
  return ctx.module.resourcesOfType(ALARM).filter((a) => !a.node.hasErrors);
}

function checkFilter(resource: Located<TfBlock>, ctx: Ctx): void {
  const filter = resource.node;
  const kind = classify(ctx, filter);
  if (kind.kind === 'unknown') {
    ctx.cannotDetermine(kind.at, kind.reason);
    return;
  }
  if (kind.kind === 'console') {
    checkConsoleFilter(resource, ctx);
    return;
  }
  if (kind.kind !== 'cloudtrail') return;
  // The module monitors CloudTrail events: it is a security baseline. The finding is shown once, on its first CloudTrail filter.
  const all = filters(ctx).map((f) => ({ f, kind: classify(ctx, f.node) }));
  const anchor = all.find((x) => x.kind.kind === 'cloudtrail');
  if (anchor === undefined || !sameResource(anchor.f, resource)) return;
  if (all.some((x) => x.kind.kind === 'console')) return;
  const unknown = all.find((x) => x.kind.kind === 'unknown');
  if (unknown !== undefined) {
    ctx.cannotDetermine(filter.headerSpan, `${FILTER} "${resourceName(unknown.f.node)}" may count failed console sign-ins; its pattern cannot be resolved statically`);
    return;
  }
  const fix = addFilterAndAlarm(resource, ctx);
  ctx.report({ messageId: 'noFilter', at: filter.headerSpan, data: { name: resourceName(filter) }, ...(fix !== undefined ? { fix } : {}) });
}

function checkConsoleFilter(resource: Located<TfBlock>, ctx: Ctx): void {
  const filter = resource.node;
  const { metrics, unknown } = filterMetrics(ctx, filter);
  let undecided: Unknown | undefined = unknown;
  let watched = false;
  for (const alarm of alarms(ctx)) {
    const w = watches(ctx, alarm.node, resource, metrics);
    if (w === false) continue;
    if (w !== true) {
      undecided ??= { kind: 'unknown', at: filter.headerSpan, reason: `${ALARM} "${resourceName(alarm.node)}": ${w}` };
      continue;
    }
    watched = true;
    const n = notifies(ctx, alarm.node);
    if (n.kind === 'yes') return;
  }
  // Alarms on the metric that notify nobody carry their own finding.
  if (watched) return;
  if (undecided !== undefined) {
    ctx.cannotDetermine(undecided.at, undecided.reason);
    return;
  }
  const named = metrics.find((m) => m.name !== undefined);
  const fix = addAlarm(resource, ctx);
  ctx.report({ messageId: 'noAlarm', at: filter.headerSpan, data: { name: resourceName(filter), metric: named?.name !== undefined ? ` "${named.name}"` : '' }, ...(fix !== undefined ? { fix } : {}) });
}

// ---------------------------------------------------------------------------------------------
// Alarms

function checkAlarm(resource: Located<TfBlock>, ctx: Ctx): void {
  const alarm = resource.node;
  const consoleFilters = filters(ctx).filter((f) => classify(ctx, f.node).kind === 'console');
  const watched = consoleFilters.filter((f) => watches(ctx, alarm, f, filterMetrics(ctx, f.node).metrics) === true);
  if (watched.length === 0) return;
  const n = notifies(ctx, alarm);
  if (n.kind === 'yes') return;
  if (n.kind === 'unknown') {
    ctx.cannotDetermine(n.at, n.reason);
    return;
  }
  // Another alarm on the same metric that does notify satisfies the check.
  for (const other of alarms(ctx)) {
    if (sameResource(other, resource)) continue;
    for (const f of watched) {
      if (watches(ctx, other.node, f, filterMetrics(ctx, f.node).metrics) === true && notifies(ctx, other.node).kind === 'yes') return;
    }
  }
  const fix = addAlarmActions(resource, ctx);
  ctx.report({ messageId: 'noActions', at: n.at ?? alarm.headerSpan, data: { name: resourceName(alarm), why: n.why }, related: n.related ?? [], ...(fix !== undefined ? { fix } : {}) });
}

// ---------------------------------------------------------------------------------------------
// Fixes

/** The `alarm_actions` of a new or silent alarm: the one the module's notifying alarms agree on, else the user's topic. */
function alarmActions(ctx: Ctx): { readonly text: string; readonly chosen: boolean } {
  const agreed = agreedExpression(alarms(ctx).filter((a) => notifies(ctx, a.node).kind === 'yes').map((a) => a.node.attributes.get('alarm_actions')?.expr));
  return agreed !== undefined ? { text: agreed, chosen: false } : { text: `[${userValueRef(TOPIC)}]`, chosen: true };
}

/** The fix with `fixId` or its `…ChosenTopic` variant, its user value finished. */
function withTopic(ctx: Ctx, uri: string, fixId: 'addFilterAndAlarm' | 'addAlarm' | 'notify', chosen: boolean, edits: readonly FixEdit[]): Fix {
  return chosen ? { fixId: `${fixId}ChosenTopic`, edits: withUserValues(ctx, uri, [TOPIC], edits) } : { fixId, edits };
}

/** An aws_cloudwatch_metric_alarm on the metric of filter `filterName` (CIS: Sum over 300 s, alarm at 1 or more). */
function alarmLines(ctx: Ctx, filterName: string, actions: string): string[] {
  const metric = `${FILTER}.${filterName}.metric_transformation[0]`;
  return resourceBlockLines(ALARM, uniqueResourceName(ctx.module, ALARM, 'console_auth_failures'), [
    ['alarm_name', '"console-auth-failures"'],
    ['alarm_description', '"Failed AWS console sign-ins"'],
    ['comparison_operator', '"GreaterThanOrEqualToThreshold"'],
    ['evaluation_periods', '1'],
    ['metric_name', `${metric}.name`],
    ['namespace', `${metric}.namespace`],
    ['period', '300'],
    ['statistic', '"Sum"'],
    ['threshold', '1'],
    ['alarm_actions', actions],
  ]);
}

function hasInstances(block: TfBlock): boolean {
  return block.attributes.has('count') || block.attributes.has('for_each');
}

/** The catalog's filter and an alarm on it, after the module's first CloudTrail filter, reading the same log group. */
function addFilterAndAlarm(anchor: Located<TfBlock>, ctx: Ctx): Fix | undefined {
  if (hasInstances(anchor.node)) return undefined;
  const logGroup = anchor.node.attributes.get('log_group_name');
  const logGroupText = logGroup === undefined ? undefined : copyableExpression(logGroup.expr);
  if (logGroupText === undefined) return undefined;
  const namespace = nestedBlocks(anchor.node, 'metric_transformation')[0]?.attributes.get('namespace');
  const namespaceText = (namespace === undefined ? undefined : copyableExpression(namespace.expr)) ?? '"Security"';
  const name = uniqueResourceName(ctx.module, FILTER, 'console_auth_failures');
  const filterLines = resourceBlockLines(
    FILTER,
    name,
    [
      ['name', '"console-auth-failures"'],
      ['log_group_name', logGroupText],
      ['pattern', '"{ ($.eventName = ConsoleLogin) && ($.errorMessage = \\"Failed authentication\\") }"'],
    ],
    ['', 'metric_transformation {', '  name      = "ConsoleAuthFailures"', `  namespace = ${namespaceText}`, '  value     = "1"', '}'],
  );
  const actions = alarmActions(ctx);
  const edit = insertBlockAfter(ctx.text, anchor, [...filterLines, '', ...alarmLines(ctx, name, actions.text)]);
  return withTopic(ctx, anchor.uri, 'addFilterAndAlarm', actions.chosen, [edit]);
}

/** An alarm on a console-failure filter's metric, right after the filter. */
function addAlarm(filter: Located<TfBlock>, ctx: Ctx): Fix | undefined {
  if (hasInstances(filter.node) || nestedBlocks(filter.node, 'metric_transformation').length !== 1) return undefined;
  const actions = alarmActions(ctx);
  const edit = insertBlockAfter(ctx.text, filter, alarmLines(ctx, resourceName(filter.node), actions.text));
  return withTopic(ctx, filter.uri, 'addAlarm', actions.chosen, [edit]);
}

/** `alarm_actions` for an alarm that has none or `[]`; undefined when actions are disabled on purpose or set elsewhere. */
function addAlarmActions(alarm: Located<TfBlock>, ctx: Ctx): Fix | undefined {
  if (judgeBool(ctx, alarm.node, 'actions_enabled', true, 'pass').kind !== 'ok') return undefined;
  const current = alarm.node.attributes.get('alarm_actions');
  if (current !== undefined && !(current.expr.kind === 'tuple' && current.expr.items.length === 0)) return undefined;
  const actions = alarmActions(ctx);
  const edit = current === undefined ? insertAttribute(alarm.uri, ctx.text, alarm.node, 'alarm_actions', actions.text) : replaceSpan(alarm.uri, current.expr.span, actions.text);
  return withTopic(ctx, alarm.uri, 'notify', actions.chosen, [edit]);
}

/** Whether the alarm watches the filter's metric: true, false, or the reason it cannot be told. */
function watches(ctx: Evaluator, alarm: TfBlock, filter: Located<TfBlock>, metrics: readonly Metric[]): boolean | string {
  const pairs: { name: TfExpr; namespace?: TfExpr }[] = [];
  const top = alarm.attributes.get('metric_name');
  if (top !== undefined) pairs.push({ name: top.expr, ...namespaceOf(alarm) });
  for (const query of nestedInstances(ctx, alarm, 'metric_query').present) {
    for (const metric of nestedInstances(ctx, query, 'metric').present) {
      const n = metric.attributes.get('metric_name');
      if (n !== undefined) pairs.push({ name: n.expr, ...namespaceOf(metric) });
    }
  }
  let unknown: string | undefined;
  for (const pair of pairs) {
    const names = metricNames(ctx, pair.name, filter, metrics);
    if (typeof names === 'string') {
      unknown ??= names;
      continue;
    }
    if (names.length === 0) continue;
    if (pair.namespace === undefined) return true;
    const ref = resourceReference(pair.namespace);
    if (ref !== undefined) {
      if (ref.type === FILTER && ref.name === resourceName(filter.node)) return true;
      unknown ??= `namespace ${ref.type}.${ref.name} cannot be resolved statically`;
      continue;
    }
    const ns = ctx.evaluate(pair.namespace);
    const namespace = ns.known && ns.value !== null ? asString(ns.value) : undefined;
    if (names.some((m) => m.namespace === undefined || namespace === undefined || m.namespace === namespace)) return true;
  }
  return unknown ?? false;
}

function namespaceOf(block: TfBlock): { namespace?: TfExpr } {
  const ns = block.attributes.get('namespace');
  return ns === undefined ? {} : { namespace: ns.expr };
}

/** The filter's metrics that `expr` (an alarm's metric_name) names, or the reason it cannot be told. */
function metricNames(ctx: Evaluator, expr: TfExpr, filter: Located<TfBlock>, metrics: readonly Metric[]): Metric[] | string {
  const ref = resourceReference(expr);
  if (ref !== undefined) {
    if (ref.type !== FILTER) return `metric_name refers to ${ref.type}.${ref.name}`;
    if (ref.name !== resourceName(filter.node)) return [];
    if (ref.attributes.includes('metric_transformation')) return [...metrics];
    // `.id` / `.name` is the filter's name: it names the metric only when they are equal.
    const filterName = stringOf(ctx, filter.node, 'name');
    if (filterName === undefined || metrics.some((m) => m.name === undefined)) return "the filter's name or metric name cannot be resolved statically";
    return metrics.filter((m) => m.name === filterName);
  }
  const v = ctx.evaluate(expr);
  if (!v.known) return `metric_name = ${v.text} cannot be resolved statically`;
  const name = v.value === null ? undefined : asString(v.value);
  if (name === undefined) return [];
  const named = metrics.filter((m) => m.name === name);
  if (named.length === 0 && metrics.some((m) => m.name === undefined)) return "the filter's metric name cannot be resolved statically";
  return named;
}

type Notifies = { kind: 'yes' } | { kind: 'no'; at?: Span; why: string; related?: Related[] } | Unknown;

function notifies(ctx: Evaluator, alarm: TfBlock): Notifies {
  const enabled = judgeBool(ctx, alarm, 'actions_enabled', true, 'pass');
  if (enabled.kind === 'unknown') return { kind: 'unknown', at: enabled.at, reason: enabled.reason };
  if (enabled.kind === 'wrong') return { kind: 'no', at: enabled.attr.expr.span, why: `sets actions_enabled = ${valueText(enabled.resolved)}${originSuffix(enabled.resolved)}`, related: originRelated(enabled.resolved) };
  const actions = alarm.attributes.get('alarm_actions');
  if (actions === undefined) return { kind: 'no', why: 'has no alarm_actions' };
  if (actions.expr.kind === 'tuple') return actions.expr.items.length > 0 ? { kind: 'yes' } : { kind: 'no', at: actions.expr.span, why: 'sets alarm_actions = []' };
  const v = ctx.evaluate(actions.expr);
  if (!v.known) return { kind: 'unknown', at: actions.expr.span, reason: `alarm_actions = ${v.text} cannot be resolved statically` };
  if (v.value === null || (Array.isArray(v.value) && v.value.length === 0)) return { kind: 'no', at: actions.expr.span, why: `sets alarm_actions = ${v.value === null ? 'null' : '[]'}` };
  return { kind: 'yes' };
}
