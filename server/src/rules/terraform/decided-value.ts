import type { FixEdit } from '../../fixes/fix-edit';
import { replaceSpan } from '../../fixes/terraform-edits';
import type { Resolved } from '../../model/terraform/evaluate';
import type { Located, TfModule } from '../../model/terraform/module';
import type { TfAttribute, TfExpr } from '../../model/terraform/types';
import type { DecidedElsewhere } from '../types';

type KnownResolved = Extract<Resolved, { known: true }>;

/** The edit that changes a value, and where it is made when that is not the use site. */
export interface ValueReplacement {
  readonly edit: FixEdit;
  /** Set when the edit changes a `.tfvars` assignment or a variable default instead of the attribute. */
  readonly decidedElsewhere?: DecidedElsewhere;
}

/**
 * Replaces the value of `attr` (in the file `uri`) with `newText` where the value is decided:
 * - written as a literal at the use site: that literal;
 * - written as `var.<name>` (or `"${var.<name>}"`), with the value the rule judged (`resolved`) coming
 *   from the variable's winning terraform.tfvars / *.auto.tfvars assignment or, when none sets it, from
 *   its default, written there as a constant: that assignment or default. Every use of the variable changes
 *   with it, so the fix is a review variant (`decidedElsewhere`, see rules/fix-meta.ts).
 * Undefined for anything else — a local, a conditional, a module input, an expression over variables —
 * where changing the value means deciding about more than one literal.
 */
export function replaceValue(ctx: { readonly module: TfModule }, uri: string, attr: TfAttribute, resolved: KnownResolved, newText: string): ValueReplacement | undefined {
  if (attr.expr.kind === 'literal') return { edit: replaceSpan(uri, attr.expr.span, newText) };
  const decided = decidingAttribute(ctx.module, attr.expr, resolved);
  if (decided === undefined || !isConstant(decided.located.node.expr)) return undefined;
  return {
    edit: replaceSpan(decided.located.uri, decided.located.node.expr.span, newText),
    decidedElsewhere: { variable: decided.variable, place: decided.place, file: basename(decided.located.uri), value: newText },
  };
}

/**
 * The `.tfvars` assignment or `default` that gave `expr` (a plain `var.<name>`) its value: the one the
 * evaluator names as the value's origin. Undefined for another expression, for a module instantiated by
 * a `module` block (its variables are the caller's inputs) and when the origin is anything else.
 */
function decidingAttribute(module: TfModule, expr: TfExpr, resolved: KnownResolved): { variable: string; place: DecidedElsewhere['place']; located: Located<TfAttribute> } | undefined {
  const variable = variableName(expr);
  const origin = resolved.origin;
  if (variable === undefined || origin === undefined || module.instantiation !== undefined) return undefined;
  const isOrigin = (located: Located<TfAttribute>): boolean => located.uri === origin.uri && located.node.span.start === origin.span.start && located.node.span.end === origin.span.end;
  const assigned = module.tfvarsValue(variable);
  if (assigned !== undefined) return isOrigin(assigned) ? { variable, place: 'tfvars', located: assigned } : undefined;
  const declared = module.variable(variable);
  const dflt = declared?.node.attributes.get('default');
  if (declared === undefined || dflt === undefined) return undefined;
  const located = { uri: declared.uri, node: dflt };
  return isOrigin(located) ? { variable, place: 'default', located } : undefined;
}

/** `<name>` of `var.<name>` or `"${var.<name>}"`; undefined for any other expression. */
function variableName(expr: TfExpr): string | undefined {
  const inner = expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object' ? expr.parts[0] : expr;
  if (inner.kind !== 'reference' || inner.path.length !== 2) return undefined;
  const [root, name] = inner.path;
  return root !== undefined && 'name' in root && root.name === 'var' && name !== undefined && 'name' in name ? name.name : undefined;
}

/** A literal, or a quoted string without interpolation. */
function isConstant(expr: TfExpr): boolean {
  return expr.kind === 'literal' || (expr.kind === 'template' && expr.parts.every((p) => typeof p === 'string'));
}

function basename(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}
