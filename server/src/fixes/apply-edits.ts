import type { Span } from '../model/span';

/** Applies non-overlapping edits to a text (pure; used by tests, the CLI and fix-all). */
export function applyEdits(text: string, edits: readonly { readonly span: Span; readonly newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.span.end > limit) continue; // overlapping edit: keep the later-starting one
    out = out.slice(0, edit.span.start) + edit.newText + out.slice(edit.span.end);
    limit = edit.span.start;
  }
  return out;
}
