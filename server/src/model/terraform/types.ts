import type { Span } from '../span';

/**
 * A Terraform expression as written. Literals are known; everything else keeps its shape so the
 * resolver can decide statically what it can (variables, locals, references) and leave the rest
 * unknown. Nothing here guesses a value.
 */
export type TfExpr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly span: Span }
  | { readonly kind: 'template'; readonly parts: readonly (string | TfExpr)[]; readonly span: Span }
  | { readonly kind: 'reference'; readonly path: readonly RefStep[]; readonly text: string; readonly span: Span }
  | { readonly kind: 'tuple'; readonly items: readonly TfExpr[]; readonly span: Span }
  | { readonly kind: 'object'; readonly entries: readonly TfObjectEntry[]; readonly span: Span }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly TfExpr[]; readonly span: Span }
  | { readonly kind: 'conditional'; readonly condition: TfExpr; readonly then: TfExpr; readonly otherwise: TfExpr; readonly span: Span }
  /** `a == b`, `!a`, `a && b`, `-n`, … — one operand for `!` and unary `-`, two otherwise. */
  | { readonly kind: 'operation'; readonly operator: Operator; readonly operands: readonly TfExpr[]; readonly text: string; readonly span: Span }
  | TfForExpr
  | { readonly kind: 'other'; readonly text: string; readonly span: Span };

export type Operator = '!' | 'neg' | '*' | '/' | '%' | '+' | '-' | '>' | '>=' | '<' | '<=' | '==' | '!=' | '&&' | '||';

/**
 * `[for k, v in coll : value if cond]` (`object: false`) or `{for k, v in coll : key => value...}`
 * (`object: true`; `grouping` with `...`). `keyVar` is absent when only one symbol is declared.
 */
export interface TfForExpr {
  readonly kind: 'for';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: TfExpr;
  readonly object: boolean;
  /** The key expression of the object form. */
  readonly key?: TfExpr;
  readonly value: TfExpr;
  readonly condition?: TfExpr;
  readonly grouping: boolean;
  readonly text: string;
  readonly span: Span;
}

/**
 * One step of a traversal: `.name`, `[index]` with a literal, `[expr]` with a computed index
 * (`[count.index]`, `[each.key]`, `[var.i]`), or a splat `[*]`.
 */
export type RefStep = { readonly name: string } | { readonly index: string | number } | { readonly computed: TfExpr } | { readonly splat: true };

export interface TfObjectEntry {
  /** The key when it is a literal or a bare identifier; undefined for computed keys. */
  readonly key: string | undefined;
  readonly keySpan: Span;
  readonly value: TfExpr;
}

export interface TfAttribute {
  readonly name: string;
  readonly nameSpan: Span;
  /** The whole `name = value` line(s). */
  readonly span: Span;
  readonly expr: TfExpr;
}

export interface TfBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly span: Span;
  /** From the block type through the last label: where block-level findings are shown. */
  readonly headerSpan: Span;
  readonly attributes: ReadonlyMap<string, TfAttribute>;
  readonly blocks: readonly TfBlock[];
  /** Offset just after `{` and of the closing `}` (equal to span.end when the brace is missing). */
  readonly bodyStart: number;
  readonly closeBrace: number;
  /** True when the block or anything in it is a syntax error or missing token. */
  readonly hasErrors: boolean;
}

export interface TfComment {
  readonly text: string;
  readonly span: Span;
}

/** One parsed .tf or .tfvars file. For .tfvars, `attributes` holds the top-level assignments. */
export interface TfFile {
  readonly uri: string;
  readonly kind: 'terraform' | 'terraform-vars';
  readonly blocks: readonly TfBlock[];
  readonly attributes: ReadonlyMap<string, TfAttribute>;
  readonly comments: readonly TfComment[];
  readonly hasErrors: boolean;
}

/** `resource "type" "name"` blocks; rules are dispatched on these. */
export function isResource(block: TfBlock): boolean {
  return block.type === 'resource' && block.labels.length >= 2;
}

export function resourceType(block: TfBlock): string {
  return block.labels[0] ?? '';
}

export function resourceName(block: TfBlock): string {
  return block.labels[1] ?? '';
}

/** Nested blocks of one type (e.g. every `ingress` of a security group), including `dynamic "x"` contents. */
export function nestedBlocks(block: TfBlock, type: string): TfBlock[] {
  const out: TfBlock[] = [];
  for (const child of block.blocks) {
    if (child.type === type) out.push(child);
    else if (child.type === 'dynamic' && child.labels[0] === type) {
      for (const content of child.blocks) if (content.type === 'content') out.push(content);
    }
  }
  return out;
}
