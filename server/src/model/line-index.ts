/** Zero-based line and UTF-16 character, as LSP uses them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Maps UTF-16 offsets to line/character positions. \r\n, \r and \n all end a line (as in LSP). */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    // An offset inside a line break (between \r and \n) maps to the end of the line, as in LSP.
    return { line: low, character: Math.min(clamped, this.lineEnd(low)) - (this.starts[low] ?? 0) };
  }

  /** A character past the end of the line means the end of the line (before its line break), as in LSP. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    const start = this.starts[position.line];
    if (start === undefined) return this.text.length;
    return Math.max(start, Math.min(start + position.character, this.lineEnd(position.line)));
  }

  /** Offset of the end of a line's content, before its \n, \r\n or \r. */
  private lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }
}
