import type { FixEdit } from '../fixes/fix-edit';
import { lineStartOf } from '../fixes/text-layout';
import { escapeSnippet } from '../fixes/user-values';
import type { Span } from '../model/span';

/** One edit of a document as sent to a client: plain text, or an LSP snippet. */
export type ClientEdit = { readonly span: Span; readonly newText: string } | { readonly span: Span; readonly snippet: string };

/**
 * The edits of one document for a client that applies LSP 3.18 snippet edits the way VS Code does.
 * VS Code inserts a snippet edit with its whitespace adjustment (SnippetSession.adjustWhitespace;
 * vscode-languageclient 11 sends no `keepWhitespace`): every line of the snippet after the first gets
 * the whitespace that starts the line the edit begins on, up to where it begins. Once a document has
 * one snippet edit, VS Code applies all of that document's edits this way, plain ones as escaped
 * snippets. A YAML key inserted at the end of an indented line would end up indented twice.
 *
 * So an insertion of new lines at the end of a line (`\n  key: value`) is sent at the start of the
 * next line instead (`  key: value\n`), where there is no whitespace to add; any other edit is sent
 * with that whitespace taken off its later lines. The document ends up exactly as with the plain
 * edits. Undefined when that is impossible (a later line that does not start with that whitespace:
 * an empty line, or a line indented less): the caller then sends plain edits.
 */
export function snippetEditsFor(text: string, edits: readonly FixEdit[]): ClientEdit[] | undefined {
  if (edits.every((e) => e.snippet === undefined)) return edits.map((e) => ({ span: e.span, newText: e.newText }));
  const out: ClientEdit[] = [];
  for (const original of edits) {
    const edit = atNextLineStart(text, original, edits);
    const lead = leadingWhitespaceBefore(text, edit.span.start);
    if (edit.snippet === undefined && (lead === '' || !/[\r\n]/.test(edit.newText))) {
      out.push({ span: edit.span, newText: edit.newText }); // nothing for VS Code to adjust
      continue;
    }
    const snippet = withoutLead(edit.snippet ?? escapeSnippet(edit.newText), lead);
    if (snippet === undefined) return undefined;
    out.push({ span: edit.span, snippet });
  }
  return out;
}

/**
 * An insertion at the end of a line whose text starts with that line break (`\n  key: value`), as the
 * same insertion at the start of the next line (`  key: value\n`). Unchanged when another edit starts
 * there (their order would change) or the edit is of another shape.
 */
function atNextLineStart(text: string, edit: FixEdit, all: readonly FixEdit[]): FixEdit {
  const at = edit.span.start;
  const eol = text.startsWith('\r\n', at) ? '\r\n' : text[at] === '\n' ? '\n' : undefined;
  if (eol === undefined || edit.span.end !== at || !edit.newText.startsWith(eol) || !(edit.snippet ?? eol).startsWith(eol)) return edit;
  const next = at + eol.length;
  if (all.some((other) => other !== edit && other.span.start === next)) return edit;
  const moved = (s: string): string => s.slice(eol.length) + eol;
  return { ...edit, span: { start: next, end: next }, newText: moved(edit.newText), ...(edit.snippet !== undefined ? { snippet: moved(edit.snippet) } : {}) };
}

/** The spaces and tabs between the start of the line holding `offset` and the first other character before it. */
function leadingWhitespaceBefore(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** `snippet` with `lead` removed from the start of every line after the first; undefined when a line does not start with it. */
function withoutLead(snippet: string, lead: string): string | undefined {
  if (lead === '') return snippet;
  const parts = snippet.split(/(\r\n|\r|\n)/);
  for (let i = 2; i < parts.length; i += 2) {
    if (!parts[i]!.startsWith(lead)) return undefined;
    parts[i] = parts[i]!.slice(lead.length);
  }
  return parts.join('');
}
