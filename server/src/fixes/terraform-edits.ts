import type { Located } from '../model/terraform/module';
import type { TfBlock, TfExpr } from '../model/terraform/types';
import type { Span } from '../model/span';
import type { FixEdit } from './fix-edit';
import { eolOf, indentOfLine, indentUnitOf, lineEndOf, lineStartOf, onlyWhitespaceBefore } from './text-layout';

/**
 * Format-preserving edits for HCL: new lines take the block's indentation, the file's line endings
 * and, where the block aligns its `=` signs, the same alignment. Nothing outside the change moves.
 */
export function insertAttribute(uri: string, text: string, block: TfBlock, name: string, value: string): FixEdit {
  // Terraform rejects an attribute written twice: an existing one (e.g. `= null`) gets the new value instead.
  const existing = block.attributes.get(name);
  if (existing !== undefined) return replaceSpan(uri, existing.expr.span, value);
  return insertLines(uri, text, block, [`${alignedName(text, block, name)} = ${value}`]);
}

/** Inserts a nested block (lines relative to the block's body indentation, first line is the header). */
export function insertNestedBlock(uri: string, text: string, block: TfBlock, lines: readonly string[]): FixEdit {
  return insertLines(uri, text, block, lines);
}

export function replaceSpan(uri: string, span: Span, newText: string): FixEdit {
  return { uri, span, newText };
}

/** Inserts a new top-level block (e.g. an AWS v4 companion resource) right after `after`, in the same file. */
export function insertBlockAfter(text: string, after: Located<TfBlock>, lines: readonly string[]): FixEdit {
  const eol = eolOf(text);
  const indent = indentOfLine(text, after.node.span.start);
  const unit = indentUnitOf(text);
  const at = lineEndOf(text, after.node.span.end);
  const body = lines.map((l) => (l === '' ? '' : indent + l.replace(/^( {2})+/, (m) => unit.repeat(m.length / 2)))).join(eol);
  // Keep a blank line on both sides when another block follows directly.
  const rest = text.slice(at).replace(/^\r?\n/, '');
  const trailing = rest !== '' && !/^[ \t]*(\r?\n|$)/.test(rest) ? eol : '';
  return { uri: after.uri, span: { start: at, end: at }, newText: eol + eol + body + trailing };
}

/**
 * Appends `item` to a list written as `[…]`: `[]` becomes `[item]`; on one line it follows the last
 * element (`[a, item]`); in a list written one element per line it gets its own line at the
 * elements' indentation, after a trailing comma when the list has one (and keeps that style).
 */
export function appendTupleItem(uri: string, text: string, tuple: Extract<TfExpr, { kind: 'tuple' }>, item: string): FixEdit {
  const last = tuple.items[tuple.items.length - 1];
  const close = tuple.span.end - 1;
  if (last === undefined) return { uri, span: { start: tuple.span.start + 1, end: close }, newText: item };
  const between = text.slice(last.span.end, close);
  if (!/[\r\n]/.test(text.slice(tuple.span.start, close))) return { uri, span: { start: last.span.end, end: last.span.end }, newText: `, ${item}` };
  const eol = eolOf(text);
  const indent = indentOfLine(text, last.span.start);
  const comma = between.indexOf(',');
  if (comma >= 0 && !between.slice(0, comma).includes('#') && !between.slice(0, comma).includes('//')) {
    const at = lineEndOf(text, last.span.end + comma);
    return { uri, span: { start: at, end: at }, newText: `${eol}${indent}${item},` };
  }
  const at = lineEndOf(text, last.span.end);
  return { uri, span: { start: last.span.end, end: at }, newText: `,${text.slice(last.span.end, at)}${eol}${indent}${item}` };
}

function insertLines(uri: string, text: string, block: TfBlock, lines: readonly string[]): FixEdit {
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  const outer = indentOfLine(text, block.span.start);
  const bodyIndent = firstChildIndent(text, block) ?? outer + unit;
  const rendered = lines.map((l) => (l === '' ? '' : bodyIndent + l.replace(/^( {2})+/, (m) => unit.repeat(m.length / 2))));
  const closeOnOwnLine = block.closeBrace < text.length && text[block.closeBrace] === '}' && onlyWhitespaceBefore(text, block.closeBrace);
  if (closeOnOwnLine) {
    const at = lineStartOf(text, block.closeBrace);
    return { uri, span: { start: at, end: at }, newText: rendered.join(eol) + eol };
  }
  // `resource "x" "y" {}` or `{ a = 1 }` on one line: open the block up.
  const inside = text.slice(block.bodyStart, block.closeBrace).trim();
  const existing = inside === '' ? [] : [bodyIndent + inside];
  return {
    uri,
    span: { start: block.bodyStart, end: block.closeBrace },
    newText: eol + [...existing, ...rendered].join(eol) + eol + outer,
  };
}

function firstChildIndent(text: string, block: TfBlock): string | undefined {
  const starts = [...[...block.attributes.values()].map((a) => a.span.start), ...block.blocks.map((b) => b.span.start)];
  if (starts.length === 0) return undefined;
  const first = Math.min(...starts);
  return onlyWhitespaceBefore(text, first) ? indentOfLine(text, first) : undefined;
}

/** Pads `name` to the column of `=` when every attribute of the block aligns its `=` there. */
function alignedName(text: string, block: TfBlock, name: string): string {
  const columns = new Set<number>();
  for (const attr of block.attributes.values()) {
    const eq = text.indexOf('=', attr.nameSpan.end);
    if (eq < 0) return name;
    columns.add(eq - attr.nameSpan.start);
  }
  if (columns.size !== 1 || block.attributes.size < 2) return name;
  const column = [...columns][0]!;
  return column > name.length ? name.padEnd(column - 1) : name;
}
