import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute, insertBlockAfter, insertNestedBlock, replaceSpan } from '../../fixes/terraform-edits';
import type { Span } from '../../model/span';
import type { Resolved } from '../../model/terraform/evaluate';
import type { Located, TfModule } from '../../model/terraform/module';
import { resourceName, resourceType, type RefStep, type TfAttribute, type TfBlock, type TfExpr } from '../../model/terraform/types';
import type { TerraformContext } from '../types';
import { asBool, originRelated, originSuffix } from './values';

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
}

/**
 * The whole "attribute must be true/false" rule: reports an absent attribute at the block header
 * (fix: insert it) and a wrong value at the value (fix: replace a literal; values that come from a
 * variable get the variable as related location and no fix). Returns the verdict.
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
        ctx.report({
          messageId: options.missing,
          at: block.headerSpan,
          data: options.data,
          fix: { fixId: options.fixId, edits: [insertAttribute(resource.uri, ctx.text, block, options.attribute, expected)] },
        });
      }
      break;
    case 'wrong': {
      const fix = replaceLiteral(resource.uri, verdict.attr, expected);
      ctx.report({
        messageId: options.wrong,
        at: verdict.attr.expr.span,
        data: { ...options.data, value: valueText(verdict.resolved), origin: originSuffix(verdict.resolved) },
        related: originRelated(verdict.resolved),
        ...(fix ? { fix: { fixId: options.fixId, edits: [fix] } } : {}),
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
  // Each insert is a pure insertion at the same point unless the block is written on one line.
  if (edits.every((e) => e.span.start === first.span.start && e.span.end === first.span.start)) {
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
 */
export function findCompanions(ctx: Evaluator & { readonly module: TfModule }, target: Located<TfBlock>, type: string, attr = 'bucket', nameAttr = 'bucket'): Companions {
  const names = literalNames(ctx, target.node, nameAttr);
  const matches: Located<TfBlock>[] = [];
  const undecided: Located<TfBlock>[] = [];
  for (const candidate of ctx.module.resourcesOfType(type)) {
    const a = candidate.node.attributes.get(attr);
    if (a === undefined) continue; // a required argument is missing: the companion points nowhere yet
    const pointsAt = targetOf(ctx, candidate.node, a.expr);
    if (pointsAt.kind === 'resource') {
      if (pointsAt.type !== resourceType(target.node)) undecided.push(candidate); // a data source, another resource's attribute, …
      else if (pointsAt.name === resourceName(target.node)) matches.push(candidate);
    } else if (pointsAt.kind === 'literal') {
      if (names.items.includes(pointsAt.value)) matches.push(candidate);
      else if (!names.complete) undecided.push(candidate);
    } else {
      undecided.push(candidate);
    }
  }
  return { matches, undecided };
}

type Target = { kind: 'resource'; type: string; name: string } | { kind: 'literal'; value: string } | { kind: 'unknown' };

function targetOf(ctx: Evaluator, companion: TfBlock, expr: TfExpr): Target {
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
  const all: (readonly [string, string])[] = [[attr, ref], ...attributes];
  const width = Math.max(...all.map(([k]) => k.length));
  const lines = [
    `resource "${type}" "${uniqueResourceName(ctx.module, type, n)}" {`,
    ...meta,
    ...all.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`),
    ...nested.map((l) => (l === '' ? '' : `  ${l}`)),
    '}',
  ];
  return insertBlockAfter(ctx.text, target, lines);
}

/** `base`, or `base_2`, `base_3`, … when a resource of `type` already has that name. */
export function uniqueResourceName(module: TfModule, type: string, base: string): string {
  const taken = new Set(module.resourcesOfType(type).map((r) => resourceName(r.node)));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}
