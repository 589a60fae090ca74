import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser, Tree } from 'web-tree-sitter';
import type { GrammarId, Grammars } from './grammars';
import { toTreeEdit, type LspRange } from './lsp-edits';

/** One LSP content change: ranged (incremental) or whole-document. */
export type ContentChange = { readonly range: LspRange; readonly text: string } | { readonly text: string };

/**
 * An open document and its syntax tree. The tree is parsed when first asked for, then kept up to
 * date incrementally: every update edits it (`tree.edit()`), and the next request for the tree
 * reparses with it. A document nobody asks the tree of (above the size limit, binary, …) is never
 * parsed. Owns its Tree: each reparse deletes the old one; `dispose()` deletes the last.
 */
export class ParsedDocument {
  /** The last parsed tree, edited by every update since (`stale`), or undefined before the first parse. */
  private current: Tree | undefined;
  private stale = false;
  private doc: TextDocument;

  constructor(
    readonly uri: string,
    languageId: string,
    version: number,
    text: string,
    private readonly grammars: Grammars,
    private readonly grammar: GrammarId,
  ) {
    this.doc = TextDocument.create(uri, languageId, version, text);
  }

  get text(): string {
    return this.doc.getText();
  }

  get version(): number {
    return this.doc.version;
  }

  /** The syntax tree of the current text: parsed now if needed, incrementally when an older tree exists. */
  get tree(): Tree {
    if (this.current === undefined) {
      this.current = this.grammars.parse(this.grammar, this.doc.getText());
    } else if (this.stale) {
      const next = this.grammars.parse(this.grammar, this.doc.getText(), this.current);
      this.current.delete();
      this.current = next;
    }
    this.stale = false;
    return this.current;
  }

  get textDocument(): TextDocument {
    return this.doc;
  }

  /** Applies the changes of one didChange notification in order; the tree is reparsed when next asked for. */
  update(changes: readonly ContentChange[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        if (this.current !== undefined) {
          this.current.edit(toTreeEdit(this.doc, change.range, change.text));
          this.stale = true;
        }
        this.doc = TextDocument.update(this.doc, [change], version);
      } else {
        this.doc = TextDocument.update(this.doc, [change], version);
        this.current?.delete(); // whole-document replacement: nothing to reuse
        this.current = undefined;
      }
    }
  }

  dispose(): void {
    this.current?.delete();
    this.current = undefined;
  }
}

/** Parses from scratch (or with an old tree); tree-sitter returns null only when cancelled. */
export function parseOrThrow(parser: Parser, text: string, oldTree?: Tree): Tree {
  const tree = parser.parse(text, oldTree ?? null);
  if (tree === null) throw new Error('tree-sitter returned no tree');
  return tree;
}
