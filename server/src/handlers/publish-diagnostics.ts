import type { Connection } from 'vscode-languageserver/node';
import { fileDiagnostics, lineIndexFor } from '../protocol/convert';
import { guard } from '../protocol/guard';
import type { Session } from '../session';
import { ProfileNotification, type ProfileParams } from '../../../common/protocol';

/** Longest a continuous flood of changes may hold diagnostics back before the latest state is published anyway. */
const MAX_HOLD_MS = 200;

/**
 * Push diagnostics. Changes mark files dirty; a flush analyses each dirty file once and publishes
 * with the document version. The flush waits for a turn of the event loop in which no change
 * arrived: vscode-jsonrpc hands over one queued message per turn, so a burst of edits the client
 * sent faster than analysis is analysed once, at its latest version (stale versions are never
 * analysed), while a single keystroke is published two turns later. Closed files are published
 * too, so the Problems panel covers the workspace.
 */
export function registerDiagnosticsPublisher(connection: Connection, session: Session): { flushNow(): void } {
  const pending = new Set<string>();
  const published = new Set<string>();
  let scheduled = false;
  /** Counts the changes that marked files dirty; `seen` is its value at the previous turn. */
  let arrivals = 0;
  let seen = -1;
  let holdingSince = 0;

  const indexOf = (uri: string) => {
    const source = session.index.get(uri);
    return source === undefined ? undefined : lineIndexFor(source, source.text);
  };

  const publish = (uri: string): void => {
    const source = session.index.get(uri);
    if (source === undefined) {
      if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const rulesStarted = session.profile ? performance.now() : 0;
    const analysis = session.index.analysis(uri);
    const publishStarted = session.profile ? performance.now() : 0;
    const index = lineIndexFor(source, source.text);
    const diagnostics = fileDiagnostics(analysis, index, session.settingsFor(uri), session.docsDir, indexOf);
    const open = session.documents.isOpen(uri);
    if (diagnostics.length === 0 && !open && !published.has(uri)) return;
    if (diagnostics.length === 0) published.delete(uri);
    else published.add(uri);
    void connection.sendDiagnostics({ uri, ...(source.version !== undefined ? { version: source.version } : {}), diagnostics });
    const pending = session.profile ? session.pendingProfile.get(uri) : undefined;
    if (pending !== undefined && source.version !== undefined) {
      session.pendingProfile.delete(uri);
      const params: ProfileParams = { uri, version: source.version, ...pending, rulesMs: publishStarted - rulesStarted, publishMs: performance.now() - publishStarted };
      void connection.sendNotification(ProfileNotification, params);
    }
  };

  const flushNow = (): void => {
    session.syncChangedDocuments(); // may mark more files of the changed documents' modules dirty
    scheduled = false;
    const uris = [...pending];
    pending.clear();
    for (const uri of uris) guard(session.once, 'publishDiagnostics', () => publish(uri), undefined);
    session.releaseClosedModels(); // between requests: no analysis is running
  };

  const tick = (): void => {
    if (arrivals !== seen && performance.now() - holdingSince < MAX_HOLD_MS) {
      seen = arrivals;
      setImmediate(tick);
      return;
    }
    flushNow();
  };

  session.onAffected((uris) => {
    for (const uri of uris) pending.add(uri);
    arrivals++;
    if (!scheduled) {
      scheduled = true;
      seen = -1;
      holdingSince = performance.now();
      setImmediate(tick);
    }
  });
  return { flushNow };
}
