import type { Location } from '../span';
import type { TfModule } from './module';
import type { TfExpr } from './types';

/** Marks a part of a value that cannot be known statically (inside lists and objects). */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Value = string | number | boolean | null | typeof UNKNOWN | readonly Value[] | { readonly [key: string]: Value };

/** Where a resolved value came from when it is not written at the use site. */
export interface Origin extends Location {
  readonly description: string;
}

/** A statically resolved value, or the honest answer that it cannot be known. Never a guess. */
export type Resolved =
  | { readonly known: true; readonly value: Value; readonly origin?: Origin }
  | { readonly known: false; readonly text: string };

const MAX_DEPTH = 16;

/**
 * Evaluates what can be decided without running Terraform: literals, templates of known parts,
 * `var.*` (tfvars, then the default), `local.*`, statically decidable conditionals and a few
 * pure functions. References to other resources and data sources stay unknown.
 */
export function evaluate(expr: TfExpr, module: TfModule | undefined, depth = 0): Resolved {
  const value = evalValue(expr, module, depth);
  if (value.value === UNKNOWN) return { known: false, text: exprText(expr) };
  return value.origin ? { known: true, value: value.value, origin: value.origin } : { known: true, value: value.value };
}

interface Evaluated {
  readonly value: Value;
  readonly origin?: Origin;
}

function evalValue(expr: TfExpr, module: TfModule | undefined, depth: number): Evaluated {
  if (depth > MAX_DEPTH) return { value: UNKNOWN };
  switch (expr.kind) {
    case 'literal':
      return { value: expr.value };
    case 'template': {
      // `"${x}"` (a single interpolation) is the value of x itself, not converted to a string.
      const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
      if (only !== undefined && typeof only !== 'string') return evalValue(only, module, depth + 1);
      let out = '';
      let origin: Origin | undefined;
      for (const part of expr.parts) {
        if (typeof part === 'string') out += part;
        else {
          const v = evalValue(part, module, depth + 1);
          if (typeof v.value !== 'string' && typeof v.value !== 'number' && typeof v.value !== 'boolean') return { value: UNKNOWN };
          out += String(v.value);
          origin ??= v.origin;
        }
      }
      return origin ? { value: out, origin } : { value: out };
    }
    case 'tuple':
      return { value: expr.items.map((item) => evalValue(item, module, depth + 1).value) };
    case 'object': {
      const out: Record<string, Value> = {};
      for (const entry of expr.entries) {
        if (entry.key === undefined) return { value: UNKNOWN };
        out[entry.key] = evalValue(entry.value, module, depth + 1).value;
      }
      return { value: out };
    }
    case 'reference':
      return evalReference(expr, module, depth);
    case 'conditional': {
      const c = evalValue(expr.condition, module, depth + 1);
      if (typeof c.value === 'boolean') return evalValue(c.value ? expr.then : expr.otherwise, module, depth + 1);
      const a = evalValue(expr.then, module, depth + 1);
      const b = evalValue(expr.otherwise, module, depth + 1);
      if (a.value !== UNKNOWN && typeof a.value !== 'object' && a.value === b.value) return { value: a.value };
      return { value: UNKNOWN };
    }
    case 'call':
      return evalCall(expr.name, expr.args, module, depth);
    case 'other':
      return { value: UNKNOWN };
  }
}

function evalReference(expr: Extract<TfExpr, { kind: 'reference' }>, module: TfModule | undefined, depth: number): Evaluated {
  const [root, second, ...rest] = expr.path;
  if (module === undefined || root === undefined || second === undefined || !('name' in root) || !('name' in second)) return { value: UNKNOWN };
  let base: Evaluated;
  if (root.name === 'var') {
    const assigned = module.tfvarsValue(second.name);
    if (assigned !== undefined) {
      const v = evalValue(assigned.node.expr, undefined, depth + 1); // tfvars are literals by definition
      base = { value: v.value, origin: { uri: assigned.uri, span: assigned.node.span, description: `var.${second.name} is set in ${basename(assigned.uri)}` } };
    } else {
      const declared = module.variable(second.name);
      const dflt = declared?.node.attributes.get('default');
      if (declared === undefined || dflt === undefined) return { value: UNKNOWN };
      const v = evalValue(dflt.expr, module, depth + 1);
      base = { value: v.value, origin: { uri: declared.uri, span: dflt.span, description: `default of variable "${second.name}"` } };
    }
  } else if (root.name === 'local') {
    const local = module.local(second.name);
    if (local === undefined) return { value: UNKNOWN };
    const v = evalValue(local.node.expr, module, depth + 1);
    base = { value: v.value, origin: v.origin ?? { uri: local.uri, span: local.node.span, description: `local.${second.name}` } };
  } else {
    return { value: UNKNOWN };
  }
  let value: Value = base.value;
  for (const step of rest) {
    if (value === UNKNOWN || value === null || typeof value !== 'object') return { value: UNKNOWN };
    if ('splat' in step) return { value: UNKNOWN };
    const key = 'name' in step ? step.name : step.index;
    value = Array.isArray(value) ? ((value as readonly Value[])[Number(key)] ?? UNKNOWN) : ((value as Record<string, Value>)[String(key)] ?? UNKNOWN);
  }
  return base.origin ? { value, origin: base.origin } : { value };
}

function evalCall(name: string, args: readonly TfExpr[], module: TfModule | undefined, depth: number): Evaluated {
  const values = args.map((a) => evalValue(a, module, depth + 1));
  const v = values.map((x) => x.value);
  const origin = values.find((x) => x.origin)?.origin;
  const wrap = (value: Value): Evaluated => (origin ? { value, origin } : { value });
  const first = v[0];
  switch (name) {
    case 'tobool':
      return wrap(first === true || first === 'true' ? true : first === false || first === 'false' ? false : UNKNOWN);
    case 'tostring':
      return wrap(typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean' ? String(first) : UNKNOWN);
    case 'tonumber':
      return wrap(typeof first === 'number' ? first : typeof first === 'string' && first.trim() !== '' && !Number.isNaN(Number(first)) ? Number(first) : UNKNOWN);
    case 'lower':
      return wrap(typeof first === 'string' ? first.toLowerCase() : UNKNOWN);
    case 'upper':
      return wrap(typeof first === 'string' ? first.toUpperCase() : UNKNOWN);
    case 'tolist':
    case 'toset':
      return wrap(Array.isArray(first) ? first : UNKNOWN);
    case 'concat':
      return wrap(v.every((x) => Array.isArray(x)) ? (v as Value[][]).flat() : UNKNOWN);
    case 'jsonencode':
      return wrap(first === undefined || !isFullyKnown(first) ? UNKNOWN : jsonEncode(first));
    case 'jsondecode': {
      if (typeof first !== 'string') return { value: UNKNOWN };
      try {
        return wrap(JSON.parse(first) as Value);
      } catch {
        return { value: UNKNOWN };
      }
    }
    case 'coalesce': {
      for (const x of v) {
        if (x === UNKNOWN) return { value: UNKNOWN };
        if (x !== null && x !== '') return wrap(x);
      }
      return { value: UNKNOWN };
    }
    default:
      return { value: UNKNOWN };
  }
}

function isFullyKnown(value: Value): boolean {
  if (value === UNKNOWN) return false;
  if (Array.isArray(value)) return (value as readonly Value[]).every(isFullyKnown);
  if (value !== null && typeof value === 'object') return Object.values(value as Record<string, Value>).every(isFullyKnown);
  return true;
}

/** Terraform's jsonencode: no whitespace, object keys in lexical order, `<`, `>`, `&`, U+2028/9 escaped. */
function jsonEncode(value: Value): string {
  const encode = (v: Value): string => {
    if (Array.isArray(v)) return `[${(v as readonly Value[]).map(encode).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, Value>;
      return `{${Object.keys(o)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${encode(o[k]!)}`)
        .join(',')}}`;
    }
    return JSON.stringify(v);
  };
  return encode(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function exprText(expr: TfExpr): string {
  switch (expr.kind) {
    case 'reference':
    case 'other':
      return expr.text;
    case 'literal':
      return JSON.stringify(expr.value);
    default:
      return expr.kind;
  }
}

function basename(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/**
 * `evaluate` memoised per module and expression. Both are immutable for one version of the module,
 * so many rules (and many resources of one rule) asking about the same expression pay once.
 */
const memo = new WeakMap<TfModule, WeakMap<TfExpr, Resolved>>();
export function evaluateCached(expr: TfExpr, module: TfModule): Resolved {
  let perModule = memo.get(module);
  if (perModule === undefined) memo.set(module, (perModule = new WeakMap()));
  let resolved = perModule.get(expr);
  if (resolved === undefined) perModule.set(expr, (resolved = evaluate(expr, module)));
  return resolved;
}
