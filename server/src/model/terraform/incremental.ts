import type { Tree } from 'web-tree-sitter';
import type { ChangedRegion } from '../../parsing/changed-region';
import type { Span } from '../span';
import { readTopLevel, topLevelNodes } from './extract';
import type { RefStep, TfAttribute, TfBlock, TfComment, TfExpr, TfFile, TfObjectEntry } from './types';

/**
 * The model of `text` (parsed as `tree`) built from `previous` (the model of the text before the
 * changes in `region`): top-level blocks, attributes and comments entirely before the region are
 * reused as they are, those entirely after it are reused with their offsets moved by `region.delta`,
 * and only the top-level nodes that overlap it are read from the tree. The result equals
 * extractTerraform(uri, kind, tree, text) (test/unit/model/terraform-incremental.test.ts checks it
 * over random edits). Undefined when the file has top-level attributes (a .tfvars file, or a .tf file
 * with an error): only the first of duplicated names is kept in the model, so reuse could expose a
 * stale one; such files are small and extracted whole.
 */
export function updateTerraform(previous: TfFile, tree: Tree, text: string, region: ChangedRegion): TfFile | undefined {
  if (previous.kind !== 'terraform' || previous.attributes.size > 0) return undefined;
  const { nodes, hasErrors } = topLevelNodes(tree);
  // The region, widened to whole top-level nodes of the new tree and whole items of the old model
  // until neither straddles it (a node that starts or ends inside is read again).
  let start = region.start;
  let end = region.end;
  const oldItems = topLevelSpans(previous);
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of nodes) {
      if (n.endIndex >= start && n.startIndex <= end && (n.startIndex < start || n.endIndex > end)) {
        start = Math.min(start, n.startIndex);
        end = Math.max(end, n.endIndex);
        changed = true;
      }
    }
    for (const span of oldItems) {
      const s = span.start >= end - region.delta ? span.start + region.delta : span.start;
      const e = span.end >= end - region.delta ? span.end + region.delta : span.end;
      if (!before(span, start) && !after(span, end, region.delta) && (s < start || e > end)) {
        start = Math.min(start, s);
        end = Math.max(end, e);
        changed = true;
      }
    }
  }
  const fresh = readTopLevel(
    nodes.filter((n) => n.endIndex >= start && n.startIndex <= end),
    text,
  );
  const delta = region.delta;
  const keep = <T extends { readonly span: Span }>(items: readonly T[], shift: (item: T, delta: number) => T, read: readonly T[]): T[] => [
    ...items.filter((i) => before(i.span, start)),
    ...read,
    ...items.filter((i) => after(i.span, end, delta)).map((i) => (delta === 0 ? i : shift(i, delta))),
  ];
  const moved = (b: TfBlock, d: number): TfBlock => {
    const copy = shiftBlock(b, d);
    sameTextAs.set(copy, sameTextAs.get(b) ?? b);
    return copy;
  };
  const blocks = keep(previous.blocks, moved, fresh.blocks);
  if (fresh.attributes.length > 0) return undefined;
  const attributes = new Map<string, TfAttribute>();
  const comments = keep(previous.comments, shiftComment, fresh.comments).sort((a, b) => a.span.start - b.span.start);
  return { uri: previous.uri, kind: previous.kind, blocks, attributes, comments, hasErrors };
}

/**
 * For a top-level block reused with moved offsets: the block of an earlier model it was copied
 * from (the first of the chain). Reused blocks have the same text, so later stages (result reuse)
 * can tell an unchanged block by identity instead of comparing text.
 */
const sameTextAs = new WeakMap<TfBlock, TfBlock>();

/** The block `block` was copied from by updateTerraform (itself when it was read or never moved). */
export function originalBlock(block: TfBlock): TfBlock {
  return sameTextAs.get(block) ?? block;
}

/** Ends before the region (strictly: a node touching the region's start may have grown into it). */
function before(span: Span, start: number): boolean {
  return span.end < start;
}

/** Starts after the region, in the old text's offsets (the region's end moved back by delta). */
function after(span: Span, end: number, delta: number): boolean {
  return span.start > end - delta;
}

function topLevelSpans(file: TfFile): Span[] {
  return [...file.blocks.map((b) => b.span), ...file.comments.map((c) => c.span)];
}

const shiftSpan = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });

function shiftComment(c: TfComment, d: number): TfComment {
  return { text: c.text, span: shiftSpan(c.span, d) };
}

export function shiftAttribute(a: TfAttribute, d: number): TfAttribute {
  return { name: a.name, nameSpan: shiftSpan(a.nameSpan, d), span: shiftSpan(a.span, d), expr: shiftExpr(a.expr, d) };
}

/** A copy of `b` with every offset moved by `d`. */
export function shiftBlock(b: TfBlock, d: number): TfBlock {
  const attributes = new Map<string, TfAttribute>();
  for (const [name, a] of b.attributes) attributes.set(name, shiftAttribute(a, d));
  return {
    type: b.type,
    labels: b.labels,
    span: shiftSpan(b.span, d),
    headerSpan: shiftSpan(b.headerSpan, d),
    attributes,
    blocks: b.blocks.map((c) => shiftBlock(c, d)),
    bodyStart: b.bodyStart + d,
    closeBrace: b.closeBrace + d,
    hasErrors: b.hasErrors,
  };
}

function shiftStep(s: RefStep, d: number): RefStep {
  return 'computed' in s ? { computed: shiftExpr(s.computed, d) } : s;
}

function shiftEntry(e: TfObjectEntry, d: number): TfObjectEntry {
  return { key: e.key, keySpan: shiftSpan(e.keySpan, d), value: shiftExpr(e.value, d) };
}

function shiftExpr(e: TfExpr, d: number): TfExpr {
  const span = shiftSpan(e.span, d);
  switch (e.kind) {
    case 'literal':
    case 'other':
      return { ...e, span };
    case 'template':
      return { kind: 'template', parts: e.parts.map((p) => (typeof p === 'string' ? p : shiftExpr(p, d))), span };
    case 'reference':
      return { kind: 'reference', path: e.path.map((s) => shiftStep(s, d)), text: e.text, span };
    case 'tuple':
      return { kind: 'tuple', items: e.items.map((i) => shiftExpr(i, d)), span };
    case 'object':
      return { kind: 'object', entries: e.entries.map((x) => shiftEntry(x, d)), span };
    case 'call':
      return { kind: 'call', name: e.name, args: e.args.map((a) => shiftExpr(a, d)), span };
    case 'conditional':
      return { kind: 'conditional', condition: shiftExpr(e.condition, d), then: shiftExpr(e.then, d), otherwise: shiftExpr(e.otherwise, d), span };
    case 'operation':
      return { kind: 'operation', operator: e.operator, operands: e.operands.map((o) => shiftExpr(o, d)), text: e.text, span };
    case 'for':
      return {
        ...e,
        collection: shiftExpr(e.collection, d),
        ...(e.key !== undefined ? { key: shiftExpr(e.key, d) } : {}),
        value: shiftExpr(e.value, d),
        ...(e.condition !== undefined ? { condition: shiftExpr(e.condition, d) } : {}),
        span,
      };
  }
}
