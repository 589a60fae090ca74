import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Parser, Tree } from 'web-tree-sitter';
import type { GrammarId, Grammars } from './grammars';
import { toTreeEdit, type LspRange } from './lsp-edits';
import { ChangedRegionTracker, type ChangedRegion } from './changed-region';
import { YamlStreamTrees, type YamlPiece } from './yaml-stream-trees';

/** One LSP content change: ranged (incremental) or whole-document. */
export type ContentChange = { readonly range: LspRange; readonly text: string } | { readonly text: string };

/**
 * An open document and its syntax tree. The tree is parsed when first asked for, then kept up to
 * date incrementally: every update edits it (`tree.edit()`), and the next request for the tree
 * reparses with it. A document nobody asks the tree of (above the size limit, binary, …) is never
 * parsed. Owns its Tree: each reparse deletes the old one; `dispose()` deletes the last.
 *
 * A YAML document is kept as pieces instead (`yamlPieces`, yaml-stream-trees.ts: one tree per
 * document, so an edit reparses its document only); its whole-stream `tree` is parsed only for a
 * stream that cannot be cut (a directive line), and freed once the stream can be cut again.
 */
export class ParsedDocument {
  /** The last parsed tree, edited by every update since (`stale`), or undefined before the first parse. */
  private current: Tree | undefined;
  private stale = false;
  private doc: TextDocument;
  /** Where the text changed since the last takeChangedRegion (for incremental model extraction). */
  private readonly changes = new ChangedRegionTracker();
  private regionSince: number | undefined;
  /** A YAML document's pieces with their trees (yaml-stream-trees.ts), made when first asked for. */
  private yamlStream: YamlStreamTrees | undefined;

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
      // Structure may change beyond the edited text (an opened string swallows what follows).
      for (const r of this.current.getChangedRanges(next)) this.changes.include(r.startIndex, r.endIndex);
      this.current.delete();
      this.current = next;
    }
    this.stale = false;
    return this.current;
  }

  /**
   * A YAML document as pieces cut at document markers, each with its incrementally kept tree; undefined
   * when the stream cannot be cut (a line starts with `%`: use `tree`, the whole stream's tree).
   */
  yamlPieces(): readonly YamlPiece[] | undefined {
    const pieces = this.stream()?.current();
    if (pieces !== undefined && this.current !== undefined) {
      // The whole-stream tree of an earlier version that had a directive line: no longer needed.
      this.current.delete();
      this.current = undefined;
    }
    return pieces;
  }

  /** Whether a YAML document's block nesting exceeds the parser's bound (parser-limits.ts), kept per piece; undefined for other documents. */
  yamlBlockNestingExceeds(): boolean | undefined {
    return this.stream()?.blockNestingExceeds();
  }

  /** A YAML document's pieces, cut when first asked for (and kept up to date by `update` from then on). */
  private stream(): YamlStreamTrees | undefined {
    if (this.grammar !== 'yaml') return undefined;
    this.yamlStream ??= new YamlStreamTrees(this.grammars, this.doc.getText());
    return this.yamlStream;
  }

  /** Milliseconds spent parsing YAML pieces since the previous call (for the server's profile). */
  takePieceParseMs(): number {
    return this.yamlStream?.takeParseMs() ?? 0;
  }

  get textDocument(): TextDocument {
    return this.doc;
  }

  /** Applies the changes of one didChange notification in order; the tree is reparsed when next asked for. */
  update(changes: readonly ContentChange[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const edit = toTreeEdit(this.doc, change.range, change.text);
        this.changes.edit(edit.startIndex, edit.oldEndIndex, change.text.length);
        if (this.current !== undefined) {
          this.current.edit(edit);
          this.stale = true;
        }
        this.doc = TextDocument.update(this.doc, [change], version);
        const after = this.doc;
        this.yamlStream?.edit(edit, after.getText(), (offset) => after.positionAt(offset).line);
      } else {
        this.changes.edit(0, this.doc.getText().length, change.text.length);
        this.doc = TextDocument.update(this.doc, [change], version);
        this.current?.delete(); // whole-document replacement: nothing to reuse
        this.current = undefined;
        this.yamlStream?.replace(this.doc.getText());
      }
    }
  }

  /**
   * Where the text changed since the previous call, and the version it was then (undefined on the
   * first call): a model extracted at that version can be updated with the region. The tree must be
   * current (read `tree` first) so that structural changes beyond the edits are included.
   */
  takeChangedRegion(): { readonly since: number | undefined; readonly region: ChangedRegion | undefined } {
    const since = this.regionSince;
    this.regionSince = this.doc.version;
    return { since, region: this.changes.take() };
  }

  dispose(): void {
    this.current?.delete();
    this.current = undefined;
    this.yamlStream?.dispose();
    this.yamlStream = undefined;
  }
}

/** Parses from scratch (or with an old tree); tree-sitter returns null only when cancelled. */
export function parseOrThrow(parser: Parser, text: string, oldTree?: Tree): Tree {
  const tree = parser.parse(text, oldTree ?? null);
  if (tree === null) throw new Error('tree-sitter returned no tree');
  return tree;
}
