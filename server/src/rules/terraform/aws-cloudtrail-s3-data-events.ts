/**
 * aws-cloudtrail-s3-data-events: CloudTrail must record S3 object-level (data) events, and cover
 * every PHI bucket (catalog pass_if_any: an `event_selector.data_resource` of type
 * `AWS::S3::Object`, or an `advanced_event_selector` whose `resources.type` field equals it;
 * coverage: the values include `arn:aws:s3` (all buckets) or the ARN prefix of every PHI-tagged bucket;
 * fail_if: no trail in the account baseline records S3 data events).
 *
 * Cross-file decisions (trails and PHI buckets usually live in different stacks):
 * - aws_cloudtrail: reported only when no trail of the module records S3 object data events. A
 *   module that declares trails is treated as the place where the account's trails are defined; a
 *   module without trails is never reported on this ground.
 * - aws_s3_bucket: judged only when it is tagged as PHI (`phiClassification`: a classification tag
 *   such as `DataClassification = "phi"` on the bucket or in the `aws` provider's `default_tags`),
 *   is not the log bucket of a trail (data events on a trail's own bucket log every log delivery),
 *   and the module declares at least one trail that records S3 data events. It is reported when
 *   none of those trails' selectors covers it. With no trail in the module, or tags that cannot be
 *   resolved, the rule cannot determine coverage. When no trail records S3 data events at all, the
 *   trails carry the finding and the buckets are not reported again.
 * - Coverage: a value referencing the bucket (`"${aws_s3_bucket.phi.arn}/"`, any object prefix of
 *   it), a literal ARN prefix of its objects (resolved through variables), or an all-bucket prefix
 *   (`arn:aws:s3`, `arn:aws:s3:::`). Advanced selectors: `resources.ARN` `starts_with` values (none =
 *   all buckets), minus `not_starts_with` values. Any read_write_type counts for a bucket's coverage.
 * - Reads and writes (an extension of the catalog, whose autofix records "All"): when the module's
 *   trails record S3 object data events, but only reads (`read_write_type = "ReadOnly"`, advanced
 *   `readOnly = ["true"]`) or only writes, each trail with such a selector is reported at the
 *   setting, one severity step lower (low): who changed (or who read) PHI objects is not recorded.
 *
 * Fixes (review; catalog autofix.safe is false: data events are billed per event):
 * - trail: adds an `event_selector` recording S3 object events for the module's PHI buckets, or for
 *   every bucket when the module has none; not offered on trails with advanced selectors (the two
 *   kinds cannot be mixed).
 * - bucket: appends `"${aws_s3_bucket.<name>.arn}/"` to the values of the first trail selector that
 *   already records S3 object events, when that list is written literally.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { insertNestedBlock, replaceSpan } from '../../fixes/terraform-edits';
import type { Span } from '../../model/span';
import { memoWithLookups, type MemoEntry } from '../../model/terraform/lookups';
import { defineModuleFact } from '../../model/facts';
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Related, TerraformContext } from '../types';
import { nestedInstances, phiClassification, resourceReference, valueText, type Evaluator } from './helpers';
import { asString, asStringList, originRelated, originSuffix } from './values';

const TRAIL = 'aws_cloudtrail';
const BUCKET = 'aws_s3_bucket';
const S3_OBJECT = 'AWS::S3::Object';

const messages = {
  noDataEvents: 'aws_cloudtrail "{name}" does not record S3 object-level (data) events, and no other trail in this module does; reads and writes of PHI objects are not attributable to anyone.',
  notCovered:
    'aws_s3_bucket "{name}" is tagged as PHI ({tag}), but no trail in this module records its object-level (data) events; reads and writes of its objects are not attributable to anyone.',
  partialDataEvents: 'aws_cloudtrail "{name}" records S3 object data events for {recorded} only ({setting}), and no trail in this module records {missing}; {consequence}',
};
const fixes = {
  recordPhiBuckets: { title: 'Record S3 object data events for the PHI buckets of this module (billed per event)', safety: 'review' as const },
  recordAllBuckets: { title: 'Record S3 object data events for every bucket (billed per event)', safety: 'review' as const },
  addBucket: { title: "Add this bucket to the trail's S3 data-event selector (billed per event)", safety: 'review' as const },
  recordAll: { title: 'Record reads and writes: read_write_type = "All" (billed per event)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;
type ModuleCtx = Evaluator & Pick<Ctx, 'module'>;

type Pattern = { kind: 'all' } | { kind: 'ref'; bucket: string } | { kind: 'prefix'; value: string } | { kind: 'unknown'; at: Span; reason: string };
/** Which S3 object events a selector records (`read_write_type`, or an advanced `readOnly` field). */
type Mode =
  | {
      readonly kind: 'known';
      readonly reads: boolean;
      readonly writes: boolean;
      /** Where a partial setting is written, how it reads, and where its value comes from. */
      readonly at?: Span;
      readonly text?: string;
      readonly literal?: boolean;
      readonly related?: readonly Related[];
    }
  | { readonly kind: 'unknown'; readonly at: Span; readonly reason: string };
const ALL_EVENTS: Mode = { kind: 'known', reads: true, writes: true };
interface Selector {
  /** Object ARNs recorded: empty = none of the buckets as a whole. */
  readonly include: readonly Pattern[];
  readonly exclude: readonly Pattern[];
  readonly mode: Mode;
  /** The literal `values = [...]` of a basic data_resource (for the add-bucket fix). */
  readonly values?: Extract<TfExpr, { kind: 'tuple' }>;
}
interface TrailEvents {
  readonly selectors: readonly Selector[];
  /** A selector that may record S3 object events but cannot be resolved. */
  readonly unknown?: { readonly at: Span; readonly reason: string };
}

export default defineTerraformRule({
  id: 'aws-cloudtrail-s3-data-events',
  resourceTypes: [TRAIL, BUCKET],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === TRAIL) checkTrail(resource, ctx);
    else checkBucket(resource, ctx);
  },
});

function trails(ctx: ModuleCtx): Located<TfBlock>[] {
  return ctx.module.resourcesOfType(TRAIL).filter((t) => !t.node.hasErrors);
}

function checkTrail(resource: Located<TfBlock>, ctx: Ctx): void {
  let unknown: { at: Span; reason: string } | undefined;
  const recorded: Selector[] = [];
  let own: readonly Selector[] = [];
  for (const trail of trails(ctx)) {
    const events = s3DataEvents(ctx, trail.node);
    recorded.push(...events.selectors);
    if (trail.node === resource.node) own = events.selectors;
    if (events.unknown !== undefined) unknown ??= trail.node === resource.node ? events.unknown : { at: resource.node.headerSpan, reason: `aws_cloudtrail "${resourceName(trail.node)}": ${events.unknown.reason}` };
  }
  if (recorded.length > 0) {
    checkModes(resource, ctx, recorded, own);
    return;
  }
  if (unknown !== undefined) {
    ctx.cannotDetermine(unknown.at, unknown.reason);
    return;
  }
  const fix = addSelectorFix(resource, ctx);
  ctx.report({ messageId: 'noDataEvents', at: resource.node.headerSpan, data: { name: resourceName(resource.node) }, ...(fix ? { fix } : {}) });
}

/**
 * The module's trails record S3 object data events: report this trail's selectors when, together,
 * the trails record only reads or only writes.
 */
function checkModes(resource: Located<TfBlock>, ctx: Ctx, recorded: readonly Selector[], own: readonly Selector[]): void {
  let reads = false;
  let writes = false;
  let unknown: { at: Span; reason: string } | undefined;
  for (const { mode } of recorded) {
    if (mode.kind === 'unknown') unknown ??= mode;
    else {
      reads ||= mode.reads;
      writes ||= mode.writes;
    }
  }
  if (reads && writes) return;
  const partial = own.filter((s) => s.mode.kind === 'known' && s.mode.at !== undefined);
  if (partial.length === 0) return; // another trail carries the finding
  if (unknown !== undefined) {
    ctx.cannotDetermine(resource.node.headerSpan, `which S3 data events are recorded cannot be told: ${unknown.reason}`);
    return;
  }
  const onlyReads = reads;
  const reported = new Set<number>();
  for (const { mode } of partial) {
    if (mode.kind !== 'known' || mode.at === undefined || reported.has(mode.at.start)) continue;
    reported.add(mode.at.start);
    ctx.report({
      messageId: 'partialDataEvents',
      at: mode.at,
      severity: 'low',
      related: mode.related ?? [],
      data: {
        name: resourceName(resource.node),
        recorded: onlyReads ? 'reads' : 'writes',
        missing: onlyReads ? 'writes' : 'reads',
        setting: mode.text ?? '',
        consequence: onlyReads ? 'who changed or deleted PHI objects is not recorded.' : 'who read PHI objects is not recorded.',
      },
      ...(mode.literal === true ? { fix: { fixId: 'recordAll' as const, edits: [replaceSpan(resource.uri, mode.at, '"All"')] } } : {}),
    });
  }
}

function checkBucket(resource: Located<TfBlock>, ctx: Ctx): void {
  const bucket = resource.node;
  const phi = phiClassification(ctx, bucket);
  if (phi.kind === 'not-phi') return;
  const all = trails(ctx);
  if (isTrailLogBucket(ctx, resource)) return;
  if (phi.kind === 'unknown') {
    ctx.cannotDetermine(bucket.headerSpan, `whether the bucket holds PHI cannot be told: ${phi.reason}`);
    return;
  }
  if (all.length === 0) {
    ctx.cannotDetermine(bucket.headerSpan, 'no aws_cloudtrail in this module: data-event coverage depends on trails declared elsewhere');
    return;
  }
  const name = bucketName(ctx, bucket);
  let recording = false;
  let undecided: { at: Span; reason: string } | undefined;
  const related: Related[] = [];
  let target: Extract<TfExpr, { kind: 'tuple' }> | undefined;
  let targetUri: string | undefined;
  for (const { trail, events } of recordingTrails(ctx)) {
    if (events.unknown !== undefined) undecided ??= events.unknown;
    if (events.selectors.length === 0) continue;
    recording = true;
    related.push({ uri: trail.uri, span: trail.node.headerSpan, message: `aws_cloudtrail "${resourceName(trail.node)}" records S3 data events for other objects only` });
    for (const selector of events.selectors) {
      const verdict = selectorCovers(selector, resourceName(bucket), name);
      if (verdict === true) return;
      if (verdict !== false) undecided ??= { at: bucket.headerSpan, reason: verdict };
      if (target === undefined && selector.values !== undefined) {
        target = selector.values;
        targetUri = trail.uri;
      }
    }
  }
  if (!recording) {
    // No trail records S3 data events: the trails carry the finding (or the coverage is unknown).
    if (undecided !== undefined) ctx.cannotDetermine(undecided.at, undecided.reason);
    return;
  }
  if (undecided !== undefined) {
    ctx.cannotDetermine(undecided.at, undecided.reason);
    return;
  }
  const canReference = !bucket.attributes.has('count') && !bucket.attributes.has('for_each');
  const fix = target !== undefined && targetUri !== undefined && canReference ? appendValue(targetUri, target, `"\${aws_s3_bucket.${resourceName(bucket)}.arn}/"`) : undefined;
  ctx.report({
    messageId: 'notCovered',
    at: bucket.headerSpan,
    data: { name: resourceName(bucket), tag: phi.tag },
    related,
    ...(fix ? { fix: { fixId: 'addBucket' as const, edits: [fix] } } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Selectors

/** The selectors of a trail that record S3 object events (basic and advanced). */
/**
 * Per module version (or per instance judged: evaluation binds its `count.index`/`each.*`), what each
 * trail records, the trails that record or may record S3 data events, and the module's trail log
 * buckets: every trail and bucket of the module asks, so each is read once.
 */
type TrailCtx = ModuleCtx & { readonly instance?: object };
const eventsMemo = new WeakMap<object, WeakMap<TfBlock, MemoEntry<TrailEvents>>>();
const recordingMemo = new WeakMap<object, MemoEntry<readonly { readonly trail: Located<TfBlock>; readonly events: TrailEvents }[]>>();
const logBucketsMemo = new WeakMap<object, MemoEntry<{ readonly names: ReadonlySet<string>; readonly values: ReadonlySet<string> }>>();
const phiBucketsMemo = new WeakMap<object, MemoEntry<readonly Located<TfBlock>[]>>();
const memoKeyOf = (ctx: TrailCtx): object => ctx.instance ?? ctx.module;

function s3DataEvents(ctx: TrailCtx, trail: TfBlock): TrailEvents {
  let perKey = eventsMemo.get(memoKeyOf(ctx));
  if (perKey === undefined) eventsMemo.set(memoKeyOf(ctx), (perKey = new WeakMap()));
  return memoWithLookups(perKey, trail, () => readS3DataEvents(ctx, trail));
}

/** The module's trails that record S3 object data events or may (their selectors cannot all be resolved), in module order. */
function recordingTrails(ctx: TrailCtx): readonly { readonly trail: Located<TfBlock>; readonly events: TrailEvents }[] {
  return memoWithLookups(recordingMemo, memoKeyOf(ctx), () =>
    trails(ctx)
      .map((trail) => ({ trail, events: s3DataEvents(ctx, trail.node) }))
      .filter(({ events }) => events.selectors.length > 0 || events.unknown !== undefined),
  );
}

/** Some trail of the module delivers its log files to `bucket` (`s3_bucket_name`: a reference to it, or its name resolved through variables). */
function isTrailLogBucket(ctx: TrailCtx, bucket: Located<TfBlock>): boolean {
  const logBuckets = memoWithLookups(logBucketsMemo, memoKeyOf(ctx), () => {
    const names = new Set<string>();
    const values = new Set<string>();
    for (const trail of trails(ctx)) {
      const attr = trail.node.attributes.get('s3_bucket_name');
      if (attr === undefined) continue;
      const ref = resourceReference(attr.expr);
      if (ref !== undefined) {
        if (ref.type === BUCKET) names.add(ref.name);
        continue;
      }
      const v = ctx.evaluate(attr.expr);
      if (v.known && typeof v.value === 'string') values.add(v.value);
    }
    return { names, values };
  });
  if (logBuckets.names.has(resourceName(bucket.node))) return true;
  const name = bucketName(ctx, bucket.node);
  return name !== undefined && logBuckets.values.has(name);
}

function readS3DataEvents(ctx: Evaluator, trail: TfBlock): TrailEvents {
  const selectors: Selector[] = [];
  let unknown: { at: Span; reason: string } | undefined;
  const basic = nestedInstances(ctx, trail, 'event_selector');
  for (const maybe of basic.uncertain) unknown ??= { at: maybe.at, reason: maybe.reason };
  for (const selector of basic.present) {
    const mode = basicMode(ctx, selector);
    const resources = nestedInstances(ctx, selector, 'data_resource');
    for (const maybe of resources.uncertain) unknown ??= { at: maybe.at, reason: maybe.reason };
    for (const data of resources.present) {
      const type = data.attributes.get('type');
      const values = data.attributes.get('values');
      if (type === undefined || values === undefined) continue;
      const t = ctx.evaluate(type.expr);
      if (!t.known) {
        unknown ??= { at: type.expr.span, reason: `data_resource type = ${t.text} cannot be resolved statically` };
        continue;
      }
      if (t.value !== S3_OBJECT) continue;
      selectors.push({ include: patterns(ctx, values.expr), exclude: [], mode, ...(values.expr.kind === 'tuple' ? { values: values.expr } : {}) });
    }
  }
  const advanced = nestedInstances(ctx, trail, 'advanced_event_selector');
  for (const maybe of advanced.uncertain) unknown ??= { at: maybe.at, reason: maybe.reason };
  for (const selector of advanced.present) {
    const parsed = advancedSelector(ctx, selector);
    if (parsed.kind === 'unknown') unknown ??= parsed;
    else if (parsed.kind === 'selector') selectors.push(parsed.selector);
  }
  return unknown === undefined ? { selectors } : { selectors, unknown };
}

/** `read_write_type` of a basic selector (absent: the provider default "All"). */
function basicMode(ctx: Evaluator, selector: TfBlock): Mode {
  const attr = selector.attributes.get('read_write_type');
  if (attr === undefined) return ALL_EVENTS;
  const v = ctx.evaluate(attr.expr);
  if (!v.known) return { kind: 'unknown', at: attr.expr.span, reason: `read_write_type = ${v.text} cannot be resolved statically` };
  if (v.value === null) return ALL_EVENTS;
  const text = `read_write_type = ${valueText(v)}${originSuffix(v)}`;
  const literal = attr.expr.kind === 'literal';
  const related = originRelated(v);
  switch (asString(v.value)) {
    case 'ReadOnly':
      return { kind: 'known', reads: true, writes: false, at: attr.expr.span, text, literal, related };
    case 'WriteOnly':
      return { kind: 'known', reads: false, writes: true, at: attr.expr.span, text, literal, related };
    default:
      return ALL_EVENTS; // "All" (the provider rejects other values)
  }
}

/** The `readOnly` field of an advanced selector: equals ["true"] records reads only, ["false"] writes only. */
function advancedMode(ctx: Evaluator, field: TfBlock): Mode {
  for (const op of ['equals', 'not_equals'] as const) {
    const attr = field.attributes.get(op);
    if (attr === undefined) continue;
    const v = ctx.evaluate(attr.expr);
    if (!v.known) return { kind: 'unknown', at: attr.expr.span, reason: `readOnly ${op} = ${v.text} cannot be resolved statically` };
    const list = asStringList(v.value);
    if (!list.complete) return { kind: 'unknown', at: attr.expr.span, reason: `readOnly ${op} values cannot be resolved statically` };
    const values = new Set(list.items.map((i) => i.toLowerCase()));
    const matchesTrue = values.has('true');
    const matchesFalse = values.has('false');
    // equals ["true"] / not_equals ["false"]: reads only; the reverse: writes only.
    const readsOnly = op === 'equals' ? matchesTrue && !matchesFalse : matchesFalse && !matchesTrue;
    const writesOnly = op === 'equals' ? matchesFalse && !matchesTrue : matchesTrue && !matchesFalse;
    if (readsOnly || writesOnly) return { kind: 'known', reads: readsOnly, writes: writesOnly, at: attr.expr.span, text: `readOnly ${op} ${valueText(v)}${originSuffix(v)}`, related: originRelated(v) };
  }
  return ALL_EVENTS;
}

type Advanced = { kind: 'selector'; selector: Selector } | { kind: 'other' } | { kind: 'unknown'; at: Span; reason: string };

function advancedSelector(ctx: Evaluator, selector: TfBlock): Advanced {
  const fields = nestedInstances(ctx, selector, 'field_selector');
  const maybe = fields.uncertain[0];
  if (maybe !== undefined) return { kind: 'unknown', at: maybe.at, reason: maybe.reason };
  let isS3 = false;
  let isData = true;
  const include: Pattern[] = [];
  const exclude: Pattern[] = [];
  let arnFilter = false;
  let mode = ALL_EVENTS;
  for (const field of fields.present) {
    const f = field.attributes.get('field');
    if (f === undefined) continue;
    const name = ctx.evaluate(f.expr);
    if (!name.known) return { kind: 'unknown', at: f.expr.span, reason: `field = ${name.text} cannot be resolved statically` };
    const fieldName = asString(name.value);
    if (fieldName === 'resources.type' || fieldName === 'eventCategory') {
      const equals = field.attributes.get('equals');
      if (equals === undefined) continue;
      const v = ctx.evaluate(equals.expr);
      if (!v.known) return { kind: 'unknown', at: equals.expr.span, reason: `${fieldName} equals = ${v.text} cannot be resolved statically` };
      const list = asStringList(v.value);
      if (fieldName === 'resources.type') isS3 = list.items.includes(S3_OBJECT);
      else isData = list.items.includes('Data');
      if (!list.complete && !(fieldName === 'resources.type' ? isS3 : isData)) return { kind: 'unknown', at: equals.expr.span, reason: `${fieldName} values cannot be resolved statically` };
    } else if (fieldName === 'resources.ARN') {
      arnFilter = true;
      const starts = field.attributes.get('starts_with');
      if (starts !== undefined) include.push(...patterns(ctx, starts.expr));
      const notStarts = field.attributes.get('not_starts_with');
      if (notStarts !== undefined) exclude.push(...patterns(ctx, notStarts.expr));
      // `equals` / `not_equals` name single objects: they never cover a bucket as a whole.
    } else if (fieldName === 'readOnly') {
      mode = advancedMode(ctx, field);
    }
  }
  if (!isS3 || !isData) return { kind: 'other' };
  if (!arnFilter || (include.length === 0 && exclude.length > 0)) include.push({ kind: 'all' });
  return { kind: 'selector', selector: { include, exclude, mode } };
}

/** The object ARN patterns of a `values` / `starts_with` list. */
function patterns(ctx: Evaluator, expr: TfExpr): Pattern[] {
  const items = expr.kind === 'tuple' ? expr.items : [expr];
  const out: Pattern[] = [];
  for (const item of items) {
    const partition = partitionTemplate(item);
    if (partition !== undefined) {
      out.push(prefixPattern(partition));
      continue;
    }
    const ref = resourceReference(item);
    if (ref !== undefined) {
      if (ref.type === BUCKET && ref.attributes[0] === 'arn') out.push({ kind: 'ref', bucket: ref.name });
      else out.push({ kind: 'unknown', at: item.span, reason: `${ref.type}.${ref.name} is not a bucket of this module` });
      continue;
    }
    const resolved = ctx.evaluate(item);
    if (!resolved.known) {
      out.push({ kind: 'unknown', at: item.span, reason: `${resolved.text} cannot be resolved statically` });
      continue;
    }
    if (resolved.value === null) continue;
    const list = asStringList(resolved.value);
    for (const value of list.items) out.push(prefixPattern(value));
    if (!list.complete) out.push({ kind: 'unknown', at: item.span, reason: 'a value cannot be resolved statically' });
  }
  return out;
}

/** `"arn:${data.aws_partition.current.partition}:s3…"`: the partition does not change what the prefix covers. */
function partitionTemplate(expr: TfExpr): string | undefined {
  if (expr.kind !== 'template' || expr.parts.length < 2 || expr.parts[0] !== 'arn:') return undefined;
  const ref = typeof expr.parts[1] === 'string' ? undefined : resourceReference(expr.parts[1]!);
  if (ref?.type !== 'data.aws_partition' || ref.attributes[0] !== 'partition') return undefined;
  const rest = expr.parts.slice(2);
  return rest.every((p): p is string => typeof p === 'string') ? `arn:aws${rest.join('')}` : undefined;
}

function prefixPattern(value: string): Pattern {
  const m = /^arn:[^:]*:s3(.*)$/.exec(value.trim().replace(/\*+$/, ''));
  if (m === null) return { kind: 'prefix', value: '\u0000' }; // not an S3 ARN: covers nothing
  const rest = m[1]!;
  if (/^:{0,3}$/.test(rest)) return { kind: 'all' };
  return rest.startsWith(':::') ? { kind: 'prefix', value: rest.slice(3) } : { kind: 'prefix', value: '\u0000' };
}

/** true / false, or the reason it cannot be told. */
function selectorCovers(selector: Selector, resource: string, name: string | undefined): true | false | string {
  const inc = matchAny(selector.include, resource, name);
  if (inc !== true) return inc;
  const exc = matchAny(selector.exclude, resource, name);
  if (exc === false) return true;
  return exc === true ? false : exc;
}

function matchAny(list: readonly Pattern[], resource: string, name: string | undefined): true | false | string {
  let unknown: string | undefined;
  for (const p of list) {
    const m = matches(p, resource, name);
    if (m === true) return true;
    if (m !== false) unknown ??= m;
  }
  return unknown ?? false;
}

function matches(p: Pattern, resource: string, name: string | undefined): true | false | string {
  switch (p.kind) {
    case 'all':
      return true;
    case 'ref':
      return p.bucket === resource;
    case 'unknown':
      return p.reason;
    case 'prefix': {
      if (p.value === '\u0000') return false;
      if (name === undefined) return "the bucket's name cannot be resolved statically";
      const objects = `${name}/`;
      return objects.startsWith(p.value) || p.value.startsWith(objects);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Buckets

function bucketName(ctx: Evaluator, bucket: TfBlock): string | undefined {
  const attr = bucket.attributes.get('bucket');
  if (attr === undefined) return undefined;
  const v = ctx.evaluate(attr.expr);
  return v.known && typeof v.value === 'string' ? v.value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Fixes

/** The module's PHI buckets other than trail log buckets, in module order (what the selector fix scopes to). */
function readPhiBuckets(ctx: ModuleCtx & { readonly instance?: object }): readonly Located<TfBlock>[] {
  return ctx.module.resourcesOfType(BUCKET).filter((b) => !b.node.hasErrors && phiClassification(ctx, b.node).kind === 'phi' && !isTrailLogBucket(ctx, b));
}

/** A module fact: readers use the buckets' names and whether they have count/for_each. */
const phiBucketsFact = defineModuleFact(
  'aws-cloudtrail-phi-buckets',
  (scope) => readPhiBuckets(scope),
  (buckets) => JSON.stringify(buckets.map((b) => [resourceName(b.node), b.node.attributes.has('count'), b.node.attributes.has('for_each')])),
);

function addSelectorFix(resource: Located<TfBlock>, ctx: Ctx): { fixId: 'recordPhiBuckets' | 'recordAllBuckets'; edits: FixEdit[] } | undefined {
  const trail = resource.node;
  if (nestedInstances(ctx, trail, 'advanced_event_selector').present.length > 0 || trail.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'advanced_event_selector')) return undefined;
  const phi = ctx.instance === undefined ? phiBucketsFact.get(ctx.module) : memoWithLookups(phiBucketsMemo, ctx.instance, () => readPhiBuckets(ctx));
  const scoped = phi.length > 0 && phi.every((b) => !b.node.attributes.has('count') && !b.node.attributes.has('for_each'));
  const partition = ctx.module.dataSource('aws_partition', 'current') !== undefined;
  const values = scoped ? phi.map((b) => `"\${aws_s3_bucket.${resourceName(b.node)}.arn}/"`) : [partition ? '"arn:${data.aws_partition.current.partition}:s3"' : '"arn:aws:s3"'];
  if (phi.length > 0 && !scoped) return undefined;
  // Existing basic selectors decide about management events; a first selector keeps the default (recorded).
  const hasSelectors = nestedInstances(ctx, trail, 'event_selector').present.length > 0 || trail.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'event_selector');
  const lines = [
    'event_selector {',
    '  read_write_type           = "All"',
    `  include_management_events = ${hasSelectors ? 'false' : 'true'}`,
    '',
    '  data_resource {',
    `    type   = "${S3_OBJECT}"`,
    `    values = [${values.join(', ')}]`,
    '  }',
    '}',
  ];
  return { fixId: scoped ? 'recordPhiBuckets' : 'recordAllBuckets', edits: [insertNestedBlock(resource.uri, ctx.text, trail, lines)] };
}

/** Appends an element after the last one of a literal list (or into an empty `[]`), in the trail's file. */
function appendValue(uri: string, tuple: Extract<TfExpr, { kind: 'tuple' }>, value: string): FixEdit {
  const last = tuple.items[tuple.items.length - 1];
  if (last === undefined) return { uri, span: { start: tuple.span.start + 1, end: tuple.span.start + 1 }, newText: value };
  return { uri, span: { start: last.span.end, end: last.span.end }, newText: `, ${value}` };
}
