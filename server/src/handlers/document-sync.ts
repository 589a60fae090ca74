import type { Connection } from 'vscode-languageserver/node';
import { guard } from '../protocol/guard';
import type { Session } from '../session';

/**
 * Incremental text sync. Every didChange applies the text changes and edits the open document's
 * tree; the reparse (with the old tree, never a full reparse per keystroke) and the model are
 * rebuilt when the index is next read, so a burst of changes is parsed and extracted once.
 */
export function registerDocumentSync(connection: Connection, session: Session): void {
  connection.onDidOpenTextDocument((params) =>
    guard(session.once, 'didOpen', () => {
      const { uri, languageId, version, text } = params.textDocument;
      const entry = session.documents.open(uri, languageId, version, text);
      if (entry !== undefined) session.refreshOpen(entry.doc, entry.kind);
    }, undefined),
  );

  connection.onDidChangeTextDocument((params) =>
    guard(session.once, 'didChange', () => {
      const { uri, version } = params.textDocument;
      const started = session.profile ? performance.now() : 0;
      const entry = session.documents.change(uri, params.contentChanges, version);
      if (entry !== undefined) session.documentChanged(entry.doc, entry.kind, session.profile ? performance.now() - started : 0);
    }, undefined),
  );

  connection.onDidCloseTextDocument((params) =>
    guard(session.once, 'didClose', () => {
      const uri = params.textDocument.uri;
      if (!session.documents.close(uri)) return;
      // The buffer may have had unsaved changes: what counts now is the file on disk (or nothing).
      void session.loadFromDisk(uri);
    }, undefined),
  );
}
