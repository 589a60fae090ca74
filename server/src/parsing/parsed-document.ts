import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser, Tree } from 'web-tree-sitter';
import { toTreeEdit, type LspRange } from './lsp-edits';

/** One LSP content change: ranged (incremental) or whole-document. */
export type ContentChange = { readonly range: LspRange; readonly text: string } | { readonly text: string };

/**
 * An open document and its syntax tree. Owns the Tree: every update edits the old tree and
 * reparses with it (incremental), then deletes it; `dispose()` deletes the last one.
 */
export class ParsedDocument {
  private current: Tree;
  private doc: TextDocument;

  constructor(
    readonly uri: string,
    languageId: string,
    version: number,
    text: string,
    private readonly parser: Parser,
  ) {
    this.doc = TextDocument.create(uri, languageId, version, text);
    this.current = parseOrThrow(parser, text);
  }

  get text(): string {
    return this.doc.getText();
  }

  get version(): number {
    return this.doc.version;
  }

  get tree(): Tree {
    return this.current;
  }

  get textDocument(): TextDocument {
    return this.doc;
  }

  /** Applies the changes of one didChange notification in order, then reparses once. */
  update(changes: readonly ContentChange[], version: number): void {
    let reuse: Tree | undefined = this.current;
    for (const change of changes) {
      if ('range' in change) {
        const edit = toTreeEdit(this.doc, change.range, change.text);
        this.doc = TextDocument.update(this.doc, [change], version);
        reuse?.edit(edit);
      } else {
        this.doc = TextDocument.update(this.doc, [change], version);
        reuse = undefined; // whole-document replacement: nothing to reuse
      }
    }
    const next = reuse === undefined ? parseOrThrow(this.parser, this.doc.getText()) : parseOrThrow(this.parser, this.doc.getText(), reuse);
    this.current.delete();
    this.current = next;
  }

  dispose(): void {
    this.current.delete();
  }
}

/** Parses from scratch (or with an old tree); tree-sitter returns null only when cancelled. */
export function parseOrThrow(parser: Parser, text: string, oldTree?: Tree): Tree {
  const tree = parser.parse(text, oldTree ?? null);
  if (tree === null) throw new Error('tree-sitter returned no tree');
  return tree;
}
