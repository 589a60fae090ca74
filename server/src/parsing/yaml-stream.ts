/**
 * Where a YAML stream may be cut into pieces that parse on their own exactly as they parse inside
 * the stream: before a document marker line.
 *
 * YAML 1.2.2 §9.1.4 (c-forbidden): a line that starts, at column 0, with `---` or `...` followed by
 * a space, a tab, a line break or the end of the input ends the document it is in — even inside a
 * block scalar or a quoted or flow scalar (where it is an error). So the text before such a line
 * and the text from it on are separate documents, and each piece can be parsed as a stream of its
 * own. Directives (`%YAML`, `%TAG`) are the exception: they belong to the document that follows the
 * next `---` and change how it is read, so a stream with a line starting with `%` is not split
 * (`hasDirectiveLine`).
 */

/** How many characters before a marker line's start and after it decide whether it is one: [start - 1, start + 4). */
export const MARKER_REACH_BEFORE = 1;
export const MARKER_REACH_AFTER = 4;

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Whether a line starts at `offset`: the start of the text, or right after a line break (not between the \r and \n of a CRLF). */
function isLineStart(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const before = text.charCodeAt(offset - 1);
  return before === 10 || (before === 13 && text.charCodeAt(offset) !== 10);
}

/** Whether a document marker line (`---` or `...` then a space, tab, line break or the end) starts at `offset`. */
export function isDocumentMarkerAt(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  if (c !== 45 /* - */ && c !== 46 /* . */) return false;
  if (text.charCodeAt(offset + 1) !== c || text.charCodeAt(offset + 2) !== c) return false;
  if (offset + 3 < text.length) {
    const after = text.charCodeAt(offset + 3);
    if (after !== 32 && after !== 9 && !isBreak(after)) return false;
  }
  return isLineStart(text, offset);
}

/**
 * The starts of the document marker lines in `[from, to]`, ascending. `from` of 0 is never reported:
 * the text's start is a piece's start whatever it holds.
 */
export function documentMarkersIn(text: string, from: number, to: number): number[] {
  const found: number[] = [];
  const last = Math.min(to, text.length);
  for (let at = Math.max(1, from); at <= last; at++) {
    const c = text.charCodeAt(at);
    if ((c === 45 || c === 46) && isDocumentMarkerAt(text, at)) found.push(at);
  }
  return found;
}

/** Whether a line in `[from, to)` starts with `%` (a directive, or what could become one: the stream is then not split). */
export function hasDirectiveLine(text: string, from: number, to: number): boolean {
  const last = Math.min(to, text.length);
  for (let at = from; at < last; at++) {
    if (text.charCodeAt(at) === 37 /* % */ && isLineStart(text, at)) return true;
  }
  return false;
}

/** A piece of a stream: `[start, end)`. */
export interface PieceRange {
  readonly start: number;
  readonly end: number;
}

/** `[from, to)` of `text` (`from` being 0 or a marker line) cut before each marker line inside it. */
export function pieceRanges(text: string, from: number, to: number): PieceRange[] {
  const starts = [from, ...documentMarkersIn(text, from + 1, to - 1)];
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? to }));
}

/** The length of a document marker: `---` or `...`. */
const MARKER_LENGTH = 3;

/**
 * The text a piece is parsed from: its own, followed by the marker that starts the next piece (when
 * there is one). The marker ends the piece's last document as it ends inside the whole stream —
 * at the end of the input, tree-sitter-yaml stretches a block collection over the trailing line
 * breaks, before a marker it does not — and adds only an empty document.
 */
export function pieceSource(text: string, start: number, end: number): string {
  return text.slice(start, end < text.length ? end + MARKER_LENGTH : end);
}
