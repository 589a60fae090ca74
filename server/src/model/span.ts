/** A half-open range of UTF-16 code-unit offsets into a file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A span inside a named file (for evidence and related locations that cross files). */
export interface Location {
  readonly uri: string;
  readonly span: Span;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function containsSpan(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
