import type { Connection } from 'vscode-languageserver/node';
import {
  ControlCatalogRequest,
  ControlStatusRequest,
  FindingsChangedNotification,
  type ControlCatalogResult,
  type ControlStatusParams,
  type ControlStatusResult,
  type FindingsChangedParams,
} from '../../../common/protocol';
import { controlCatalog, controlStatus } from '../evidence/control-status';
import { ruleDocUri } from '../protocol/convert';
import { guard } from '../protocol/guard';
import type { Session } from '../session';

/**
 * The controls panel's data: `healthcareIac/controlCatalog`, `healthcareIac/controlStatus` (from the
 * workspace index's memoised analyses), and `healthcareIac/findingsChanged` once per turn of the event
 * loop in which analyses may have changed. See the shapes in common/protocol.ts; the model itself is
 * protocol-free (evidence/control-status.ts) and shared with the CLI.
 */
export function registerControlStatus(connection: Connection, session: Session): void {
  const emptyStatus: ControlStatusResult = { frameworks: [], files: [], absent: [], controls: [] };
  connection.onRequest(ControlCatalogRequest, (): ControlCatalogResult | null =>
    guard<ControlCatalogResult | null>(session.once, 'controlCatalog', () => controlCatalog(session.config.frameworks(), enabledRuleIds(session), (id) => ruleDocUri(session.docsDir, id)), null),
  );
  connection.onRequest(ControlStatusRequest, (params: ControlStatusParams | undefined) =>
    guard(session.once, 'controlStatus', () => controlStatus(session.index, session.config.frameworks(), params?.uris), emptyStatus),
  );

  const pending = new Set<string>();
  let scheduled = false;
  let catalogKey = '';
  session.onAffected((uris) => {
    for (const uri of uris) pending.add(uri);
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const key = JSON.stringify([session.config.frameworks(), [...enabledRuleIds(session)]]);
      const params: FindingsChangedParams = { uris: [...pending], catalogChanged: key !== catalogKey };
      catalogKey = key;
      pending.clear();
      void connection.sendNotification(FindingsChangedNotification, params);
    });
  });
}

function enabledRuleIds(session: Session): ReadonlySet<string> {
  return new Set(session.ruleSet.rules.map((r) => r.id));
}
