import { LineIndex } from '../../server/src/model/line-index';
import type { ContentChange } from '../../server/src/parsing/parsed-document';

/**
 * Seeded random LSP edits for differential tests (incremental parse vs fresh parse, server
 * diagnostics vs a fresh analysis). Every change is planned against a text the test tracks itself,
 * so the expected text never depends on the code under test.
 */

/** Syntax fragments typed into Terraform files: punctuation, heredocs, templates, multi-byte characters, line breaks of every kind. */
export const TERRAFORM_SNIPPETS: readonly string[] = ['x', 'abc', '42', '_', ' ', '\n', '\r\n', '\r', '"', '{', '}', '[', ']', '=', ' = ', '${', '}"', 'é', '😀', 'ñ😀é', '#', '//', '/*', '*/', '<<EOT\n', '\nEOT\n', '<<-EOT\r\n', 'resource "a" "b" {\n', 'x = 1\n', 'var.x', '.', '[*]', '[0]', '? 1 : 2', ',', '(', ')', '\\"', 'true', 'null'];
/** Syntax fragments typed into YAML files: indicators, anchors, block scalars, tabs, document markers, multi-byte characters. */
export const YAML_SNIPPETS: readonly string[] = ['x', 'abc', '42', '-', ' ', '  ', '\n', '\r\n', '\r', ': ', ':', '- ', '\n  - ', '---\n', '...\n', '&a ', '*a', '|', '>-', '"', "'", '{', '}', '[', ']', ',', '#', 'é', '😀', 'ñ😀é', 'key: value\n', '\t', '? ', '!!str ', '%YAML 1.2\n'];

/** Small, fast, seedable PRNG (mulberry32, public domain). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of a fuzz run: `HCIAC_FUZZ_SEED` when set (to reproduce a failure), else `fallback`. */
export function fuzzSeed(fallback: number): number {
  const fromEnv = process.env.HCIAC_FUZZ_SEED;
  return fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) >>> 0 : fallback;
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Moves an offset off positions LSP cannot address or that would split a character: between \r and
 * \n (a position never points inside a line break) and between the halves of a surrogate pair.
 */
export function snap(text: string, offset: number): number {
  let o = Math.max(0, Math.min(offset, text.length));
  if (o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) o--;
  if (o > 0 && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))) o--;
  return o;
}

/** One ranged change, the text after it, and a description for failure messages. */
export interface PlannedChange {
  readonly change: ContentChange;
  readonly after: string;
  readonly describe: string;
}

/** What random edits are made of: the file's original text (retyped in pieces) and syntax snippets. */
export interface EditVocabulary {
  readonly text: string;
  readonly snippets: readonly string[];
}

/** The ranged change that replaces [start, end) of `text` with `insert`; the range comes from a LineIndex of `text`. */
export function plannedChange(text: string, start: number, end: number, insert: string, describe = `[${start},${end}) -> ${JSON.stringify(insert)}`): PlannedChange {
  const index = new LineIndex(text);
  return {
    change: { range: { start: index.positionAt(start), end: index.positionAt(end) }, text: insert },
    after: text.slice(0, start) + insert + text.slice(end),
    describe,
  };
}

/** One random ranged change against `text`: a deletion, an insertion (snippet or retyped original) or a replacement. */
export function randomChange(random: () => number, text: string, vocabulary: EditVocabulary): PlannedChange {
  const size = text.length;
  const original = vocabulary.text;
  const tooBig = size > original.length * 2;
  const tooSmall = size < original.length / 4;
  const roll = random();
  let start = snap(text, Math.floor(random() * (size + 1)));
  let end = start;
  let insert = '';
  if (!tooSmall && (roll < 0.35 || tooBig)) {
    // deletion, usually short, sometimes whole lines
    const length = random() < 0.85 ? 1 + Math.floor(random() * 6) : Math.floor(random() * 120);
    end = snap(text, start + length);
  } else if (roll < 0.7 || tooSmall) {
    // insertion: a syntax snippet, or a piece of the original text (realistic retyping)
    if (random() < 0.6) insert = pick(random, vocabulary.snippets);
    else {
      const from = snap(original, Math.floor(random() * original.length));
      insert = original.slice(from, snap(original, from + 1 + Math.floor(random() * 40)));
    }
  } else {
    // replacement
    end = snap(text, start + 1 + Math.floor(random() * 10));
    insert = pick(random, vocabulary.snippets);
  }
  if (end < start) [start, end] = [end, start];
  return plannedChange(text, start, end, insert);
}

/**
 * The ranged change an editor sends for "undo back to `target`": the smallest middle part that differs.
 * Random edits soon turn a file into garbage; restoring it now and then keeps most trees close to valid,
 * so reuse of well-formed subtrees is exercised as much as error recovery.
 */
export function restoreChange(text: string, target: string): PlannedChange {
  let prefix = 0;
  const max = Math.min(text.length, target.length);
  while (prefix < max && text.charCodeAt(prefix) === target.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && text.charCodeAt(text.length - 1 - suffix) === target.charCodeAt(target.length - 1 - suffix)) suffix++;
  const start = snap(text, prefix);
  let end = text.length - suffix;
  // Extend the end past a \n whose \r is inside the range, and past a low surrogate whose high half is.
  if (end < text.length && end > 0 && text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10) end++;
  if (end < text.length && end > 0 && isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) end++;
  const insert = target.slice(start, target.length - (text.length - end));
  return plannedChange(text, start, end, insert, `restore [${start},${end}) -> ${JSON.stringify(insert)}`);
}
