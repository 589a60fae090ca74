import type { YMap } from '../model/kubernetes/yaml';
import type { FixEdit } from './fix-edit';
import { eolOf, indentUnitOf, lineStartOf } from './text-layout';

/** A YAML value to write: a plain scalar, or a nested mapping. */
export type YamlValue = string | { readonly [key: string]: YamlValue };

/**
 * Sets `key` in `map`: replaces the scalar value when the key exists, otherwise inserts the key
 * after the last entry at the map's indentation (block style) or before the `}` (flow style).
 * Nested mappings are written in the style of the map they go into.
 */
export function setMapKey(uri: string, text: string, map: YMap, key: string, value: YamlValue): FixEdit {
  const existing = map.entries.find((e) => e.key === key);
  if (existing !== undefined && typeof value === 'string' && existing.value !== undefined && existing.value.kind === 'scalar') {
    return { uri, span: existing.value.span, newText: value };
  }
  if (existing !== undefined && typeof value !== 'string' && existing.value?.kind === 'map') {
    // Merge into the existing nested map, one key at a time (the first missing/different key).
    const [k, v] = Object.entries(value)[0]!;
    return setMapKey(uri, text, existing.value, k, v);
  }
  if (map.style === 'flow') {
    const close = map.span.end - 1;
    const prefix = map.entries.length > 0 ? ', ' : '';
    return { uri, span: { start: close, end: close }, newText: `${prefix}${key}: ${flow(value)}` };
  }
  const eol = eolOf(text);
  const first = map.entries[0];
  const column = first ? first.keySpan.start - lineStartOf(text, first.keySpan.start) : 0;
  const indent = ' '.repeat(column);
  const unit = indentUnitOf(text).replace(/\t/g, '  ');
  const at = map.span.end;
  return { uri, span: { start: at, end: at }, newText: eol + block(key, value, indent, unit, eol) };
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
