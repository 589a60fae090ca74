import type { YEntry, YMap, YNode, YSeq } from '../model/kubernetes/yaml';
import { containsSpan, type Span } from '../model/span';
import type { FixEdit } from './fix-edit';
import { eolOf, indentUnitOf, lineEndOf, lineStartOf } from './text-layout';

/** A YAML value to write: a scalar (as it is written), a sequence, or a nested mapping. */
export type YamlValue = string | readonly YamlValue[] | YamlMapValue;
export interface YamlMapValue {
  readonly [key: string]: YamlValue;
}

function isMapValue(value: YamlValue): value is YamlMapValue {
  return typeof value !== 'string' && !Array.isArray(value);
}

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
    if (isMapValue(value) && existing.value?.kind === 'map') {
      const first = Object.entries(value)[0];
      if (first !== undefined) return setMapKey(uri, text, existing.value, first[0], first[1]);
    }
    // Empty, null, sequence, alias or wrong-shaped value: rewrite the entry from its key to the end of its content.
    const span = { start: existing.keySpan.start, end: entryContentEnd(text, existing) };
    if (map.style === 'flow') return { uri, span, newText: `${key}: ${flow(value)}` };
    const indent = ' '.repeat(existing.keySpan.start - lineStartOf(text, existing.keySpan.start));
    return { uri, span, newText: block(key, value, indent, layoutOf(text, span.start)).slice(indent.length) };
  }
  return insertEntries(uri, text, map, [[key, value]]);
}

/**
 * Merges `value` into `map` key by key: a nested mapping merges into an existing mapping value, any
 * other key is set as `setMapKey` sets it, and the keys the mapping lacks are inserted together, in
 * the order given, as one edit after its last entry. Undefined when a mapping it would write into is
 * reached through an alias (the edit would change every user of the anchor).
 */
export function mergeMapKeys(uri: string, text: string, map: YMap, value: YamlMapValue): FixEdit[] | undefined {
  const edits: FixEdit[] = [];
  const missing: (readonly [string, YamlValue])[] = [];
  for (const [key, v] of Object.entries(value)) {
    const existing = map.entries.find((e) => e.key === key);
    if (existing === undefined) {
      missing.push([key, v]);
      continue;
    }
    const current = existing.value;
    if (isMapValue(v) && current?.kind === 'map') {
      if (!containsSpan(existing.span, current.span)) return undefined;
      const nested = mergeMapKeys(uri, text, current, v);
      if (nested === undefined) return undefined;
      edits.push(...nested);
    } else {
      edits.push(setMapKey(uri, text, map, key, v));
    }
  }
  if (missing.length > 0) edits.push(insertEntries(uri, text, map, missing));
  return joinInsertions(edits);
}

/** Insertions at one point (a nested key and the keys after its mapping) as one edit, in order. */
function joinInsertions(edits: readonly FixEdit[]): FixEdit[] {
  const out: FixEdit[] = [];
  for (const edit of edits) {
    const previous = out.find((e) => e.span.start === edit.span.start && e.span.end === e.span.start && edit.span.end === edit.span.start);
    if (previous === undefined) out.push(edit);
    else out[out.indexOf(previous)] = { ...previous, newText: previous.newText + edit.newText };
  }
  return out;
}

/**
 * Appends an item to a sequence: in block style on a new line after the last item, with its dash at
 * the column of the others; in flow style after the last item (`, {hosts: [a]}`). Undefined when an
 * item is written through an alias (its text is elsewhere, so where the sequence ends is not known).
 * The caller must not pass a sequence reached through an alias.
 */
export function appendSeqItem(uri: string, text: string, seq: YSeq, value: YamlValue): FixEdit | undefined {
  if (seq.items.some((item) => !containsSpan(seq.span, item.span))) return undefined;
  const last = seq.items[seq.items.length - 1];
  if (seq.style === 'flow') {
    if (last === undefined) {
      const close = seq.span.end - 1;
      return { uri, span: { start: close, end: close }, newText: flow(value) };
    }
    const at = nodeContentEnd(text, last);
    return { uri, span: { start: at, end: at }, newText: `, ${flow(value)}` };
  }
  if (last === undefined) return undefined;
  const dash = ' '.repeat(seq.span.start - lineStartOf(text, seq.span.start));
  const layout = layoutOf(text, seq.span.start);
  const at = lineEndOf(text, nodeContentEnd(text, seq));
  return { uri, span: { start: at, end: at }, newText: layout.eol + seqItem(value, dash, layout) };
}

/** Inserts entries the mapping lacks after its last entry, in block or flow style as the mapping is written. */
function insertEntries(uri: string, text: string, map: YMap, entries: readonly (readonly [string, YamlValue])[]): FixEdit {
  const last = map.entries[map.entries.length - 1];
  if (map.style === 'flow') {
    const written = entries.map(([key, value]) => `${key}: ${flow(value)}`).join(', ');
    if (last !== undefined) {
      const at = entryContentEnd(text, last);
      return { uri, span: { start: at, end: at }, newText: `, ${written}` };
    }
    const close = map.span.end - 1;
    return { uri, span: { start: close, end: close }, newText: written };
  }
  const layout = layoutOf(text, map.span.start);
  const first = map.entries[0];
  const column = first ? first.keySpan.start - lineStartOf(text, first.keySpan.start) : 0;
  const indent = ' '.repeat(column);
  // After the line of the last entry's content: a comment ending that line stays with it, and
  // comment lines that follow (which the grammar counts into the map's span) stay where they are.
  const at = lineEndOf(text, last !== undefined ? entryContentEnd(text, last) : trimEnd(text, map.span));
  const lines = entries.map(([key, value]) => block(key, value, indent, layout));
  return { uri, span: { start: at, end: at }, newText: layout.eol + lines.join(layout.eol) };
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

/** How new block-style lines are laid out in a file: its line ending, indentation step and sequence style. */
interface BlockLayout {
  readonly eol: string;
  readonly unit: string;
  /** True when the file writes a block sequence's dashes at the column of its key (`tls:` then `- hosts:`). */
  readonly indentlessSequences: boolean;
}

/** The layout of new lines written at `at`: the sequence style is that of the YAML document holding it, else of the file. */
function layoutOf(text: string, at: number): BlockLayout {
  const start = text.lastIndexOf('\n---', at);
  const end = text.indexOf('\n---', at);
  const document = text.slice(start < 0 ? 0 : start, end < 0 ? text.length : end);
  return { eol: eolOf(text), unit: indentUnitOf(text).replace(/\t/g, '  '), indentlessSequences: indentlessSequences(document) ?? indentlessSequences(text) ?? false };
}

/** The sequence style of the first block sequence under a key; undefined when there is none. */
function indentlessSequences(text: string): boolean | undefined {
  const m = /^( *)[^\s#-][^\r\n#]*:[ \t]*(?:#[^\r\n]*)?\r?\n(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*( *)- /m.exec(text);
  return m === null ? undefined : m[1] === m[2];
}

function block(key: string, value: YamlValue, indent: string, layout: BlockLayout): string {
  if (typeof value === 'string') return `${indent}${key}: ${value}`;
  if (isMapValue(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return `${indent}${key}: {}`;
    return `${indent}${key}:${layout.eol}${entries.map(([k, v]) => block(k, v, indent + layout.unit, layout)).join(layout.eol)}`;
  }
  if (value.length === 0) return `${indent}${key}: []`;
  const dash = layout.indentlessSequences ? indent : indent + layout.unit;
  return `${indent}${key}:${layout.eol}${value.map((item) => seqItem(item, dash, layout)).join(layout.eol)}`;
}

/** One block sequence item with its dash at `dash`; the keys of a mapping item line up after `- `. */
function seqItem(item: YamlValue, dash: string, layout: BlockLayout): string {
  if (!isMapValue(item) || Object.keys(item).length === 0) return `${dash}- ${flow(item)}`;
  const inner = `${dash}  `;
  const lines = Object.entries(item).map(([k, v]) => block(k, v, inner, layout));
  return `${dash}- ${lines.join(layout.eol).slice(inner.length)}`;
}

function flow(value: YamlValue): string {
  if (typeof value === 'string') return value;
  if (isMapValue(value)) return `{${Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
  return `[${value.map(flow).join(', ')}]`;
}

/**
 * A string as a YAML scalar: plain where YAML reads it back as the same string (a host name, a
 * placeholder), else double-quoted (JSON escapes are valid YAML escapes).
 */
export function yamlString(value: string): string {
  const plainSafe = /^[A-Za-z0-9_/<][A-Za-z0-9_./<>@:-]*$/.test(value) && !/:$/.test(value) && !/^[0-9]/.test(value);
  return plainSafe && !/^(true|false|yes|no|on|off|y|n|null)$/i.test(value) ? value : JSON.stringify(value);
}
