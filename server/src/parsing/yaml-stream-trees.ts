import type { Tree } from 'web-tree-sitter';
import { Edit } from 'web-tree-sitter';
import type { Grammars } from './grammars';
import { pieceNesting, piecesNestingExceeds, type PieceNesting } from './parser-limits';
import { documentMarkersIn, hasDirectiveLine, MARKER_REACH_AFTER, MARKER_REACH_BEFORE, pieceRanges, pieceSource } from './yaml-stream';

/** One piece of a YAML stream (cut before document marker lines, see yaml-stream.ts) with its own syntax tree. */
export interface YamlPiece {
  /** Where the piece starts in the document's text (a marker line, or 0). */
  readonly start: number;
  /** Where it ends: the next piece's start, or the text's length. */
  readonly end: number;
  /** Changes whenever the piece's text changes; stays the same while only its position moves. */
  readonly revision: number;
  /**
   * The syntax tree of the piece's text (offsets relative to `start`), parsed when first asked for
   * and reparsed incrementally after an edit inside the piece. Owned by the stream: never delete it.
   */
  tree(): Tree;
}

class Piece implements YamlPiece {
  revision = 0;
  private current: Tree | undefined;
  private stale = false;
  private nestingOf: { readonly revision: number; readonly nesting: PieceNesting } | undefined;

  constructor(
    private readonly stream: YamlStreamTrees,
    public start: number,
    public end: number,
    /** Whether a line of the piece starts with `%`: then the stream is not split (yaml-stream.ts). */
    public hasDirective: boolean,
  ) {}

  tree(): Tree {
    if (this.current === undefined || this.stale) {
      const next = this.stream.parse(this.start, this.end, this.current);
      this.current?.delete();
      this.current = next;
      this.stale = false;
    }
    return this.current;
  }

  /** Its effect on the YAML block-nesting bound (parser-limits.ts), computed once per revision. */
  nesting(): PieceNesting {
    if (this.nestingOf?.revision !== this.revision) this.nestingOf = { revision: this.revision, nesting: this.stream.nesting(this.start, this.end) };
    return this.nestingOf.nesting;
  }

  /** The piece's text changed: its tree (if any) takes the edit, relative to the piece, and is reparsed when next asked for. */
  edited(relative: Edit, delta: number): void {
    this.end += delta;
    this.revision++;
    if (this.current !== undefined) {
      this.current.edit(relative);
      this.stale = true;
    }
  }

  dispose(): void {
    this.current?.delete();
    this.current = undefined;
  }
}

/** The tree-sitter edit of one change: indices and positions in the text before and after it. */
export interface StreamEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: { readonly row: number; readonly column: number };
  readonly oldEndPosition: { readonly row: number; readonly column: number };
  readonly newEndPosition: { readonly row: number; readonly column: number };
}

/**
 * An open YAML document as a sequence of pieces, each a document (or a few) with its own
 * incrementally maintained tree. An edit inside one piece edits that piece's tree alone, so the
 * reparse reads that piece and not the rest of the file (tree-sitter-yaml's scanner state keeps the
 * parser from reusing anything after an edit in a whole-stream tree). An edit that makes or unmakes a
 * document marker line re-cuts the pieces it touches; their trees are parsed afresh.
 *
 * Owns every piece's Tree: a piece dropped by a re-cut deletes its tree at once, `dispose()` the rest.
 */
export class YamlStreamTrees {
  private pieces: Piece[] = [];
  private text = '';
  /** Time spent in tree-sitter since the last takeParseMs (for the server's profile). */
  private parseMs = 0;

  constructor(
    private readonly grammars: Grammars,
    text: string,
  ) {
    this.replace(text);
  }

  /** The pieces of the current text, in order; undefined when a line starts with `%` (the stream is then parsed whole). */
  current(): readonly YamlPiece[] | undefined {
    return this.pieces.some((p) => p.hasDirective) ? undefined : this.pieces;
  }

  /** Whether the text's YAML block nesting exceeds the parser's bound (yamlBlockNestingExceeds), from the pieces' cached effects. */
  blockNestingExceeds(): boolean {
    return piecesNestingExceeds(this.pieces.map((p) => p.nesting()));
  }

  /** A whole-text replacement: every piece is new. */
  replace(text: string): void {
    this.dispose();
    this.text = text;
    this.pieces = this.cut(0, text.length);
  }

  /**
   * One ranged change, already applied to `text` (the new text). `rowAt` gives the line of an offset
   * of the new text before the change's start (where the old and new texts agree).
   */
  edit(edit: StreamEdit, text: string, rowAt: (offset: number) => number): void {
    const before = this.text;
    this.text = text;
    const { startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd } = edit;
    const delta = newEnd - oldEnd;
    // A marker line at b depends on the characters [b - 1, b + 4): the change can make or unmake markers
    // at [start - 3, oldEnd] of the old text and [start - 3, newEnd] of the new one, nowhere else.
    const reachStart = start - (MARKER_REACH_AFTER - 1);
    const markersMoved =
      this.pieces.some((p, i) => i > 0 && p.start >= reachStart && p.start <= oldEnd) || documentMarkersIn(text, reachStart, newEnd).length > 0;
    if (!markersMoved) {
      const index = this.pieceAt(start);
      const piece = this.pieces[index]!;
      piece.edited(relativeEdit(edit, piece.start, piece.start === 0 ? 0 : rowAt(piece.start)), delta);
      // A line starting with `%` at p depends on the characters [p - 1, p].
      if (hasDirectiveLine(before, start, oldEnd + 1) || hasDirectiveLine(text, start, newEnd + 1)) {
        piece.hasDirective = hasDirectiveLine(text, piece.start, piece.end);
      }
      this.shiftFrom(index + 1, delta);
      return;
    }
    // Re-cut from the piece before the first marker that may have changed to the piece holding the change's end.
    const first = this.pieceAt(Math.max(0, reachStart - MARKER_REACH_BEFORE));
    const last = this.pieceAt(oldEnd);
    const from = this.pieces[first]!.start;
    const to = this.pieces[last]!.end + delta;
    for (let i = first; i <= last; i++) this.pieces[i]!.dispose();
    const replacement = this.cut(from, to);
    this.pieces.splice(first, last - first + 1, ...replacement);
    this.shiftFrom(first + replacement.length, delta);
  }

  /** Parses `[start, end)` of the current text, reusing `old` (already edited) when given. */
  parse(start: number, end: number, old: Tree | undefined): Tree {
    const started = performance.now();
    try {
      return this.grammars.parse('yaml', pieceSource(this.text, start, end), old);
    } finally {
      this.parseMs += performance.now() - started;
    }
  }

  /** The nesting effect of `[start, end)` of the current text. */
  nesting(start: number, end: number): PieceNesting {
    return pieceNesting(this.text, start, end);
  }

  /** Milliseconds spent parsing since the previous call. */
  takeParseMs(): number {
    const ms = this.parseMs;
    this.parseMs = 0;
    return ms;
  }

  dispose(): void {
    for (const piece of this.pieces) piece.dispose();
    this.pieces = [];
  }

  /** New pieces for `[from, to)` of the current text, `from` being 0 or a marker line. */
  private cut(from: number, to: number): Piece[] {
    return pieceRanges(this.text, from, to).map(({ start, end }) => new Piece(this, start, end, hasDirectiveLine(this.text, start, end)));
  }

  /** The index of the last piece starting at or before `offset`. */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.pieces[mid]!.start <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private shiftFrom(index: number, delta: number): void {
    if (delta === 0) return;
    for (let i = index; i < this.pieces.length; i++) {
      const piece = this.pieces[i]!;
      piece.start += delta;
      piece.end += delta;
    }
  }
}

/** The edit in the coordinates of a piece starting at `start` (a line start, on line `row`). */
function relativeEdit(edit: StreamEdit, start: number, row: number): Edit {
  const point = (p: { readonly row: number; readonly column: number }) => ({ row: p.row - row, column: p.column });
  return new Edit({
    startIndex: edit.startIndex - start,
    oldEndIndex: edit.oldEndIndex - start,
    newEndIndex: edit.newEndIndex - start,
    startPosition: point(edit.startPosition),
    oldEndPosition: point(edit.oldEndPosition),
    newEndPosition: point(edit.newEndPosition),
  });
}
