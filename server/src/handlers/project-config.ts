import { URI } from 'vscode-uri';
import type { InitializationOptions } from '../../../common/protocol';
import { guardAsync } from '../protocol/guard';
import type { Session } from '../session';
import { readText } from '../workspace/scanner';

/**
 * The repository configuration of each workspace folder (`<folder>/.hciac.yaml`): read before the
 * first scan, then again whenever the file changes — edited in the editor (its unsaved text counts,
 * so mistakes are shown while typing), changed on disk (the client watches `**\/.hciac.yaml`) or
 * deleted, and when folders are added or removed. Workspace Trust comes from `initializationOptions`.
 */
export function registerProjectConfiguration(session: Session, initializationOptions: unknown): { load(): Promise<void> } {
  session.trusted = (initializationOptions as InitializationOptions | undefined)?.trusted !== false;
  /** The folders' config URIs and texts last applied (JSON), and the URIs alone. */
  let configured = '';
  let configuredUris = '';

  const load = (): Promise<void> =>
    guardAsync(session.once, 'projectConfiguration', async () => {
      const roots = session.configRoots();
      const texts = await Promise.all(roots.map((root) => currentText(session, root.configUri)));
      const uris = JSON.stringify(roots.map((r) => r.configUri));
      const state = JSON.stringify([uris, texts]);
      configuredUris = uris;
      if (state === configured) return;
      configured = state;
      roots.forEach((root, i) => session.configTexts.set(root.configUri, texts[i]));
      session.reconfigure();
    }, undefined);

  session.onAffected((uris) => {
    const configUris = session.configRoots().map((r) => r.configUri);
    if (uris.some((uri) => configUris.includes(uri)) || JSON.stringify(configUris) !== configuredUris) void load();
  });
  return { load };
}

/** The editor's text when the file is open or indexed, else the file on disk; undefined when there is none. */
async function currentText(session: Session, uri: string): Promise<string | undefined> {
  const indexed = session.index.get(uri);
  if (indexed !== undefined) return indexed.text;
  return readText(URI.parse(uri).fsPath).catch(() => undefined);
}
