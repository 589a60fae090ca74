import type { Connection } from 'vscode-languageserver/node';
import { fileDiagnostics, lineIndexFor } from '../protocol/convert';
import { guard } from '../protocol/guard';
import type { Session } from '../session';
import { ProfileNotification, type ProfileParams } from '../../../common/protocol';

/**
 * Push diagnostics. Changes mark files dirty; one flush per turn of the event loop analyses each
 * dirty file once (bursts of edits coalesce, the latest version wins) and publishes with the
 * document version. Closed files are published too, so the Problems panel covers the workspace.
 */
export function registerDiagnosticsPublisher(connection: Connection, session: Session): { flushNow(): void } {
  const pending = new Set<string>();
  const published = new Set<string>();
  let scheduled = false;

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
    scheduled = false;
    const uris = [...pending];
    pending.clear();
    for (const uri of uris) guard(session.once, 'publishDiagnostics', () => publish(uri), undefined);
  };

  session.onAffected((uris) => {
    for (const uri of uris) pending.add(uri);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flushNow);
    }
  });
  return { flushNow };
}
