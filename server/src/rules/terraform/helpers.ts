import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute, insertBlockAfter, insertNestedBlock, replaceSpan } from '../../fixes/terraform-edits';
import { finishUserValues, userValueRef, type UserValue } from '../../fixes/user-values';
import type { Span } from '../../model/span';
import type { Resolved } from '../../model/terraform/evaluate';
import { expandInstances } from '../../model/terraform/instances';
import { memoWithLookups, type MemoEntry } from '../../model/terraform/lookups';
import type { Located, TfModule } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type RefStep, type TfAttribute, type TfBlock, type TfExpr } from '../../model/terraform/types';
import type { TerraformContext } from '../types';
import { replaceValue } from './decided-value';
import { asBool, asString, asStringList, originRelated, originSuffix } from './values';

/** The part of a rule context that resolves expressions (so helpers work with any message/fix ids). */
export interface Evaluator {
  evaluate(expr: TfExpr): Resolved;
}

type KnownResolved = Extract<Resolved, { known: true }>;

// ---------------------------------------------------------------------------------------------
// Boolean attributes

/** What a boolean attribute says about a rule: as expected, unknown, absent, or set to something else. */
export type BoolVerdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'unknown'; readonly at: Span; readonly reason: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'wrong'; readonly attr: TfAttribute; readonly resolved: KnownResolved };

/**
 * Judges `block.<name>` against `expected`. `whenMissing` is the catalog's outcome for an absent
 * attribute (an explicit `null` means the same as absent). Unknown values are never guessed.
 */
export function judgeBool(ctx: Evaluator, block: TfBlock, name: string, expected: boolean, whenMissing: 'pass' | 'fail'): BoolVerdict {
  const attr = block.attributes.get(name);
  if (attr === undefined) return whenMissing === 'pass' ? { kind: 'ok' } : { kind: 'missing' };
  const resolved = ctx.evaluate(attr.expr);
  if (!resolved.known) return { kind: 'unknown', at: attr.expr.span, reason: `${name} = ${resolved.text} cannot be resolved statically` };
  if (resolved.value === null) return whenMissing === 'pass' ? { kind: 'ok' } : { kind: 'wrong', attr, resolved };
  const value = asBool(resolved.value);
  if (value === undefined) return { kind: 'unknown', at: attr.expr.span, reason: `${name} is not a boolean` };
  return value === expected ? { kind: 'ok' } : { kind: 'wrong', attr, resolved };
}

/** `false`, `null`, `"false"`, … as shown in messages. */
export function valueText(resolved: KnownResolved): string {
  return typeof resolved.value === 'string' ? JSON.stringify(resolved.value) : String(resolved.value);
}

export interface RequireBoolOptions<M extends string, F extends string> {
  readonly attribute: string;
  readonly expected: boolean;
  /** Message for an absent attribute; omit when the catalog says an absent attribute passes. */
  readonly missing?: M;
  /** Message for a value other than `expected`; gets `{value}` and `{origin}`. */
  readonly wrong: M;
  /** Sets/inserts `attribute = expected` (inserted when absent; replaces a literal value). */
  readonly fixId: F;
  readonly data: Readonly<Record<string, string>>;
  /** The block holding the attribute (default: the resource itself). */
  readonly block?: TfBlock;
  /** Attributes the fix also writes where the block lacks them (e.g. the customer managed key with `encrypted = true`). */
  readonly alsoSet?: AlsoSet;
  /** The fix id used when `alsoSet` adds attributes (its title says so); default `fixId`. */
  readonly alsoSetFixId?: F;
}

/**
 * Attributes a fix writes together with the one it is about, when the block does not have them yet,
 * so that the fix does not trade one finding for another (`encrypted = true` alone would leave the
 * AWS managed key). Values only the user can choose are written with `userValueRef`.
 */
export interface AlsoSet {
  readonly attributes: readonly (readonly [string, string])[];
  readonly values?: readonly UserValue[];
}

/** Finishes the edits of a fix that writes user values: placeholders, and the declarations of variables the module lacks. */
export function withUserValues(ctx: { readonly text: string; readonly module: TfModule }, uri: string, values: readonly UserValue[], edits: readonly FixEdit[]): FixEdit[] {
  return finishUserValues({ text: ctx.text, isDeclared: (name) => ctx.module.variable(name) !== undefined }, uri, values, edits);
}

/** The customer managed KMS key of a service, as a value only the user can choose (`var.<service>_kms_key_arn`). */
export function customerManagedKey(service: string, what: string): UserValue {
  return { variable: `${service}_kms_key_arn`, description: `ARN of the customer managed KMS key that encrypts ${what} (its key policy decides who can decrypt)` };
}

/**
 * Sets `name = var.<value>` in `block` (inserted, or replacing the value written there) and declares
 * the variable when the module lacks it: the fix for "a value only the user can choose is missing".
 */
export function setUserValue(
  ctx: { readonly text: string; readonly module: TfModule },
  uri: string,
  block: TfBlock,
  name: string,
  value: UserValue,
  /** Wraps the reference, e.g. in a list: `(ref) => `[${ref}]``. */
  render: (ref: string) => string = (ref) => ref,
): FixEdit[] {
  return withUserValues(ctx, uri, [value], [insertAttribute(uri, ctx.text, block, name, render(userValueRef(value)))]);
}

/**
 * `setUserValue` where the attribute is absent or written as a literal here (`null`, `""`, an AWS
 * managed alias); undefined where its value comes from a variable, a local or another resource, which
 * the user changes there.
 */
export function userValueFix(ctx: { readonly text: string; readonly module: TfModule }, uri: string, block: TfBlock, name: string, value: UserValue): FixEdit[] | undefined {
  const attr = block.attributes.get(name);
  return attr === undefined || attr.expr.kind === 'literal' ? setUserValue(ctx, uri, block, name, value) : undefined;
}

/** The attributes of `also` that `block` does not have. */
function absentAttributes(block: TfBlock, also: AlsoSet | undefined): (readonly [string, string])[] {
  return (also?.attributes ?? []).filter(([name]) => !block.attributes.has(name));
}

/**
 * `edit` plus the insertion of the absent attributes of `also`, finished for user values. In a block
 * written on one line the insertion would rewrite the line `edit` changes: then only `edit` is made,
 * and the other attributes are left to their own findings.
 */
export function withAlsoSet(ctx: { readonly text: string; readonly module: TfModule }, uri: string, block: TfBlock, edit: FixEdit, also: AlsoSet | undefined): FixEdit[] {
  const extra = absentAttributes(block, also);
  if (extra.length === 0) return [edit];
  const insert = insertAttributes(uri, ctx.text, block, extra);
  if (edit.uri === uri && insert.span.start < edit.span.end && edit.span.start < insert.span.end) return withUserValues(ctx, uri, also?.values ?? [], [edit]);
  return withUserValues(ctx, uri, also?.values ?? [], [edit, insert]);
}

/**
 * The whole "attribute must be true/false" rule: reports an absent attribute at the block header
 * (fix: insert it) and a wrong value at the value, with where the value comes from as related
 * location (fix: replace it where it is decided — a literal here, or the `.tfvars` assignment or
 * default of a `var.<name>` written here, as a review variant: see decided-value.ts). Returns the verdict.
 */
export function requireBool<M extends string, F extends string>(resource: Located<TfBlock>, ctx: TerraformContext<M, F>, options: RequireBoolOptions<M, F>): BoolVerdict {
  const block = options.block ?? resource.node;
  const verdict = judgeBool(ctx, block, options.attribute, options.expected, options.missing === undefined ? 'pass' : 'fail');
  const expected = String(options.expected);
  switch (verdict.kind) {
    case 'ok':
      break;
    case 'unknown':
      ctx.cannotDetermine(verdict.at, verdict.reason);
      break;
    case 'missing':
      if (options.missing !== undefined) {
        const extra = absentAttributes(block, options.alsoSet);
        const attributes: (readonly [string, string])[] = [[options.attribute, expected], ...extra];
        const fixId = extra.length > 0 ? (options.alsoSetFixId ?? options.fixId) : options.fixId;
        ctx.report({
          messageId: options.missing,
          at: block.headerSpan,
          data: options.data,
          fix: { fixId, edits: withUserValues(ctx, resource.uri, options.alsoSet?.values ?? [], [insertAttributes(resource.uri, ctx.text, block, attributes)]) },
        });
      }
      break;
    case 'wrong': {
      const replacement = replaceValue(ctx, resource.uri, verdict.attr, verdict.resolved, expected);
      const edits = replacement === undefined ? undefined : withAlsoSet(ctx, resource.uri, block, replacement.edit, options.alsoSet);
      const fixId = edits !== undefined && edits.length > 1 ? (options.alsoSetFixId ?? options.fixId) : options.fixId;
      const decidedElsewhere = replacement?.decidedElsewhere;
      ctx.report({
        messageId: options.wrong,
        at: verdict.attr.expr.span,
        data: { ...options.data, value: valueText(verdict.resolved), origin: originSuffix(verdict.resolved) },
        related: originRelated(verdict.resolved),
        ...(edits ? { fix: { fixId, edits, ...(decidedElsewhere !== undefined ? { decidedElsewhere } : {}) } } : {}),
      });
      break;
    }
  }
  return verdict;
}

/** Replaces the value of `attr` when it is written as a literal at the use site (never a variable's use). */
export function replaceLiteral(uri: string, attr: TfAttribute, newText: string): FixEdit | undefined {
  return attr.expr.kind === 'literal' ? replaceSpan(uri, attr.expr.span, newText) : undefined;
}

/**
 * Inserts several `name = value` attributes into `block` as one edit, in the given order and with
 * the block's `=` alignment where it has one.
 */
export function insertAttributes(uri: string, text: string, block: TfBlock, attributes: readonly (readonly [string, string])[]): FixEdit {
  const edits = attributes.map(([name, value]) => insertAttribute(uri, text, block, name, value));
  const first = edits[0];
  if (first === undefined) throw new Error('insertAttributes needs at least one attribute');
  // Each insert is a pure insertion at the same point unless the block is written on one line
  // (an empty `{}` gives pure insertions too, but each one opens the block up: newText starts with a line break).
  if (edits.every((e) => e.span.start === first.span.start && e.span.end === first.span.start && !/^\r?\n/.test(e.newText))) {
    return { uri, span: first.span, newText: edits.map((e) => e.newText).join('') };
  }
  return insertNestedBlock(uri, text, block, attributes.map(([name, value]) => `${name} = ${value}`));
}

// ---------------------------------------------------------------------------------------------
// Companion resources (AWS provider v4+ split S3 resources and the like)

export interface Companions {
  /** Companions that point at the resource. */
  readonly matches: readonly Located<TfBlock>[];
  /** Companions whose target cannot be resolved statically: they may point at the resource. */
  readonly undecided: readonly Located<TfBlock>[];
}

/**
 * Resources of `type` whose `attr` (default `bucket`) points at `target`, anywhere in the module:
 * by reference (`aws_s3_bucket.phi.id`, `.bucket`, `aws_s3_bucket.phi[count.index].id`, `each.value.id`
 * with `for_each = aws_s3_bucket.phi`) or by the target's literal name (its `nameAttr`, default `bucket`,
 * resolved through variables). Companions whose target cannot be resolved are returned as undecided.
 * A companion with `count = 0` or an empty `for_each` (known statically) does not exist.
 */
export function findCompanions(ctx: Evaluator & { readonly module: TfModule; readonly instance?: object }, target: Located<TfBlock>, type: string, attr = 'bucket', nameAttr = 'bucket'): Companions {
  const names = literalNames(ctx, target.node, nameAttr);
  const index = companionIndex(ctx, type, attr, false);
  const targetType = resourceType(target.node);
  const byName = names.items.map((name) => index.byLiteral.get(name) ?? []);
  return {
    matches: inModuleOrder([index.byReference.get(referenceKey(targetType, resourceName(target.node))) ?? [], ...byName]),
    // Companions pointing at another type (a data source, another resource's attribute, …), at a literal
    // when the target's name is unknown, or at something unresolvable.
    undecided: inModuleOrder([index.referencesNotTo(targetType), names.complete ? [] : index.literals, index.unknown]),
  };
}

/** A companion with what its pointing attribute designates, and its place among the module's resources of its type. */
interface CompanionEntry {
  readonly companion: Located<TfBlock>;
  readonly at: number;
}

/**
 * The companions of one type that Terraform creates, grouped by what their pointing attribute designates
 * (each group in module order), so a lookup per resource costs its answer, not a pass over the module.
 */
interface CompanionIndex {
  /** By `referenceKey(type, name)` of the resource they reference. */
  readonly byReference: ReadonlyMap<string, readonly CompanionEntry[]>;
  /** By the type of the resource they reference. */
  readonly byReferencedType: ReadonlyMap<string, readonly CompanionEntry[]>;
  /** By the literal they resolve to. */
  readonly byLiteral: ReadonlyMap<string, readonly CompanionEntry[]>;
  readonly literals: readonly (CompanionEntry & { readonly value: string })[];
  readonly unknown: readonly CompanionEntry[];
  /** The companions referencing a resource of another type than `type` (data sources included). */
  referencesNotTo(type: string): readonly CompanionEntry[];
}

/**
 * Built once per module version — or per instance being judged, since evaluation binds the instance's
 * `count.index`/`each.*` — and per companion type, attribute and form of the lookup (`joined` unwraps
 * an interpolation-only template first, as findCompanionsJoined does).
 */
const companionIndexes = new WeakMap<object, Map<string, MemoEntry<CompanionIndex>>>();
function companionIndex(ctx: Evaluator & { readonly module: TfModule; readonly instance?: object }, type: string, attr: string, joined: boolean): CompanionIndex {
  const memoKey = ctx.instance ?? ctx.module;
  let perModule = companionIndexes.get(memoKey);
  if (perModule === undefined) companionIndexes.set(memoKey, (perModule = new Map()));
  return memoWithLookups(perModule, `${type} ${attr} ${joined ? 'joined' : 'plain'}`, () => buildCompanionIndex(ctx, type, attr, joined));
}

function buildCompanionIndex(ctx: Evaluator & { readonly module: TfModule }, type: string, attr: string, joined: boolean): CompanionIndex {
  const byReference = new Map<string, CompanionEntry[]>();
  const byReferencedType = new Map<string, CompanionEntry[]>();
  const byLiteral = new Map<string, CompanionEntry[]>();
  const references: { entry: CompanionEntry; type: string }[] = [];
  const literals: (CompanionEntry & { value: string })[] = [];
  const unknown: CompanionEntry[] = [];
  const push = <K>(map: Map<K, CompanionEntry[]>, key: K, entry: CompanionEntry): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [entry]);
    else list.push(entry);
  };
  ctx.module.resourcesOfType(type).forEach((companion, at) => {
    const a = companion.node.attributes.get(attr);
    if (a === undefined) return; // a required argument is missing: the companion points nowhere yet
    if (notCreated(ctx.module, companion)) return;
    const expr = joined ? interpolationOnly(a.expr) : a.expr;
    const pointsAt = targetOf(ctx, companion.node, expr);
    const entry = { companion, at };
    if (pointsAt.kind === 'resource') {
      push(byReference, referenceKey(pointsAt.type, pointsAt.name), entry);
      push(byReferencedType, pointsAt.type, entry);
      references.push({ entry, type: pointsAt.type });
    } else if (pointsAt.kind === 'literal') {
      push(byLiteral, pointsAt.value, entry);
      literals.push({ ...entry, value: pointsAt.value });
    } else {
      unknown.push(entry);
    }
  });
  const notTo = new Map<string, readonly CompanionEntry[]>();
  return {
    byReference,
    byReferencedType,
    byLiteral,
    literals,
    unknown,
    referencesNotTo(targetType) {
      let list = notTo.get(targetType);
      if (list === undefined) notTo.set(targetType, (list = references.filter((r) => r.type !== targetType).map((r) => r.entry)));
      return list;
    },
  };
}

/** Resource types may contain dots (`data.aws_s3_bucket`); names never contain a space. */
function referenceKey(type: string, name: string): string {
  return `${type} ${name}`;
}

/** `"${aws_s3_bucket.phi.id}"` (Terraform 0.11 style) is its interpolation. */
function interpolationOnly(expr: TfExpr): TfExpr {
  return expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object' ? expr.parts[0] : expr;
}

/** The companions of several groups (each in module order), merged back into module order. */
function inModuleOrder(groups: readonly (readonly CompanionEntry[])[]): Located<TfBlock>[] {
  const nonEmpty = groups.filter((g) => g.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return nonEmpty[0]!.map((e) => e.companion);
  const entries = new Map<number, CompanionEntry>();
  for (const group of nonEmpty) for (const e of group) entries.set(e.at, e);
  return [...entries.values()].sort((a, b) => a.at - b.at).map((e) => e.companion);
}

/** True when `count`/`for_each` say Terraform creates no instance of the resource (`count = 0`, `for_each = {}`). */
function notCreated(module: TfModule, resource: Located<TfBlock>): boolean {
  return expandInstances(resource, `${resourceType(resource.node)}.${resourceName(resource.node)}`, module).kind === 'none';
}

type Target = { kind: 'resource'; type: string; name: string } | { kind: 'literal'; value: string } | { kind: 'unknown' };

/**
 * targetOf is asked for every (resource, companion) pair: remember each companion expression's answer
 * per module version (the answer depends on the module only through evaluation).
 */
const targetMemos = new WeakMap<object, WeakMap<TfExpr, MemoEntry<Target>>>();
function targetOf(ctx: Evaluator & { readonly module?: TfModule; readonly instance?: object }, companion: TfBlock, expr: TfExpr): Target {
  if (ctx.module === undefined) return computeTargetOf(ctx, companion, expr);
  // Evaluation binds count.index/each.* for the instance being judged: remember answers per instance.
  const memoKey = ctx.instance ?? ctx.module;
  let perModule = targetMemos.get(memoKey);
  if (perModule === undefined) targetMemos.set(memoKey, (perModule = new WeakMap()));
  return memoWithLookups(perModule, expr, () => computeTargetOf(ctx, companion, expr));
}

function computeTargetOf(ctx: Evaluator, companion: TfBlock, expr: TfExpr): Target {
  const direct = referencedResource(expr);
  if (direct !== undefined) return { kind: 'resource', ...direct };
  // for_each = aws_s3_bucket.phi  +  bucket = each.value.id
  if (expr.kind === 'reference' && stepName(expr.path[0]) === 'each' && stepName(expr.path[1]) === 'value') {
    const forEach = companion.attributes.get('for_each');
    const source = forEach === undefined ? undefined : referencedResource(forEach.expr);
    if (source !== undefined && forEach?.expr.kind === 'reference' && forEach.expr.path.length === 2) return { kind: 'resource', ...source };
    return { kind: 'unknown' };
  }
  const resolved = ctx.evaluate(expr);
  if (resolved.known && typeof resolved.value === 'string') return { kind: 'literal', value: resolved.value };
  return { kind: 'unknown' };
}

/** `aws_s3_bucket.phi…` → {type, name}; `data.aws_s3_bucket.x…` → {type: 'data.aws_s3_bucket', name}. */
function referencedResource(expr: TfExpr): { type: string; name: string } | undefined {
  if (expr.kind === 'reference') {
    const [first, second, third] = expr.path.map(stepName);
    if (first === undefined || second === undefined || ['var', 'local', 'each', 'count', 'path', 'self', 'terraform', 'module'].includes(first)) return undefined;
    if (first === 'data') return third === undefined ? undefined : { type: `data.${second}`, name: third };
    return { type: first, name: second };
  }
  if (expr.kind === 'other') {
    // `aws_s3_bucket.phi[count.index].id`: the parser keeps computed indexes as text.
    const m = /^([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)\s*\[/.exec(expr.text);
    if (m !== null && !['var', 'local', 'each', 'count', 'module', 'data'].includes(m[1]!)) return { type: m[1]!, name: m[2]! };
  }
  return undefined;
}

function stepName(step: RefStep | undefined): string | undefined {
  return step !== undefined && 'name' in step ? step.name : undefined;
}

/** The literal names a resource can be referred to by (`bucket = "phi-data"`); incomplete when unknown. */
function literalNames(ctx: Evaluator, block: TfBlock, nameAttr: string): { items: string[]; complete: boolean } {
  const attr = block.attributes.get(nameAttr);
  if (attr === undefined) return { items: [], complete: true }; // a generated name nobody can write literally
  const resolved = ctx.evaluate(attr.expr);
  if (!resolved.known) return { items: [], complete: false };
  return typeof resolved.value === 'string' ? { items: [resolved.value], complete: true } : { items: [], complete: resolved.value === null };
}

/**
 * Whether no `type` companion (e.g. an aws_s3_bucket_versioning) points at the bucket `resource`: false
 * when one does (it is judged on its own) or may (recorded as "cannot determine" at the bucket header,
 * saying the companion may `role`, e.g. "configure this bucket").
 */
export function noBucketCompanion(
  ctx: Evaluator & { readonly module: TfModule; cannotDetermine(at: Span, reason: string): void },
  resource: Located<TfBlock>,
  type: string,
  role: string,
): boolean {
  const { matches, undecided } = findCompanions(ctx, resource, type);
  if (matches.length > 0) return false;
  const first = undecided[0];
  if (first !== undefined) {
    ctx.cannotDetermine(resource.node.headerSpan, `${type} "${resourceName(first.node)}" may ${role}; its bucket cannot be resolved statically`);
    return false;
  }
  return true;
}

/**
 * The fix that adds a companion resource right after `target` in the same file:
 * `resource "<type>" "<target name>" { <attr> = <type>.<name>.id … }`. `count` and `for_each` of
 * the target are mirrored so the companion covers every instance. Lines are relative (two spaces
 * per level); attributes are aligned like `terraform fmt` does.
 */
export function insertCompanionAfter(
  ctx: { readonly text: string; readonly module: TfModule },
  target: Located<TfBlock>,
  type: string,
  attributes: readonly (readonly [string, string])[],
  nested: readonly string[] = [],
  attr = 'bucket',
): FixEdit {
  const t = resourceType(target.node);
  const n = resourceName(target.node);
  const meta: string[] = [];
  let ref = `${t}.${n}.id`;
  if (target.node.attributes.has('for_each')) {
    meta.push(`  for_each = ${t}.${n}`, '');
    ref = 'each.value.id';
  } else if (target.node.attributes.has('count')) {
    meta.push(`  count = length(${t}.${n})`, '');
    ref = `${t}.${n}[count.index].id`;
  }
  const lines = resourceBlockLines(type, uniqueResourceName(ctx.module, type, n), [[attr, ref], ...attributes], nested, meta);
  return insertBlockAfter(ctx.text, target, lines);
}

/**
 * The lines of a new `resource "<type>" "<name>"` block (two spaces per level, as insertBlockAfter
 * takes them): `meta` lines first, then the attributes with their `=` aligned as `terraform fmt`
 * aligns them, then the `nested` lines (relative to the body).
 */
export function resourceBlockLines(type: string, name: string, attributes: readonly (readonly [string, string])[], nested: readonly string[] = [], meta: readonly string[] = []): string[] {
  const width = Math.max(0, ...attributes.map(([k]) => k.length));
  return [
    `resource "${type}" "${name}" {`,
    ...meta,
    ...attributes.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`),
    ...nested.map((l) => (l === '' ? '' : `  ${l}`)),
    '}',
  ];
}

/**
 * The source of an expression a fix may copy to another block: a string, number or boolean literal,
 * a reference (not to `count`, `each` or `self`, which mean something else elsewhere), or a list of
 * these. Undefined for anything else.
 */
export function copyableExpression(expr: TfExpr): string | undefined {
  switch (expr.kind) {
    case 'literal':
      return expr.value === null ? undefined : typeof expr.value === 'string' ? JSON.stringify(expr.value) : String(expr.value);
    case 'reference': {
      const first = expr.path[0];
      return first !== undefined && 'name' in first && !['count', 'each', 'self'].includes(first.name) ? expr.text : undefined;
    }
    case 'template':
      return expr.parts.length === 1 && typeof expr.parts[0] === 'string' ? JSON.stringify(expr.parts[0]) : undefined;
    case 'tuple': {
      const items = expr.items.map(copyableExpression);
      return items.every((i): i is string => i !== undefined) ? `[${items.join(', ')}]` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The expression a module's blocks agree on (e.g. the SNS topic every alarm notifies): the copyable
 * source shared by all of `exprs`; undefined when there are none, one is missing or not copyable, or
 * two differ.
 */
export function agreedExpression(exprs: readonly (TfExpr | undefined)[]): string | undefined {
  const sources = new Set(exprs.map((e) => (e === undefined ? undefined : copyableExpression(e))));
  const only = [...sources][0];
  return sources.size === 1 ? only : undefined;
}

/** `base`, or `base_2`, `base_3`, … when a resource of `type` already has that name. */
export function uniqueResourceName(module: TfModule, type: string, base: string): string {
  const taken = resourceNames(module, type);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** The names of the module's resources of `type`, once per module version. */
const namesMemo = new WeakMap<TfModule, Map<string, MemoEntry<ReadonlySet<string>>>>();
function resourceNames(module: TfModule, type: string): ReadonlySet<string> {
  let perModule = namesMemo.get(module);
  if (perModule === undefined) namesMemo.set(module, (perModule = new Map()));
  return memoWithLookups(perModule, type, () => new Set(module.resourcesOfType(type).map((r) => resourceName(r.node))));
}

// ---------------------------------------------------------------------------------------------
// Resources a resource points at (a parameter group by name, a key by ARN, …)

/** What an attribute such as `parameter_group_name` points at, within the module. */
export type ReferencedResource =
  /** A resource of one of the wanted types, declared in the module. */
  | { readonly kind: 'resource'; readonly resource: Located<TfBlock> }
  /** A literal name (resolved through variables) that no resource of the wanted types in the module has. */
  | { readonly kind: 'literal'; readonly value: string; readonly resolved: KnownResolved }
  /** A data source, another resource's attribute, a module output, an unresolvable value, … */
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Resolves `expr` (e.g. `parameter_group_name = aws_db_parameter_group.tls.name`, or `= "phi-pg16"`)
 * to a resource of one of `types` in the module: by reference (`type.name…`, `type.name[0]…`,
 * `"${type.name.id}"`) or by the literal value of the resources' `nameAttr` (default `name`). A literal
 * that could belong to a resource whose name cannot be resolved is unknown, never guessed.
 */
export function resolveReferencedResource(ctx: Evaluator & { readonly module: TfModule }, expr: TfExpr, types: readonly string[], nameAttr = 'name'): ReferencedResource {
  const inner = expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object' ? expr.parts[0] : expr;
  const direct = referencedResource(inner);
  if (direct !== undefined) {
    if (!types.includes(direct.type)) return { kind: 'unknown', reason: `${exprLabel(inner)} is not a ${types.join(' or ')} of this module` };
    const found = ctx.module.resource(direct.type, direct.name);
    return found !== undefined ? { kind: 'resource', resource: found } : { kind: 'unknown', reason: `${direct.type}.${direct.name} is not declared in this module` };
  }
  const resolved = ctx.evaluate(inner);
  if (!resolved.known) return { kind: 'unknown', reason: `${resolved.text} cannot be resolved statically` };
  if (typeof resolved.value !== 'string') return { kind: 'unknown', reason: `${exprLabel(inner)} is not a name` };
  let undecided: string | undefined;
  for (const type of types) {
    for (const candidate of ctx.module.resourcesOfType(type)) {
      const names = literalNames(ctx, candidate.node, nameAttr);
      if (names.items.includes(resolved.value)) return { kind: 'resource', resource: candidate };
      if (!names.complete) undecided ??= `${type}.${resourceName(candidate.node)} may be named "${resolved.value}"; its ${nameAttr} cannot be resolved statically`;
    }
  }
  if (undecided !== undefined) return { kind: 'unknown', reason: undecided };
  return { kind: 'literal', value: resolved.value, resolved };
}

function exprLabel(expr: TfExpr): string {
  return expr.kind === 'reference' || expr.kind === 'other' ? expr.text : expr.kind;
}

/**
 * True when `block.<name>` is present and not an explicit `null`. A value that cannot be resolved
 * counts as set (it may well be non-null): use this for "exempt when X is set" conditions only
 * where that is the cautious reading, or check `ctx.evaluate` yourself.
 */
export function isAttributeSet(ctx: Evaluator, block: TfBlock, name: string): boolean {
  const attr = block.attributes.get(name);
  if (attr === undefined) return false;
  const value = ctx.evaluate(attr.expr);
  return !value.known || value.value !== null;
}

// ---------------------------------------------------------------------------------------------
// Joins by id (Azure `*_id` arguments, diagnostic settings) and nested-block paths (GCP settings)

export interface CompanionJoin {
  /** How a literal value of the attribute (resolved through variables) is matched: yes, no, or undefined when it cannot be told. */
  readonly literal: (value: string) => boolean | undefined;
  /**
   * The attribute may point at resources of any type (e.g. `target_resource_id` of
   * azurerm_monitor_diagnostic_setting): a reference to another managed resource type then points
   * elsewhere instead of "maybe here". A data source of the target's own type stays undecided.
   */
  readonly anyType?: boolean;
}

/**
 * Like findCompanions, for joins whose literal form is not the target's name (an Azure resource id,
 * …): resources of `type` whose `attr` points at `target` by reference (`azurerm_key_vault.kv.id`,
 * `[count.index]`, `each.value.id` with `for_each = <target>`, `"${…}"`) or by a literal the `join`
 * accepts. Companions whose target cannot be resolved are returned as undecided; companions that
 * Terraform does not create (`count = 0`, empty `for_each`) are left out.
 */
export function findCompanionsJoined(ctx: Evaluator & { readonly module: TfModule; readonly instance?: object }, target: Located<TfBlock>, type: string, attr: string, join: CompanionJoin): Companions {
  const targetType = resourceType(target.node);
  const index = companionIndex(ctx, type, attr, true);
  const literalMatches: CompanionEntry[] = [];
  const literalUndecided: CompanionEntry[] = [];
  for (const entry of index.literals) {
    const verdict = join.literal(entry.value);
    if (verdict === true) literalMatches.push(entry);
    else if (verdict === undefined) literalUndecided.push(entry);
  }
  const otherTypes = index.referencesNotTo(targetType);
  return {
    matches: inModuleOrder([index.byReference.get(referenceKey(targetType, resourceName(target.node))) ?? [], literalMatches]),
    undecided: inModuleOrder([join.anyType ? (index.byReferencedType.get(`data.${targetType}`) ?? []) : otherTypes, literalUndecided, index.unknown]),
  };
}

/**
 * Matches a literal Azure resource id (`/subscriptions/…/providers/Microsoft.KeyVault/vaults/phi-kv`)
 * or bare name against `target`'s `name` (case-insensitive, as Azure compares them). With `provider`
 * (`Microsoft.KeyVault/vaults`), ids of other resource providers never match. Undecided when the
 * target's name cannot be resolved.
 */
export function azureIdLiteral(ctx: Evaluator, target: Located<TfBlock>, provider?: string): (value: string) => boolean | undefined {
  const nameAttr = target.node.attributes.get('name');
  const name = nameAttr === undefined ? undefined : ctx.evaluate(nameAttr.expr);
  return (value) => {
    const id = value.trim().replace(/\/+$/, '');
    if (provider !== undefined && id.includes('/') && !id.toLowerCase().includes(`/providers/${provider.toLowerCase()}/`)) return false;
    if (name === undefined) return false;
    if (!name.known || typeof name.value !== 'string') return undefined;
    return id.slice(id.lastIndexOf('/') + 1).toLowerCase() === name.value.toLowerCase();
  };
}

/** True when `a` and `b` are the same resource block (same file, type and name). */
export function sameResource(a: Located<TfBlock>, b: Located<TfBlock>): boolean {
  return a.node === b.node || (a.uri === b.uri && resourceType(a.node) === resourceType(b.node) && resourceName(a.node) === resourceName(b.node));
}

export interface Descent {
  /** Every block at the end of the path (several with `dynamic` blocks); empty when a level is missing. */
  readonly blocks: readonly TfBlock[];
  /** The deepest block reached (the start block when the first level is missing): where "missing" findings go. */
  readonly deepest: TfBlock;
  /** The levels of the path below `deepest` that are not written (outermost first). */
  readonly missing: readonly string[];
}

/** Follows nested blocks, e.g. `settings` → `ip_configuration` (with `dynamic` contents). */
export function descend(block: TfBlock, path: readonly string[]): Descent {
  let level: TfBlock[] = [block];
  for (let i = 0; i < path.length; i++) {
    const next = level.flatMap((b) => nestedBlocks(b, path[i]!));
    if (next.length === 0) return { blocks: [], deepest: level[0]!, missing: path.slice(i) };
    level = next;
  }
  return { blocks: level, deepest: level[0]!, missing: [] };
}

/**
 * Inserts `attributes` into `block`, wrapped in the nested blocks `missing` (outermost first), e.g.
 * `ip_configuration { ssl_mode = "ENCRYPTED_ONLY" }` into `settings`.
 */
export function insertNestedAttributes(uri: string, text: string, block: TfBlock, missing: readonly string[], attributes: readonly (readonly [string, string])[]): FixEdit {
  if (missing.length === 0) return insertAttributes(uri, text, block, attributes);
  const width = Math.max(...attributes.map(([k]) => k.length));
  const lines: string[] = [];
  missing.forEach((name, i) => lines.push(`${'  '.repeat(i)}${name} {`));
  for (const [k, v] of attributes) lines.push(`${'  '.repeat(missing.length)}${attributes.length > 1 ? k.padEnd(width) : k} = ${v}`);
  for (let i = missing.length - 1; i >= 0; i--) lines.push(`${'  '.repeat(i)}}`);
  return insertNestedBlock(uri, text, block, lines);
}

/** One string of a list attribute, at the element where it is written (or at the whole value). */
export interface ListString {
  readonly value: string;
  readonly at: Span;
  readonly resolved: KnownResolved;
}

/**
 * The strings of a list (or single string) attribute: each element of a written list is evaluated
 * where it is written, so findings point at it and at its variable. `unknownAt` is the first element
 * (or the whole value) that cannot be resolved statically; `null` is an empty list.
 */
export function listStrings(ctx: Evaluator, expr: TfExpr): { readonly items: readonly ListString[]; readonly unknownAt?: Span } {
  const items: ListString[] = [];
  let unknownAt: Span | undefined;
  const visit = (at: Span, resolved: Resolved): void => {
    if (!resolved.known) {
      unknownAt ??= at;
      return;
    }
    if (resolved.value === null) return;
    const list = asStringList(resolved.value);
    if (!list.complete) unknownAt ??= at;
    for (const value of list.items) items.push({ value, at, resolved });
  };
  if (expr.kind === 'tuple') for (const item of expr.items) visit(item.span, ctx.evaluate(item));
  else visit(expr.span, ctx.evaluate(expr));
  return unknownAt === undefined ? { items } : { items, unknownAt };
}

/** An address range that covers every address: `0.0.0.0/0`, `::/0` (any `/0`). */
export function isAllAddresses(cidr: string): boolean {
  return /^[0-9a-fA-F:.]+\/0$/.test(cidr.trim());
}

/**
 * The fix for a `/0` range written as a string literal at `at` (`"0.0.0.0/0"`, alone or in a list):
 * `var.<value>` in its place, declared when the module lacks it. Undefined when the range is not
 * written there (it comes from a variable, a local or a tfvars file, which the user changes there).
 */
export function replaceOpenRange(ctx: { readonly text: string; readonly module: TfModule }, uri: string, at: Span, value: UserValue): FixEdit[] | undefined {
  if (!/^"[0-9a-fA-F:.]+\/0"$/.test(ctx.text.slice(at.start, at.end))) return undefined;
  return withUserValues(ctx, uri, [value], [replaceSpan(uri, at, userValueRef(value))]);
}

// ---------------------------------------------------------------------------------------------
// Nested blocks that may come from `dynamic` blocks; attributes that must be set to something

/** The content of a `dynamic` block whose `for_each` cannot be resolved: the nested block may not exist. */
export interface UncertainBlock {
  readonly content: TfBlock;
  readonly at: Span;
  readonly reason: string;
}

export interface NestedInstances {
  /** Nested blocks written literally, and `dynamic` contents whose `for_each` is known to be non-empty. */
  readonly present: readonly TfBlock[];
  /** `dynamic` contents whose `for_each` cannot be resolved statically. */
  readonly uncertain: readonly UncertainBlock[];
}

/**
 * The nested blocks of one type (`encrypt_at_rest`, `logging`, …). Unlike `nestedBlocks`, a `dynamic`
 * block counts only when its `for_each` is known to produce an instance: `for_each = []` or
 * `var.on ? [1] : []` with `var.on = false` produces none, and an unresolvable `for_each` is uncertain.
 */
export function nestedInstances(ctx: Evaluator, block: TfBlock, type: string): NestedInstances {
  const present: TfBlock[] = [];
  const uncertain: UncertainBlock[] = [];
  for (const child of block.blocks) {
    if (child.type === type) {
      present.push(child);
      continue;
    }
    if (child.type !== 'dynamic' || child.labels[0] !== type) continue;
    const contents = child.blocks.filter((b) => b.type === 'content');
    if (contents.length === 0) continue;
    const forEach = child.attributes.get('for_each');
    const resolved = forEach === undefined ? undefined : ctx.evaluate(forEach.expr);
    const size = resolved === undefined ? undefined : collectionSize(resolved);
    if (size === 0) continue;
    if (size !== undefined) {
      present.push(...contents);
      continue;
    }
    const at = forEach?.expr.span ?? child.headerSpan;
    const reason =
      resolved === undefined ? `dynamic "${type}" has no for_each` : `dynamic "${type}" for_each = ${resolved.known ? 'a non-collection value' : resolved.text} cannot be resolved statically`;
    for (const content of contents) uncertain.push({ content, at, reason });
  }
  return { present, uncertain };
}

function collectionSize(resolved: Resolved): number | undefined {
  if (!resolved.known) return undefined;
  const value = resolved.value;
  if (Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return undefined;
}

export interface RequireNestedBoolOptions<M extends string, F extends string> {
  /** The nested block, e.g. `encrypt_at_rest`; at most one is expected. */
  readonly blockType: string;
  readonly attribute: string;
  readonly expected: boolean;
  /** Message when the resource has no such block (shown at the resource header). */
  readonly missingBlock: M;
  /** Message when the block lacks the attribute (shown at the block header); omit when an absent attribute passes. */
  readonly missing?: M;
  /** Message for a value other than `expected`; gets `{value}` and `{origin}`. */
  readonly wrong: M;
  /** Adds `<blockType> { <attribute> = <expected> }`, inserts the attribute, or replaces a literal value. */
  readonly fixId: F;
  readonly data: Readonly<Record<string, string>>;
}

/**
 * The whole "nested block must exist with attribute = true/false" rule (`encrypt_at_rest { enabled = true }`):
 * a missing block is reported at the resource header, a missing attribute at the block header and a
 * wrong value at the value. A `dynamic` block whose `for_each` cannot be resolved is not guessed.
 */
export function requireNestedBool<M extends string, F extends string>(resource: Located<TfBlock>, ctx: TerraformContext<M, F>, options: RequireNestedBoolOptions<M, F>): void {
  const { present, uncertain } = nestedInstances(ctx, resource.node, options.blockType);
  if (present.length === 0) {
    const maybe = uncertain[0];
    if (maybe !== undefined) {
      ctx.cannotDetermine(maybe.at, maybe.reason);
      return;
    }
    const lines = [`${options.blockType} {`, `  ${options.attribute} = ${String(options.expected)}`, '}'];
    ctx.report({
      messageId: options.missingBlock,
      at: resource.node.headerSpan,
      data: options.data,
      fix: { fixId: options.fixId, edits: [insertNestedBlock(resource.uri, ctx.text, resource.node, lines)] },
    });
    return;
  }
  for (const block of present) {
    requireBool(resource, ctx, {
      attribute: options.attribute,
      expected: options.expected,
      ...(options.missing !== undefined ? { missing: options.missing } : {}),
      wrong: options.wrong,
      fixId: options.fixId,
      data: options.data,
      block,
    });
  }
}

/** Whether an attribute is set to a value; `absent` keeps the attribute when it is written as `null` or `""`. */
export type Presence =
  | { readonly kind: 'present'; readonly attr: TfAttribute }
  | { readonly kind: 'absent'; readonly attr?: TfAttribute; readonly resolved?: KnownResolved }
  | { readonly kind: 'unknown'; readonly at: Span; readonly reason: string };

/**
 * Whether `block.<name>` (a key id, a log group ARN, …) is set. Absent, `null` and (with `emptyIsAbsent`,
 * the default) `""` mean unset. A reference to another resource or a data source (`aws_kms_key.phi.arn`)
 * and a string with literal text (`"alias/${var.x}"`) are set even though their value is only known
 * later; a variable without a default or tfvars value, a module output or a conditional is unknown.
 */
export function judgePresence(ctx: Evaluator, block: TfBlock, name: string, emptyIsAbsent = true): Presence {
  const attr = block.attributes.get(name);
  if (attr === undefined) return { kind: 'absent' };
  const resolved = ctx.evaluate(attr.expr);
  if (resolved.known) {
    if (resolved.value === null || (emptyIsAbsent && resolved.value === '')) return { kind: 'absent', attr, resolved };
    return { kind: 'present', attr };
  }
  const expr = attr.expr;
  const inner = expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object' ? expr.parts[0] : expr;
  if (referencedResource(inner) !== undefined) return { kind: 'present', attr };
  if (expr.kind === 'template' && expr.parts.some((p) => typeof p === 'string' && p !== '')) return { kind: 'present', attr };
  return { kind: 'unknown', at: attr.expr.span, reason: `${name} = ${resolved.text} cannot be resolved statically` };
}

// ---------------------------------------------------------------------------------------------
// Resource references and PHI classification

/** A reference to a managed resource or data source, with the attribute path after its name. */
export interface ResourceRef {
  /** `aws_vpc`, or `data.aws_vpc` for a data source. */
  readonly type: string;
  readonly name: string;
  /** Attribute names after the resource name (indexes left out): `["arn"]`, `["metric_transformation", "name"]`. */
  readonly attributes: readonly string[];
}

/**
 * The resource an expression refers to: `aws_vpc.main.id`, `aws_vpc.main[count.index].id`,
 * `data.aws_vpc.x.id`, or a template that starts with such a reference (`"${aws_s3_bucket.phi.arn}/"`).
 * Undefined for variables, locals, `each`/`count`, literals and everything else.
 */
export function resourceReference(expr: TfExpr): ResourceRef | undefined {
  if (expr.kind === 'template') {
    const first = expr.parts[0];
    return first === undefined || typeof first === 'string' ? undefined : resourceReference(first);
  }
  const direct = referencedResource(expr);
  if (direct === undefined) return undefined;
  let attributes: string[] = [];
  if (expr.kind === 'reference') {
    const skip = direct.type.startsWith('data.') ? 3 : 2;
    attributes = expr.path.slice(skip).flatMap((s) => ('name' in s ? [s.name] : []));
  } else if (expr.kind === 'other') {
    // `aws_vpc.main[count.index].id`: the attribute names after the first computed index.
    const tail = expr.text.slice(expr.text.indexOf(']') + 1);
    attributes = [...tail.matchAll(/\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]!);
  }
  return { ...direct, attributes };
}

/** Whether a resource is tagged as holding PHI; `unknown` when its tags cannot be resolved statically. */
export type PhiClassification = { readonly kind: 'phi'; readonly tag: string } | { readonly kind: 'not-phi' } | { readonly kind: 'unknown'; readonly reason: string };

type TagValue = import('../../model/terraform/evaluate').Value;

/** Tag keys (lower case, letters and digits only) whose value names a data classification. */
const CLASSIFICATION_KEYS = ['dataclassification', 'classification', 'dataclass', 'datasensitivity', 'sensitivity', 'compliance', 'compliancescope'];
/** Tag keys that are a yes/no flag for PHI. */
const PHI_FLAG_KEYS = ['phi', 'ephi', 'containsphi', 'hasphi', 'hipaa'];

/**
 * Classifies a resource by its tags: `tags` on the resource (object literals, variables, locals and
 * `merge(...)` of those) and the `default_tags` of the `aws` provider block it uses in the same
 * module. PHI means a classification tag (`DataClassification`, `data_classification`,
 * `Classification`, `Sensitivity`, `Compliance`, …) whose value contains `phi`, `ephi` or `hipaa`,
 * or a flag tag (`PHI`, `contains_phi`, `HIPAA`, …) set to true/yes. A provider declared in another
 * (root) module is not seen.
 */
const phiMemo = new WeakMap<object, WeakMap<TfBlock, MemoEntry<PhiClassification>>>();

export function phiClassification(ctx: Evaluator & { readonly module: TfModule; readonly instance?: object }, resource: TfBlock): PhiClassification {
  // Tags may read `each.value`: a block judged per instance is classified per instance.
  const memoKey = ctx.instance ?? ctx.module;
  let perModule = phiMemo.get(memoKey);
  if (perModule === undefined) phiMemo.set(memoKey, (perModule = new WeakMap()));
  return memoWithLookups(perModule, resource, () => computePhiClassification(ctx, resource));
}

function computePhiClassification(ctx: Evaluator & { readonly module: TfModule }, resource: TfBlock): PhiClassification {
  // The tags AWS applies: the resource's own tags override the provider's default_tags key by key,
  // so `DataClassification = "audit"` on a log bucket reclassifies it under a default of "phi".
  const { tags, complete } = resourceTags(ctx, resource);
  for (const [key, value] of tags) if (isPhiTag(key, value)) return { kind: 'phi', tag: `${key} = ${typeof value === 'string' ? JSON.stringify(value) : String(value)}` };
  return complete ? { kind: 'not-phi' } : { kind: 'unknown', reason: 'tags cannot be resolved statically' };
}

function providerAlias(resource: TfBlock): string | undefined {
  const p = resource.attributes.get('provider');
  if (p?.expr.kind !== 'reference') return undefined;
  const [first, second] = p.expr.path;
  return first !== undefined && 'name' in first && first.name === 'aws' && second !== undefined && 'name' in second ? second.name : undefined;
}

function tagEntries(ctx: Evaluator, expr: TfExpr): { entries: [string, TagValue][]; complete: boolean } {
  if (expr.kind === 'call' && expr.name === 'merge') {
    const parts = expr.args.map((a) => tagEntries(ctx, a));
    return { entries: parts.flatMap((p) => p.entries), complete: parts.every((p) => p.complete) };
  }
  if (expr.kind === 'object') {
    const entries: [string, TagValue][] = [];
    let complete = true;
    for (const entry of expr.entries) {
      const value = ctx.evaluate(entry.value);
      if (entry.key === undefined || !value.known) complete = false;
      else entries.push([entry.key, value.value]);
    }
    return { entries, complete };
  }
  const resolved = ctx.evaluate(expr);
  if (!resolved.known) return { entries: [], complete: false };
  const value = resolved.value;
  if (value === null) return { entries: [], complete: true };
  if (typeof value !== 'object' || Array.isArray(value)) return { entries: [], complete: false };
  const entries: [string, TagValue][] = [];
  let complete = true;
  for (const [k, v] of Object.entries(value as Readonly<Record<string, TagValue>>)) {
    if (typeof v === 'symbol') complete = false;
    else entries.push([k, v]);
  }
  return { entries, complete };
}

function isPhiTag(key: string, value: TagValue): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (typeof value !== 'string' && typeof value !== 'boolean') return false;
  const v = String(value).toLowerCase();
  if (CLASSIFICATION_KEYS.includes(k)) return /(^|[^a-z])(e?phi|hipaa)([^a-z]|$)/.test(v);
  if (PHI_FLAG_KEYS.includes(k)) return ['true', 'yes', 'y', '1'].includes(v.trim());
  return false;
}

// ---------------------------------------------------------------------------------------------
// Tags of a resource (with the provider's default_tags)

export interface ResourceTags {
  /** Tag key → value, the resource's own tags overriding the provider's default_tags. */
  readonly tags: ReadonlyMap<string, TagValue>;
  /** False when some tags cannot be resolved statically (an unknown part may hold any key). */
  readonly complete: boolean;
  /** False when the `aws` provider block the resource uses is not declared in this module: its default_tags are not seen. */
  readonly providerSeen: boolean;
}

/**
 * The tags AWS puts on a resource: the `default_tags` of the `aws` provider block it uses (by its
 * `provider = aws.<alias>` meta-argument) and its own `tags` (object literals, variables, locals and
 * `merge(...)` of those; later values win).
 */
export function resourceTags(ctx: Evaluator & { readonly module: TfModule }, resource: TfBlock): ResourceTags {
  const tags = new Map<string, TagValue>();
  let complete = true;
  let providerSeen = false;
  const alias = providerAlias(resource);
  const add = (expr: TfExpr): void => {
    const { entries, complete: c } = tagEntries(ctx, expr);
    for (const [k, v] of entries) tags.set(k, v);
    if (!c) complete = false;
  };
  for (const { node: block } of ctx.module.topLevelBlocks('provider')) {
    if (block.labels[0] !== 'aws') continue;
    {
      const a = block.attributes.get('alias');
      const blockAlias = a === undefined ? undefined : ctx.evaluate(a.expr);
      const name = blockAlias === undefined ? undefined : blockAlias.known && typeof blockAlias.value === 'string' ? blockAlias.value : null;
      if (name === null) complete = false; // an alias that cannot be resolved may be this resource's provider
      if (name !== alias) continue;
      providerSeen = true;
      for (const d of block.blocks) {
        if (d.type !== 'default_tags') continue;
        const t = d.attributes.get('tags');
        if (t !== undefined) add(t.expr);
      }
    }
  }
  const own = resource.attributes.get('tags');
  if (own !== undefined) add(own.expr);
  return { tags, complete, providerSeen };
}

// ---------------------------------------------------------------------------------------------
// Removing an attribute

/**
 * Deletes `name = value`: the whole line (with a trailing comment and its line break) when the
 * attribute stands on its own line(s), else only the attribute's own text.
 */
export function removeAttribute(uri: string, text: string, attr: TfAttribute): FixEdit {
  const start = attr.span.start;
  let end = attr.span.end;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== '') return replaceSpan(uri, attr.span, '');
  let lineEnd = end;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const rest = text.slice(end, lineEnd).trim();
  if (rest !== '' && !rest.startsWith('#') && !rest.startsWith('//')) return replaceSpan(uri, attr.span, '');
  end = lineEnd;
  if (text.startsWith('\r\n', end)) end += 2;
  else if (text[end] === '\n' || text[end] === '\r') end += 1;
  return replaceSpan(uri, { start: lineStart, end }, '');
}

/**
 * True when `expr` reads an attribute of a managed resource or data source (`google_kms_crypto_key.x.id`,
 * `data.x.y.name`, `aws_db_instance.x[0].id`, `"${…}"`): a value that will exist at apply time even
 * though it cannot be resolved statically (unlike a variable without a value, which may be null).
 */
export function isResourceAttributeRef(expr: TfExpr): boolean {
  if (expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object') return isResourceAttributeRef(expr.parts[0]);
  const text = expr.kind === 'reference' || expr.kind === 'other' ? expr.text : undefined;
  if (text === undefined || /^(var|local|each|count|module|path|self|terraform)\./.test(text)) return false;
  return /^(data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*(\[[^\]]*\])?\.[A-Za-z_]/.test(text);
}

export interface RequireStringOptions<M extends string, F extends string> {
  readonly attribute: string;
  /** The values that pass. */
  readonly allowed: readonly string[];
  /** The HCL literal the fix writes (e.g. `"TLS1_2"`). */
  readonly literal: string;
  readonly missing: M;
  readonly wrong: M;
  readonly fixId: F;
  /** Severity of the `missing` report (catalog when_missing: warn); the catalog severity when absent. */
  readonly missingSeverity?: 'medium';
}

/**
 * Requires a string attribute to be one of `allowed`: absent or `null` is `missing` (fix inserts
 * `literal` when absent), another value is `wrong` at the value (fix replaces a literal); unresolvable
 * values are "cannot determine".
 */
export function requireStringIn<M extends string, F extends string>(resource: Located<TfBlock>, ctx: TerraformContext<M, F>, options: RequireStringOptions<M, F>): void {
  const block = resource.node;
  const name = resourceName(block);
  const attr = block.attributes.get(options.attribute);
  const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
  if (attr === undefined || (value?.known === true && value.value === null)) {
    ctx.report({
      messageId: options.missing,
      at: block.headerSpan,
      data: { name },
      ...(options.missingSeverity !== undefined ? { severity: options.missingSeverity } : {}),
      ...(attr === undefined ? { fix: { fixId: options.fixId, edits: [insertAttribute(resource.uri, ctx.text, block, options.attribute, options.literal)] } } : {}),
    });
    return;
  }
  if (value === undefined || !value.known) {
    ctx.cannotDetermine(attr.expr.span, `${options.attribute} = ${value?.known === false ? value.text : ''} cannot be resolved statically`);
    return;
  }
  const text = asString(value.value);
  if (text !== undefined && options.allowed.includes(text)) return;
  const fix = replaceLiteral(resource.uri, attr, options.literal);
  ctx.report({
    messageId: options.wrong,
    at: attr.expr.span,
    data: { name, value: valueText(value), origin: originSuffix(value) },
    related: originRelated(value),
    ...(fix ? { fix: { fixId: options.fixId, edits: [fix] } } : {}),
  });
}
