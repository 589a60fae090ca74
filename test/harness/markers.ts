import type { Span } from '../../server/src/model/span';

/** Removes «…» markers from test code and returns the spans they delimited, in order. */
export function extractMarkers(code: string): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  let text = '';
  const open: number[] = [];
  for (const ch of code) {
    if (ch === '«') open.push(text.length);
    else if (ch === '»') {
      const start = open.pop();
      if (start === undefined) throw new Error('unbalanced » in test code');
      spans.push({ start, end: text.length });
    } else text += ch;
  }
  if (open.length > 0) throw new Error('unbalanced « in test code');
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, spans };
}
