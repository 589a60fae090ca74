/** Layout facts of a file that edits must respect. */

export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The leading whitespace of the line containing `offset`. */
export function indentOfLine(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(start, i);
}

/** One indentation step as the file uses it: a tab, or the smallest non-zero space indent (default two spaces). */
let lastText: string | undefined;
let lastUnit = '  ';

export function indentUnitOf(text: string): string {
  // Fixes are built for every finding of a file: scan each text once, not once per finding.
  if (text === lastText) return lastUnit;
  lastUnit = computeIndentUnit(text);
  lastText = text;
  return lastUnit;
}

function computeIndentUnit(text: string): string {
  let smallest = Number.POSITIVE_INFINITY;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    const ws = m[1] ?? '';
    if (ws.startsWith('\t')) return '\t';
    if (ws.length > 0 && ws.length < smallest) smallest = ws.length;
  }
  return Number.isFinite(smallest) && smallest <= 8 ? ' '.repeat(smallest) : '  ';
}

/** True when only whitespace stands between the line start and `offset`. */
export function onlyWhitespaceBefore(text: string, offset: number): boolean {
  return text.slice(lineStartOf(text, offset), offset).trim() === '';
}
