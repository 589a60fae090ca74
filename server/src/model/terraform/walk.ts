import type { TfBlock, TfExpr, TfFile } from './types';

/** The direct sub-expressions of an expression (computed index steps included). */
export function subExpressions(expr: TfExpr): readonly TfExpr[] {
  switch (expr.kind) {
    case 'template':
      return expr.parts.filter((p): p is TfExpr => typeof p !== 'string');
    case 'reference':
      return expr.path.flatMap((step) => ('computed' in step ? [step.computed] : []));
    case 'tuple':
      return expr.items;
    case 'object':
      return expr.entries.map((e) => e.value);
    case 'call':
      return expr.args;
    case 'conditional':
      return [expr.condition, expr.then, expr.otherwise];
    case 'operation':
      return expr.operands;
    case 'for':
      return [expr.collection, ...(expr.key ? [expr.key] : []), expr.value, ...(expr.condition ? [expr.condition] : [])];
    case 'literal':
    case 'other':
      return [];
  }
}

/** Calls `visit` for `expr` and every expression nested in it. */
export function visitExpression(expr: TfExpr, visit: (e: TfExpr) => void): void {
  visit(expr);
  for (const sub of subExpressions(expr)) visitExpression(sub, visit);
}

const blockMemo = new WeakMap<TfBlock, ReadonlySet<TfExpr>>();

/** Every expression written in a block: its attributes and those of its nested blocks, at every depth. */
export function blockExpressions(block: TfBlock): ReadonlySet<TfExpr> {
  let set = blockMemo.get(block);
  if (set === undefined) {
    const out = new Set<TfExpr>();
    const walk = (b: TfBlock): void => {
      for (const attr of b.attributes.values()) visitExpression(attr.expr, (e) => out.add(e));
      for (const child of b.blocks) walk(child);
    };
    walk(block);
    blockMemo.set(block, (set = out));
  }
  return set;
}

/** A `dynamic "<label>"` block seen from inside its `content`: the iterator symbol and its collection. */
export interface DynamicScope {
  /** `iterator = name` when given, else the block label (`ingress` in `ingress.value`). */
  readonly iterator: string;
  readonly forEach: TfExpr | undefined;
  readonly block: TfBlock;
}

const scopeMemo = new WeakMap<TfFile, WeakMap<TfExpr, readonly DynamicScope[]>>();

/**
 * For each expression inside the `content` of a `dynamic` block (at any depth), the enclosing
 * dynamic blocks, innermost first. Expressions outside dynamic content have no entry. A dynamic
 * block's own `for_each` belongs to the enclosing scopes only.
 */
export function dynamicScopes(file: TfFile): WeakMap<TfExpr, readonly DynamicScope[]> {
  let map = scopeMemo.get(file);
  if (map !== undefined) return map;
  const out = new WeakMap<TfExpr, readonly DynamicScope[]>();
  const walk = (block: TfBlock, chain: readonly DynamicScope[]): void => {
    if (chain.length > 0) for (const attr of block.attributes.values()) visitExpression(attr.expr, (e) => out.set(e, chain));
    for (const child of block.blocks) {
      if (child.type === 'dynamic' && child.labels[0] !== undefined) {
        if (chain.length > 0) for (const attr of child.attributes.values()) visitExpression(attr.expr, (e) => out.set(e, chain));
        const scope: DynamicScope = { iterator: iteratorName(child), forEach: child.attributes.get('for_each')?.expr, block: child };
        for (const content of child.blocks) if (content.type === 'content') walk(content, [scope, ...chain]);
      } else {
        walk(child, chain);
      }
    }
  };
  for (const block of file.blocks) walk(block, []);
  scopeMemo.set(file, (map = out));
  return map;
}

function iteratorName(dynamic: TfBlock): string {
  const it = dynamic.attributes.get('iterator')?.expr;
  if (it?.kind === 'reference' && it.path.length === 1) {
    const only = it.path[0]!;
    if ('name' in only) return only.name;
  }
  return dynamic.labels[0] ?? '';
}
