import type { YEntry, YMap, YNode } from '../model/kubernetes/yaml';
import { containsSpan, type Span } from '../model/span';
import type { FixEdit } from './fix-edit';
import { eolOf, indentUnitOf, lineEndOf, lineStartOf } from './text-layout';

/** A YAML value to write: a plain scalar, or a nested mapping. */
export type YamlValue = string | { readonly [key: string]: YamlValue };

/**
 * Sets `key` in `map`:
 * - a scalar value of an existing key is replaced in place (anchors, tags and comments stay);
 * - a nested mapping merges into an existing mapping value, one key at a time (the first key of `value`);
 * - an existing key whose value is empty (`key:`), null, a sequence or an alias is rewritten as `key: value`
 *   (never a second, duplicate key);
 * - a missing key is inserted after the last entry, at the map's indentation, on a new line after any
 *   comment that ends the last entry's line (block style), or after the last entry (flow style).
 * Nested mappings are written in the style of the map they go into.
 *
 * The caller must not pass a map reached through an alias (`*name`): the edit would change the anchor's
 * definition, which every alias shares. `containsSpan(entry.span, node.span)` tells the two apart:
 * a value reached through an alias does not lie inside its entry.
 */
export function setMapKey(uri: string, text: string, map: YMap, key: string, value: YamlValue): FixEdit {
  const existing = map.entries.find((e) => e.key === key);
  if (existing !== undefined) {
    const current = existing.value !== undefined && containsSpan(existing.span, existing.value.span) ? existing.value : undefined;
    if (typeof value === 'string' && current?.kind === 'scalar' && current.value !== null) {
      return { uri, span: current.span, newText: value };
    }
    if (typeof value !== 'string' && existing.value?.kind === 'map') {
      const first = Object.entries(value)[0];
      if (first !== undefined) return setMapKey(uri, text, existing.value, first[0], first[1]);
    }
    // Empty, null, sequence, alias or wrong-shaped value: rewrite the entry from its key to the end of its content.
    const span = { start: existing.keySpan.start, end: entryContentEnd(text, existing) };
    if (map.style === 'flow') return { uri, span, newText: `${key}: ${flow(value)}` };
    const indent = ' '.repeat(existing.keySpan.start - lineStartOf(text, existing.keySpan.start));
    return { uri, span, newText: block(key, value, indent, indentUnit(text), eolOf(text)).slice(indent.length) };
  }
  const last = map.entries[map.entries.length - 1];
  if (map.style === 'flow') {
    if (last !== undefined) {
      const at = entryContentEnd(text, last);
      return { uri, span: { start: at, end: at }, newText: `, ${key}: ${flow(value)}` };
    }
    const close = map.span.end - 1;
    return { uri, span: { start: close, end: close }, newText: `${key}: ${flow(value)}` };
  }
  const eol = eolOf(text);
  const first = map.entries[0];
  const column = first ? first.keySpan.start - lineStartOf(text, first.keySpan.start) : 0;
  const indent = ' '.repeat(column);
  // After the line of the last entry's content: a comment ending that line stays with it, and
  // comment lines that follow (which the grammar counts into the map's span) stay where they are.
  const at = lineEndOf(text, last !== undefined ? entryContentEnd(text, last) : trimEnd(text, map.span));
  return { uri, span: { start: at, end: at }, newText: eol + block(key, value, indent, indentUnit(text), eol) };
}

/**
 * The end of an entry's own content: its last scalar or closing bracket, without the trailing comments
 * and blank lines that the grammar may count into a mapping's or a pair's span.
 */
export function entryContentEnd(text: string, entry: YEntry): number {
  if (entry.value !== undefined && containsSpan(entry.span, entry.value.span)) return nodeContentEnd(text, entry.value);
  return trimEnd(text, entry.span);
}

function nodeContentEnd(text: string, node: YNode): number {
  if (node.kind === 'map' && node.style === 'block') {
    const last = node.entries[node.entries.length - 1];
    if (last !== undefined) return entryContentEnd(text, last);
  }
  if (node.kind === 'seq' && node.style === 'block') {
    const last = node.items[node.items.length - 1];
    if (last !== undefined && containsSpan(node.span, last.span)) return nodeContentEnd(text, last);
  }
  const end = trimEnd(text, node.span);
  return node.kind === 'scalar' && isKeepBlockScalar(text, node.span) ? afterBlankLines(text, end) : end;
}

/** `|+` or `>+`: the trailing blank lines belong to the value, so an insertion must come after them. */
function isKeepBlockScalar(text: string, span: Span): boolean {
  const first = text[span.start];
  return (first === '|' || first === '>') && /^[|>][0-9-]*\+/.test(text.slice(span.start, lineEndOf(text, span.start)));
}

function afterBlankLines(text: string, offset: number): number {
  let end = lineEndOf(text, offset);
  for (;;) {
    let next = end;
    if (text[next] === '\r') next++;
    if (text[next] === '\n') next++;
    if (next === end || next >= text.length) return end;
    const lineEnd = lineEndOf(text, next);
    if (text.slice(next, lineEnd).trim() !== '') return end;
    end = lineEnd;
  }
}

function trimEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function indentUnit(text: string): string {
  return indentUnitOf(text).replace(/\t/g, '  ');
}

function block(key: string, value: YamlValue, indent: string, unit: string, eol: string): string {
  if (typeof value === 'string') return `${indent}${key}: ${value}`;
  const lines = Object.entries(value).map(([k, v]) => block(k, v, indent + unit, unit, eol));
  return `${indent}${key}:${eol}${lines.join(eol)}`;
}

function flow(value: YamlValue): string {
  if (typeof value === 'string') return value;
  return `{${Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
}
