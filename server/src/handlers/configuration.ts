import { DidChangeConfigurationNotification, type Connection } from 'vscode-languageserver/node';
import { guardAsync } from '../protocol/guard';
import type { Session } from '../session';

/**
 * Settings are pulled (`workspace/configuration`, section `healthcareIac`) at start and whenever the
 * client says they changed; the notification's payload is ignored. Invalid values fall back to
 * defaults and are shown to the user once.
 */
export function registerConfiguration(connection: Connection, session: Session, canPull: boolean, canRegister: boolean): { pull(): Promise<void> } {
  const pull = async (): Promise<void> => {
    if (!canPull) return;
    await guardAsync(session.once, 'configuration', async () => {
      const raw: unknown = await connection.workspace.getConfiguration({ section: 'healthcareIac' });
      const problems = session.applySettings(raw ?? {});
      if (problems.length > 0) void connection.window.showWarningMessage(`Healthcare IaC Compliance: ${problems.join('; ')}`);
    }, undefined);
  };
  connection.onDidChangeConfiguration(() => void pull());
  if (canRegister) {
    connection.onInitialized(() => void connection.client.register(DidChangeConfigurationNotification.type, { section: 'healthcareIac' }));
  }
  return { pull };
}
