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
  let delta = 0;
  for (const edit of [...base].sort((a, b) => a.span.start - b.span.start)) {
    const start = edit.span.start + delta;
    placed.push({ orig: edit.span, cur: { start, end: start + edit.newText.length }, newText: edit.newText });
    delta += edit.newText.length - (edit.span.end - edit.span.start);
  }
  let current = applyEdits(original, base);
  // Highest first: merging an edit only moves the text after it, so lower offsets of `next` stay valid.
  for (const edit of [...next].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end)) {
    const { start: a, end: b } = edit.span;
    const touching = placed.map((p, i) => ({ p, i })).filter(({ p }) => p.cur.start <= b && p.cur.end >= a);
    const shift = edit.newText.length - (b - a);
    let merged: { orig: Span; cur: Span; newText: string };
    let from: number;
    let count: number;
    if (touching.length === 0) {
      const before = placed.filter((p) => p.cur.end <= a);
      const offset = before.reduce((sum, p) => sum + p.newText.length - (p.orig.end - p.orig.start), 0);
      merged = { orig: { start: a - offset, end: b - offset }, cur: { start: a, end: a + edit.newText.length }, newText: edit.newText };
      from = before.length;
      count = 0;
    } else {
      const first = touching[0]!.p;
      const last = touching[touching.length - 1]!.p;
      const lo = Math.min(a, first.cur.start);
      const hi = Math.max(b, last.cur.end);
      const newText = current.slice(lo, a) + edit.newText + current.slice(b, hi);
      merged = { orig: { start: first.orig.start - (first.cur.start - lo), end: last.orig.end + (hi - last.cur.end) }, cur: { start: lo, end: lo + newText.length }, newText };
      from = touching[0]!.i;
      count = touching.length;
    }
    for (let i = from + count; i < placed.length; i++) {
      const p = placed[i]!;
      placed[i] = { ...p, cur: { start: p.cur.start + shift, end: p.cur.end + shift } };
    }
    placed.splice(from, count, merged);
    current = current.slice(0, a) + edit.newText + current.slice(b);
  }
  return placed.map((p) => ({ span: p.orig, newText: p.newText }));
}
