import type { Location } from '../span';
import type { ResourceInstance } from './instances';
import { memoWithLookups, type MemoEntry } from './lookups';
import type { TfModule } from './module';
import type { Operator, RefStep, TfExpr, TfForExpr } from './types';
import { blockExpressions, dynamicScopes, visitExpression, type DynamicScope } from './walk';

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

/**
 * A value with what the evaluator knows about it. `error`: Terraform would fail here (an attribute
 * a fully known object lacks, an index out of range) — what `try()` and `can()` decide on; the value
 * is then UNKNOWN. `lenient`: the value comes from a variable whose type has `optional(...)`
 * attributes, which Terraform fills with null, so a missing attribute is unknown rather than an error.
 */
export interface Evaluated {
  readonly value: Value;
  readonly origin?: Origin;
  readonly error?: true;
  readonly lenient?: true;
}

const MAX_DEPTH = 16;
const NONE: Evaluated = { value: UNKNOWN };
const ERROR: Evaluated = { value: UNKNOWN, error: true };
const NO_SYMBOLS: ReadonlyMap<string, Evaluated> = new Map();

/** What names mean where an expression is evaluated. */
interface Env {
  readonly module: TfModule | undefined;
  /** The resource instance whose `count.index` / `each.*` apply (only to expressions of its block). */
  readonly instance: ResourceInstance | undefined;
  /** Symbols of enclosing `for` expressions and of `dynamic` iterators being expanded. */
  readonly symbols: ReadonlyMap<string, Evaluated>;
}

/**
 * Evaluates what can be decided without running Terraform: literals, templates of known parts,
 * `var.*` (the calling module's input, tfvars, then the default), `local.*`, operators, conditionals,
 * `for` expressions, a set of pure functions, `dynamic` iterators whose every element gives the same
 * value, and — with `instance`, for expressions written in that instance's block — `count.index`,
 * `each.key` and `each.value`. References to other resources and data sources stay unknown.
 */
export function evaluate(expr: TfExpr, module: TfModule | undefined, instance?: ResourceInstance): Resolved {
  const value = evaluateDetailed(expr, module, instance);
  if (value.value === UNKNOWN) return { known: false, text: exprText(expr) };
  return value.origin ? { known: true, value: value.value, origin: value.origin } : { known: true, value: value.value };
}

/** `evaluate` with the evaluator's own annotations (errors, lenient objects); for the model's use. */
export function evaluateDetailed(expr: TfExpr, module: TfModule | undefined, instance?: ResourceInstance): Evaluated {
  const bound = instance !== undefined && blockExpressions(instance.block).has(expr) ? instance : undefined;
  return evalValue(expr, { module, instance: bound, symbols: NO_SYMBOLS }, 0);
}

function evalValue(expr: TfExpr, env: Env, depth: number): Evaluated {
  if (depth > MAX_DEPTH) return NONE;
  switch (expr.kind) {
    case 'literal':
      return { value: expr.value };
    case 'template': {
      // `"${x}"` (a single interpolation) is the value of x itself, not converted to a string.
      const only = expr.parts.length === 1 ? expr.parts[0] : undefined;
      if (only !== undefined && typeof only !== 'string') return evalValue(only, env, depth + 1);
      let out = '';
      let origin: Origin | undefined;
      for (const part of expr.parts) {
        if (typeof part === 'string') out += part;
        else {
          const v = evalValue(part, env, depth + 1);
          if (v.error) return ERROR;
          if (typeof v.value !== 'string' && typeof v.value !== 'number' && typeof v.value !== 'boolean') return NONE;
          out += String(v.value);
          origin ??= v.origin;
        }
      }
      return withOrigin(out, origin);
    }
    case 'tuple': {
      const items = expr.items.map((item) => evalValue(item, env, depth + 1));
      return items.some((i) => i.error) ? ERROR : { value: items.map((i) => i.value) };
    }
    case 'object': {
      const out: Record<string, Value> = {};
      for (const entry of expr.entries) {
        if (entry.key === undefined) return NONE;
        const v = evalValue(entry.value, env, depth + 1);
        if (v.error) return ERROR;
        out[entry.key] = v.value;
      }
      return { value: out };
    }
    case 'reference':
      return evalReference(expr, env, depth);
    case 'conditional': {
      const c = evalValue(expr.condition, env, depth + 1);
      if (c.error) return ERROR;
      const decided = toBool(c.value);
      if (decided !== undefined) return evalValue(decided ? expr.then : expr.otherwise, env, depth + 1);
      const a = evalValue(expr.then, env, depth + 1);
      const b = evalValue(expr.otherwise, env, depth + 1);
      if (isFullyKnown(a.value) && isFullyKnown(b.value) && deepEqual(a.value, b.value)) return { value: a.value };
      return NONE;
    }
    case 'operation':
      return evalOperation(expr.operator, expr.operands, env, depth);
    case 'for':
      return evalFor(expr, env, depth);
    case 'call':
      return evalCall(expr.name, expr.args, env, depth);
    case 'other':
      return NONE;
  }
}

function withOrigin(value: Value, origin: Origin | undefined, from?: Evaluated): Evaluated {
  const lenient = from?.lenient ? { lenient: true as const } : {};
  return origin ? { value, origin, ...lenient } : { value, ...lenient };
}

// ---------------------------------------------------------------------------------------------
// References

function evalReference(expr: Extract<TfExpr, { kind: 'reference' }>, env: Env, depth: number): Evaluated {
  const [root, ...rest] = expr.path;
  if (root === undefined || !('name' in root)) return NONE;
  const symbol = env.symbols.get(root.name);
  if (symbol !== undefined) return walk(symbol, rest, env, depth);
  if (root.name === 'count' || root.name === 'each') {
    const bound = env.instance?.symbols.get(root.name);
    return bound === undefined ? NONE : walk(bound, rest, env, depth);
  }
  const [second, ...tail] = rest;
  if (env.module !== undefined && (root.name === 'var' || root.name === 'local')) {
    if (second === undefined || !('name' in second)) return NONE;
    const base = root.name === 'var' ? variableValue(second.name, env.module, depth) : localValue(second.name, env.module, depth);
    return walk(base, tail, env, depth);
  }
  if (env.module === undefined) return NONE;
  const found = dynamicScopeOf(env.module, expr, root.name);
  return found === undefined ? NONE : evalIterator(found.scope, found.uri, expr, env, depth);
}

/** The value of `var.<name>`: the calling module's input, else tfvars (root modules only), else the default. */
function variableValue(name: string, module: TfModule, depth: number): Evaluated {
  const declared = module.variable(name);
  const lenient = hasOptionalAttributes(declared?.node.attributes.get('type')?.expr);
  const mark = (e: Evaluated): Evaluated => (lenient && e.value !== UNKNOWN ? { ...e, lenient: true } : e);
  const input = module.input(name);
  if (input !== undefined) {
    if (!input.value.known) return NONE;
    return mark({ value: input.value.value, origin: { ...input.at, description: `input "${name}" of ${module.instantiation?.address ?? 'the module call'}` } });
  }
  if (module.instantiation === undefined) {
    const assigned = module.tfvarsValue(name);
    if (assigned !== undefined) {
      const v = evalValue(assigned.node.expr, { module: undefined, instance: undefined, symbols: NO_SYMBOLS }, depth + 1); // tfvars are literals by definition
      return mark({ value: v.value, origin: { uri: assigned.uri, span: assigned.node.span, description: `var.${name} is set in ${basename(assigned.uri)}` } });
    }
  }
  const dflt = declared?.node.attributes.get('default');
  if (declared === undefined || dflt === undefined) return NONE;
  const v = evalValue(dflt.expr, { module, instance: undefined, symbols: NO_SYMBOLS }, depth + 1);
  return mark({ value: v.value, origin: { uri: declared.uri, span: dflt.span, description: `default of variable "${name}"` } });
}

function localValue(name: string, module: TfModule, depth: number): Evaluated {
  const local = module.local(name);
  if (local === undefined) return NONE;
  const v = evalValue(local.node.expr, { module, instance: undefined, symbols: NO_SYMBOLS }, depth + 1);
  return { ...v, origin: v.origin ?? { uri: local.uri, span: local.node.span, description: `local.${name}` } };
}

/** True when a variable's `type` constraint has `optional(...)` attributes. */
function hasOptionalAttributes(type: TfExpr | undefined): boolean {
  let found = false;
  if (type !== undefined) visitExpression(type, (e) => (found ||= (e.kind === 'call' && e.name === 'optional') || (e.kind === 'other' && /\boptional\s*\(/.test(e.text))));
  return found;
}

/** Follows `.name`, `[index]` and `[expr]` steps; a missing attribute of a fully known object is an error. */
function walk(base: Evaluated, steps: readonly RefStep[], env: Env, depth: number): Evaluated {
  let value = base.value;
  for (const step of steps) {
    if (value === UNKNOWN) return base.error ? ERROR : NONE;
    if ('splat' in step) return NONE;
    let key: string | number;
    if ('name' in step) key = step.name;
    else if ('index' in step) key = step.index;
    else {
      const k = evalValue(step.computed, env, depth + 1);
      if (k.error) return ERROR;
      if (typeof k.value !== 'string' && typeof k.value !== 'number') return NONE;
      key = k.value;
    }
    if (value === null || typeof value !== 'object') return ERROR; // an attribute of null, a string, …
    if (Array.isArray(value)) {
      const list = value as readonly Value[];
      const i = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : NaN;
      if (!Number.isInteger(i) || i < 0 || i >= list.length) return ERROR;
      value = list[i]!;
    } else {
      const object = value as Readonly<Record<string, Value>>;
      const k = String(key);
      if (!Object.prototype.hasOwnProperty.call(object, k)) return base.lenient ? NONE : ERROR;
      value = object[k]!;
    }
  }
  if (value === UNKNOWN) return NONE;
  return withOrigin(value, base.origin, base);
}

// ---------------------------------------------------------------------------------------------
// `dynamic` blocks

function dynamicScopeOf(module: TfModule, expr: TfExpr, name: string): { scope: DynamicScope; uri: string } | undefined {
  for (const file of module.filesHoldingExpressions()) {
    const scope = dynamicScopes(file)
      .get(expr)
      ?.find((s) => s.iterator === name);
    if (scope !== undefined) return { scope, uri: file.uri };
  }
  return undefined;
}

/**
 * `<iterator>.key` / `<iterator>.value…` inside a dynamic block's content: known when every element
 * of the (known) `for_each` gives the same value; otherwise unknown. Rules that must judge each
 * element separately expand the dynamic block themselves.
 */
function evalIterator(scope: DynamicScope, uri: string, expr: Extract<TfExpr, { kind: 'reference' }>, env: Env, depth: number): Evaluated {
  if (scope.forEach === undefined) return NONE;
  const collection = evalValue(scope.forEach, env, depth + 1);
  const elements = collectionElements(collection, false);
  if (elements === undefined || elements.length === 0) return NONE;
  const origin: Origin = collection.origin ?? { uri, span: scope.forEach.span, description: `for_each of dynamic "${scope.block.labels[0] ?? ''}"` };
  let first: Evaluated | undefined;
  for (const element of elements) {
    const symbols = new Map(env.symbols);
    symbols.set(scope.iterator, { value: { key: element.key, value: element.value }, origin, ...(collection.lenient ? { lenient: true as const } : {}) });
    const v = evalReference(expr, { ...env, symbols }, depth + 1);
    if (v.value === UNKNOWN || !isFullyKnown(v.value)) return NONE;
    if (first === undefined) first = v;
    else if (!deepEqual(first.value, v.value)) return NONE;
  }
  return first ?? NONE;
}

export interface Element {
  readonly key: Value;
  readonly value: Value;
}

/**
 * The elements a collection iterates over, in Terraform's order: an object's entries by key; a
 * list's items. Terraform keys a list item by its index but a set item by the item itself, and this
 * evaluator does not tell lists from sets: an item's key is unknown, except with `setOfStrings`
 * (a resource's `for_each`, which only takes sets), where the items must be strings and are their
 * own keys. Undefined when the collection is not known.
 */
export function collectionElements(collection: Evaluated, setOfStrings: boolean): Element[] | undefined {
  const value = collection.value;
  if (value === UNKNOWN || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    const items = value as readonly Value[];
    if (!setOfStrings) return items.map((item) => ({ key: UNKNOWN, value: item }));
    if (!items.every((i) => typeof i === 'string')) return undefined;
    return [...new Set(items as readonly string[])].sort().map((s) => ({ key: s, value: s }));
  }
  const object = value as Readonly<Record<string, Value>>;
  return Object.keys(object)
    .sort()
    .map((k) => ({ key: k, value: object[k]! }));
}

// ---------------------------------------------------------------------------------------------
// `for` expressions and operators

function evalFor(expr: TfForExpr, env: Env, depth: number): Evaluated {
  const collection = evalValue(expr.collection, env, depth + 1);
  if (collection.error) return ERROR;
  const elements = collectionElements(collection, false);
  if (elements === undefined) return NONE;
  const tuple: Value[] = [];
  const object: Record<string, Value> = {};
  const groups: Record<string, Value[]> = {};
  for (const element of elements) {
    const symbols = new Map(env.symbols);
    const lenient = collection.lenient ? { lenient: true as const } : {};
    if (expr.keyVar !== undefined) symbols.set(expr.keyVar, { value: element.key });
    symbols.set(expr.valueVar, { value: element.value, ...lenient });
    const inner: Env = { ...env, symbols };
    if (expr.condition !== undefined) {
      const c = evalValue(expr.condition, inner, depth + 1);
      const keep = toBool(c.value);
      if (c.error) return ERROR;
      if (keep === undefined) return NONE;
      if (!keep) continue;
    }
    const v = evalValue(expr.value, inner, depth + 1);
    if (v.error) return ERROR;
    if (!expr.object) {
      tuple.push(v.value);
      continue;
    }
    const k = expr.key === undefined ? NONE : evalValue(expr.key, inner, depth + 1);
    if (k.error) return ERROR;
    if (typeof k.value !== 'string' && typeof k.value !== 'number' && typeof k.value !== 'boolean') return NONE;
    const key = String(k.value);
    if (expr.grouping) (groups[key] ??= []).push(v.value);
    else if (Object.prototype.hasOwnProperty.call(object, key)) return ERROR; // duplicate key without `...`
    else object[key] = v.value;
  }
  const value: Value = !expr.object ? tuple : expr.grouping ? groups : object;
  return withOrigin(value, collection.origin, collection);
}

function evalOperation(operator: Operator, operands: readonly TfExpr[], env: Env, depth: number): Evaluated {
  const values = operands.map((o) => evalValue(o, env, depth + 1));
  if (values.some((v) => v.error)) return ERROR;
  const origin = values.find((v) => v.origin)?.origin;
  const result = (value: Value): Evaluated => withOrigin(value, origin);
  const [a, b] = values.map((v) => v.value);
  switch (operator) {
    case '!': {
      const x = toBool(a!);
      return x === undefined ? NONE : result(!x);
    }
    case 'neg': {
      const x = toNumber(a!);
      return x === undefined ? NONE : result(-x);
    }
    case '&&':
    case '||': {
      // false && anything is false, true || anything is true, whatever the unknown side turns out to be.
      const x = toBool(a!);
      const y = toBool(b!);
      const dominant = operator === '||';
      if (x === dominant || y === dominant) return result(dominant);
      return x === undefined || y === undefined ? NONE : result(!dominant);
    }
    case '==':
    case '!=': {
      if (!isFullyKnown(a!) || !isFullyKnown(b!)) return NONE;
      // Terraform converts variables to their declared type, which this evaluator does not track:
      // a string compared with a number or a bool is undecided rather than unequal.
      if (mixedPrimitiveTypes(a!, b!)) return NONE;
      const equal = deepEqual(a!, b!);
      return result(operator === '==' ? equal : !equal);
    }
    default: {
      const x = toNumber(a!);
      const y = toNumber(b!);
      if (x === undefined || y === undefined) return NONE;
      return result(arithmetic(operator, x, y));
    }
  }
}

function arithmetic(operator: Operator, x: number, y: number): Value {
  switch (operator) {
    case '*':
      return x * y;
    case '/':
      return y === 0 ? UNKNOWN : x / y;
    case '%':
      return y === 0 ? UNKNOWN : x % y;
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    default:
      return UNKNOWN;
  }
}

function mixedPrimitiveTypes(a: Value, b: Value): boolean {
  const kind = (v: Value): string => (v === null ? 'null' : typeof v === 'object' ? 'collection' : typeof v);
  const ka = kind(a);
  const kb = kind(b);
  return ka !== kb && ka !== 'null' && kb !== 'null' && ka !== 'collection' && kb !== 'collection';
}

/** Terraform's conversion to bool: the strings "true"/"false" are booleans where a bool is expected. */
function toBool(value: Value): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

function toNumber(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Functions

function evalCall(name: string, args: readonly TfExpr[], env: Env, depth: number): Evaluated {
  // try() and can() look at errors of their arguments instead of propagating them.
  if (name === 'try') {
    for (const arg of args) {
      const v = evalValue(arg, env, depth + 1);
      if (v.error) continue;
      return v.value === UNKNOWN ? NONE : v;
    }
    return ERROR;
  }
  if (name === 'can') {
    const v = args.length === 1 ? evalValue(args[0]!, env, depth + 1) : NONE;
    return v.error ? { value: false } : v.value === UNKNOWN ? NONE : { value: true };
  }
  const values = args.map((a) => evalValue(a, env, depth + 1));
  if (values.some((x) => x.error)) return ERROR;
  const v = values.map((x) => x.value);
  const origin = values.find((x) => x.origin)?.origin;
  const wrap = (value: Value): Evaluated => withOrigin(value, origin);
  const first = v[0];
  const list = (x: Value | undefined): readonly Value[] | undefined => (Array.isArray(x) ? (x as readonly Value[]) : undefined);
  const object = (x: Value | undefined): Readonly<Record<string, Value>> | undefined =>
    x !== undefined && x !== null && x !== UNKNOWN && typeof x === 'object' && !Array.isArray(x) ? (x as Readonly<Record<string, Value>>) : undefined;
  switch (name) {
    case 'tobool':
      return wrap(toBool(first ?? UNKNOWN) ?? UNKNOWN);
    case 'tostring':
      return wrap(typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean' ? String(first) : UNKNOWN);
    case 'tonumber':
      return wrap(toNumber(first ?? UNKNOWN) ?? UNKNOWN);
    case 'lower':
      return wrap(typeof first === 'string' ? first.toLowerCase() : UNKNOWN);
    case 'upper':
      return wrap(typeof first === 'string' ? first.toUpperCase() : UNKNOWN);
    case 'trimspace':
      return wrap(typeof first === 'string' ? first.trim() : UNKNOWN);
    case 'tolist':
    case 'toset':
      return wrap(list(first) ?? UNKNOWN);
    case 'tomap':
      return wrap(object(first) ?? UNKNOWN);
    case 'concat':
      return wrap(v.every((x) => Array.isArray(x)) ? (v as Value[][]).flat() : UNKNOWN);
    case 'flatten': {
      const flat = (x: Value): Value[] | undefined => {
        const items = list(x);
        if (items === undefined) return undefined;
        const out: Value[] = [];
        for (const item of items) {
          if (item === UNKNOWN) return undefined; // may be a list: the length is unknown
          if (Array.isArray(item)) {
            const inner = flat(item);
            if (inner === undefined) return undefined;
            out.push(...inner);
          } else out.push(item);
        }
        return out;
      };
      return wrap(first === undefined ? UNKNOWN : (flat(first) ?? UNKNOWN));
    }
    case 'compact': {
      const items = list(first);
      if (items === undefined || items.some((i) => i === UNKNOWN)) return NONE;
      return wrap(items.filter((i) => i !== null && i !== ''));
    }
    case 'distinct': {
      const items = list(first);
      if (items === undefined || !isFullyKnown(items)) return NONE;
      return wrap(items.filter((item, i) => items.findIndex((other) => deepEqual(other, item)) === i));
    }
    case 'length': {
      if (typeof first === 'string') return wrap([...first].length);
      const items = list(first);
      if (items !== undefined) return wrap(items.length);
      const o = object(first);
      return o !== undefined ? wrap(Object.keys(o).length) : first === null ? ERROR : NONE;
    }
    case 'contains': {
      const items = list(first);
      const wanted = v[1];
      if (items === undefined || wanted === undefined || !isFullyKnown(wanted)) return NONE;
      if (items.some((i) => isFullyKnown(i) && deepEqual(i, wanted))) return wrap(true);
      return items.every(isFullyKnown) ? wrap(false) : NONE;
    }
    case 'lookup': {
      const o = object(first);
      const key = v[1];
      if (o === undefined || typeof key !== 'string' || (args.length !== 2 && args.length !== 3)) return first === null ? ERROR : NONE;
      if (Object.prototype.hasOwnProperty.call(o, key)) return o[key] === UNKNOWN ? NONE : withOrigin(o[key]!, origin);
      if (values[0]?.lenient) return NONE;
      return args.length === 3 ? values[2]! : ERROR;
    }
    case 'element': {
      const items = list(first);
      const i = toNumber(v[1] ?? UNKNOWN);
      if (items === undefined || i === undefined || !Number.isInteger(i) || items.length === 0) return NONE;
      const item = items[((i % items.length) + items.length) % items.length]!;
      return item === UNKNOWN ? NONE : wrap(item);
    }
    case 'one': {
      const items = list(first);
      if (items === undefined) return NONE;
      if (items.length === 0) return wrap(null);
      return items.length === 1 && items[0] !== UNKNOWN ? wrap(items[0]!) : items.length > 1 ? ERROR : NONE;
    }
    case 'keys':
    case 'values': {
      const o = object(first);
      if (o === undefined) return NONE;
      const keys = Object.keys(o).sort();
      return wrap(name === 'keys' ? keys : keys.map((k) => o[k]!));
    }
    case 'merge': {
      const out: Record<string, Value> = {};
      for (const x of v) {
        if (x === null) continue;
        const o = object(x);
        if (o === undefined) return NONE;
        Object.assign(out, o);
      }
      return wrap(out);
    }
    case 'join': {
      const items = list(v[1]);
      if (typeof first !== 'string' || items === undefined || v.length !== 2) return NONE;
      if (!items.every((i) => typeof i === 'string' || typeof i === 'number' || typeof i === 'boolean')) return NONE;
      return wrap(items.map(String).join(first));
    }
    case 'split': {
      const s = v[1];
      return wrap(typeof first === 'string' && first !== '' && typeof s === 'string' ? s.split(first) : UNKNOWN);
    }
    case 'alltrue':
    case 'anytrue': {
      const items = list(first);
      if (items === undefined) return NONE;
      const bools = items.map(toBool);
      const dominant = name === 'anytrue';
      if (bools.includes(dominant)) return wrap(dominant);
      return bools.includes(undefined) ? NONE : wrap(!dominant);
    }
    case 'jsonencode':
      return wrap(first === undefined || !isFullyKnown(first) ? UNKNOWN : jsonEncode(first));
    case 'jsondecode': {
      if (typeof first !== 'string') return NONE;
      try {
        return wrap(JSON.parse(first) as Value);
      } catch {
        return ERROR;
      }
    }
    case 'coalesce': {
      for (const x of v) {
        if (x === UNKNOWN) return NONE;
        if (x !== null && x !== '') return wrap(x);
      }
      return NONE;
    }
    case 'coalescelist': {
      for (const x of v) {
        const items = list(x);
        if (items === undefined) return NONE;
        if (items.length > 0) return wrap(items);
      }
      return NONE;
    }
    default:
      return NONE;
  }
}

// ---------------------------------------------------------------------------------------------
// Values

export function isFullyKnown(value: Value): boolean {
  if (value === UNKNOWN) return false;
  if (Array.isArray(value)) return (value as readonly Value[]).every(isFullyKnown);
  if (value !== null && typeof value === 'object') return Object.values(value as Record<string, Value>).every(isFullyKnown);
  return true;
}

/** Structural equality of fully known values (types must match: 1 is not "1"). */
export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const x = a as readonly Value[];
    const y = b as readonly Value[];
    return x.length === y.length && x.every((item, i) => deepEqual(item, y[i]!));
  }
  const x = a as Readonly<Record<string, Value>>;
  const y = b as Readonly<Record<string, Value>>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && deepEqual(x[k]!, y[k]!));
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
    case 'operation':
    case 'for':
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
 * `evaluate` memoised per module (or resource instance) and expression. All are immutable for one
 * version of the module, so many rules (and many resources of one rule) asking about the same
 * expression pay once. An expression outside the instance's block evaluates as without instance.
 */
const memo = new WeakMap<TfModule | ResourceInstance, WeakMap<TfExpr, MemoEntry<Resolved>>>();
export function evaluateCached(expr: TfExpr, module: TfModule, instance?: ResourceInstance): Resolved {
  const key = instance !== undefined && blockExpressions(instance.block).has(expr) ? instance : module;
  let perKey = memo.get(key);
  if (perKey === undefined) memo.set(key, (perKey = new WeakMap()));
  return memoWithLookups(perKey, expr, () => evaluate(expr, module, key === module ? undefined : instance));
}
