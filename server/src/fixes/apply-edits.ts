import type { Span } from '../model/span';

/** A replacement of a span of a text (a FixEdit without its URI). */
export interface TextChange {
  readonly span: Span;
  readonly newText: string;
}

/**
 * Applies edits to a text (pure; used by tests, the CLI and fix-all). Of overlapping edits the
 * later-starting one is kept. Insertions at the same offset appear in array order, as LSP specifies.
 */
export function applyEdits(text: string, edits: readonly TextChange[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.span.start - a.edit.span.start || b.edit.span.end - a.edit.span.end || b.index - a.index);
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const { edit } of sorted) {
    if (edit.span.end > limit) continue; // overlapping edit: keep the later-starting one
    out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
    limit = edit.span.start;
  }
  return out;
}

/**
 * The edits that do, on `original`, what `base` followed by `next` do: `base` is in `original`'s
 * offsets (non-overlapping), `next` in the offsets of the text `base` produced (non-overlapping).
 * An edit of `next` that touches text written by `base` is merged into that edit, so the result stays
 * a set of non-overlapping edits of `original`: `applyEdits(original, composeEdits(original, base, next))`
 * equals `applyEdits(applyEdits(original, base), next)`. Fix-all uses it to return the outcome of
 * several rounds of fixes as edits of the document the client has.
 */
export function composeEdits(original: string, base: readonly TextChange[], next: readonly TextChange[]): TextChange[] {
  // Each placed edit: where it is in the original text, and where its newText is in the current text.
  const placed: { orig: Span; cur: Span; newText: string }[] = [];
  // before[i]: how far the base edits placed[0..i) moved the text after them.
  const before: number[] = [0];
  let delta = 0;
  for (const edit of [...base].sort((a, b) => a.span.start - b.span.start)) {
    const start = edit.span.start + delta;
    placed.push({ orig: edit.span, cur: { start, end: start + edit.newText.length }, newText: edit.newText });
    delta += edit.newText.length - (edit.span.end - edit.span.start);
    before.push(delta);
  }
  let current = applyEdits(original, base);
  // Highest first: an edit changes only the text from its start on, so the placed edits below it keep
  // their positions (and their `before` offsets), and those above it are never looked at again.
  for (const edit of [...next].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end)) {
    const { start: a, end: b } = edit.span;
    // The placed edits that touch [a, b]: a run from the first one ending at or after `a`.
    let lo = 0;
    let hi = placed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (placed[mid]!.cur.end < a) lo = mid + 1;
      else hi = mid;
    }
    let last = lo;
    while (last < placed.length && placed[last]!.cur.start <= b) last++;
    if (last === lo) {
      const offset = before[lo]!;
      placed.splice(lo, 0, { orig: { start: a - offset, end: b - offset }, cur: { start: a, end: a + edit.newText.length }, newText: edit.newText });
    } else {
      const first = placed[lo]!;
      const end = placed[last - 1]!;
      const from = Math.min(a, first.cur.start);
      const to = Math.max(b, end.cur.end);
      const newText = current.slice(from, a) + edit.newText + current.slice(b, to);
      const orig = { start: first.orig.start - (first.cur.start - from), end: end.orig.end + (to - end.cur.end) };
      placed.splice(lo, last - lo, { orig, cur: { start: from, end: from + newText.length }, newText });
    }
    current = current.slice(0, a) + edit.newText + current.slice(b);
  }
  return placed.map((p) => ({ span: p.orig, newText: p.newText }));
}
