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
  const stack: number[] = [];
  let at = 0;
  while (at < text.length) {
    const end = lineEnd(text, at);
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

/** The offset of the next \r or \n at or after `from` (the text length when there is none). */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/**
 * How much of a YAML text can be parsed reliably: all of it within the scanner's row limit, else
 * the documents that end before the limit — up to the last `---` or `...` line before it (0 when
 * there is none). Past the limit tree-sitter's error recovery can take the whole stream apart, so
 * the rest is not parsed at all.
 */
export function yamlReadableLength(text: string): number {
  let rows = 0;
  let limit = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 10 || c === 13) && ++rows >= YAML_MAX_ROWS) {
      limit = i;
      break;
    }
  }
  if (limit < 0) return text.length;
  const boundary = /^(?:---|\.\.\.)(?:[ \t].*)?$/gm;
  let cut = 0;
  for (let m = boundary.exec(text); m !== null && m.index < limit; m = boundary.exec(text)) cut = m.index;
  return cut;
}
