import { Edit } from 'web-tree-sitter';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** An LSP range (UTF-16 positions); kept structural so this module does not import LSP types. */
export interface LspRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/**
 * Builds the tree-sitter Edit for one ranged change. `before` is the document *before* this change.
 * web-tree-sitter indices and columns are UTF-16 code units for JS strings, so LSP positions map 1:1.
 */
export function toTreeEdit(before: TextDocument, range: LspRange, newText: string): Edit {
  const startIndex = before.offsetAt(range.start);
  const oldEndIndex = before.offsetAt(range.end);
  // Normalise through offsets: clients may send positions past the end of a line.
  const start = before.positionAt(startIndex);
  const oldEnd = before.positionAt(oldEndIndex);
  const lines = newText.split(/\r\n|\r|\n/);
  const lastLine = lines[lines.length - 1] ?? '';
  const newEndPosition =
    lines.length === 1
      ? { row: start.line, column: start.character + newText.length }
      : { row: start.line + lines.length - 1, column: lastLine.length };
  return new Edit({
    startIndex,
    oldEndIndex,
    newEndIndex: startIndex + newText.length,
    startPosition: { row: start.line, column: start.character },
    oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
    newEndPosition,
  });
}
