/**
 * What the vendored grammars cannot handle, checked before parsing (see docs/limits.md).
 *
 * tree-sitter-yaml's scanner keeps its stack of block indentation levels in 16-bit numbers and
 * serializes it into tree-sitter's 1,024-byte buffer without a complete bounds check: with 254
 * nested block levels it writes past the buffer, the parse traps ("memory access out of bounds")
 * and the parser is corrupt from then on. Its row counter is 16-bit too: past line 32,767 the rest
 * of the file becomes one syntax error.
 */

/** Block nesting above this is not parsed (the scanner overflows at 254; real manifests stay below 30). */
export const YAML_MAX_BLOCK_DEPTH = 200;

/** Line-break characters the YAML scanner can count (int16 rows; it counts \r and \n each, so a CRLF counts two). */
export const YAML_MAX_ROWS = 32_767;

/**
 * Whether the block nesting of a YAML text may exceed `limit`: an upper bound of the scanner's
 * indentation stack, line by line. Each line contributes its indentation and the columns after
 * compact indicators (`- - x`, `? `, `: `); a less indented line pops deeper levels; a column may
 * hold two levels (a sequence written at the indentation of its mapping key). Block scalar content,
 * flow collections and quoted scalars are counted as if they were structure, so the bound is
 * generous, never short.
 */
export function yamlBlockNestingExceeds(text: string, limit: number = YAML_MAX_BLOCK_DEPTH): boolean {
  return nestingExceeds(text, [], limit);
}

/**
 * What one piece of a stream (parsing/yaml-stream.ts: it starts at 0 or at a marker line, and ends
 * where a line starts) does to the bound, for each stack it may start with. A marker line is at
 * column 0, so it leaves of the stack before it only the levels at column 0, and then holds [0] when
 * there were none and [0, 0] otherwise: the piece's effect depends on one bit of what came before.
 */
export interface PieceNesting {
  /** Starting after text whose stack holds no level at column 0 (or at the text's start). */
  readonly fresh: PieceNestingOutcome;
  /** Starting after text whose stack holds a level at column 0. */
  readonly atColumnZero: PieceNestingOutcome;
}

export interface PieceNestingOutcome {
  readonly exceeds: boolean;
  /** Whether the stack at the piece's end holds a level at column 0 (what the next piece starts after). */
  readonly endsAtColumnZero: boolean;
}

/** `[start, end)` of `text`, a piece of its stream: its effect on the bound (see PieceNesting). */
export function pieceNesting(text: string, start: number, end: number, limit: number = YAML_MAX_BLOCK_DEPTH): PieceNesting {
  const own = text.slice(start, end); // its own string: line-break searches stop at its end
  const outcome = (stack: number[]): PieceNestingOutcome => ({ exceeds: nestingExceeds(own, stack, limit), endsAtColumnZero: stack[0] === 0 });
  return { fresh: outcome([]), atColumnZero: outcome([0]) };
}

/** The pieces of a stream, in order, exceed the bound exactly when the whole text does (yamlBlockNestingExceeds). */
export function piecesNestingExceeds(pieces: Iterable<PieceNesting>): boolean {
  let atColumnZero = false;
  for (const piece of pieces) {
    const outcome: PieceNestingOutcome = atColumnZero ? piece.atColumnZero : piece.fresh;
    if (outcome.exceeds) return true;
    atColumnZero = outcome.endsAtColumnZero;
  }
  return false;
}

/** The bound over the lines of `text`, from `stack` (changed in place); true as soon as it exceeds `limit`. */
function nestingExceeds(text: string, stack: number[], limit: number): boolean {
  const breaks = new LineBreaks(text);
  let at = 0;
  while (at < text.length) {
    const end = breaks.next(at);
    let i = at;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i < end && text[i] !== '#') {
      const columns = [i - at];
      // Compact nesting on one line: `- - x`, `- key: v`, `? - x`.
      while (i < end && (text[i] === '-' || text[i] === '?' || text[i] === ':') && (i + 1 === end || text[i + 1] === ' ' || text[i + 1] === '\t')) {
        i++;
        while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
        if (i < end) columns.push(i - at);
      }
      while (stack.length > 0 && stack[stack.length - 1]! > columns[0]!) stack.pop();
      for (const column of columns) {
        const top = stack[stack.length - 1];
        const pairedAtTop = stack.length > 1 && stack[stack.length - 2] === top;
        if (top === undefined || column > top || (column === top && !pairedAtTop)) stack.push(column);
      }
      if (stack.length > limit) return true;
    }
    at = text.startsWith('\r\n', end) ? end + 2 : end + 1;
  }
  return false;
}

/**
 * The line breaks (\r and \n) of a text, in order, found with indexOf — which runs at memory speed,
 * several times faster than a loop over every character (these checks run on every keystroke).
 */
class LineBreaks {
  private lf: number;
  private cr: number;

  constructor(private readonly text: string) {
    this.lf = text.indexOf('\n');
    this.cr = text.indexOf('\r');
  }

  /** The offset of the next \r or \n at or after `from` (the text length when there is none); `from` never decreases. */
  next(from: number): number {
    if (this.lf !== -1 && this.lf < from) this.lf = this.text.indexOf('\n', from);
    if (this.cr !== -1 && this.cr < from) this.cr = this.text.indexOf('\r', from);
    return Math.min(this.lf === -1 ? this.text.length : this.lf, this.cr === -1 ? this.text.length : this.cr);
  }
}

/**
 * How much of a YAML text can be parsed reliably: all of it within the scanner's row limit, else
 * the documents that end before the limit — up to the last `---` or `...` line before it (0 when
 * there is none). Past the limit tree-sitter's error recovery can take the whole stream apart, so
 * the rest is not parsed at all.
 */
export function yamlReadableLength(text: string): number {
  if (text.length < YAML_MAX_ROWS) return text.length; // fewer characters than the limit: fewer line breaks too
  let rows = 0;
  let limit = -1;
  const breaks = new LineBreaks(text);
  for (let at = breaks.next(0); at < text.length; at = breaks.next(at + 1)) {
    if (++rows >= YAML_MAX_ROWS) {
      limit = at;
      break;
    }
  }
  if (limit < 0) return text.length;
  const boundary = /^(?:---|\.\.\.)(?:[ \t].*)?$/gm;
  let cut = 0;
  for (let m = boundary.exec(text); m !== null && m.index < limit; m = boundary.exec(text)) cut = m.index;
  return cut;
}
