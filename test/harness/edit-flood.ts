import type { TestClient } from './lsp-client';

/** The line of `rdsResource()` output a flood edits: the first resource's `  storage_encrypted = false`. */
const EDITED_LINE = 2;
const FIXED = '  storage_encrypted = true';

/**
 * Sends `count` didChange notifications without waiting for anything, as a client that types or
 * replays edits faster than the server analyses: all but the last comment out or restore line 2 (the
 * first resource's `storage_encrypted = false`) in turn; the last one sets it to `true`, so the final
 * findings differ from those of every earlier version. Versions run from 2 to count + 1. Returns the
 * last version and the document text after it.
 */
export async function sendEditFlood(client: TestClient, uri: string, text: string, count: number): Promise<{ lastVersion: number; text: string }> {
  const lines = text.split('\n');
  const sent: Promise<void>[] = [];
  let commented = false;
  for (let version = 2; version <= count; version++) {
    commented = !commented;
    const range = { start: { line: EDITED_LINE, character: 0 }, end: { line: EDITED_LINE, character: commented ? 0 : 2 } };
    sent.push(client.change(uri, version, [{ range, text: commented ? '# ' : '' }]));
  }
  const lineLength = lines[EDITED_LINE]!.length + (commented ? 2 : 0);
  sent.push(client.change(uri, count + 1, [{ range: { start: { line: EDITED_LINE, character: 0 }, end: { line: EDITED_LINE, character: lineLength } }, text: FIXED }]));
  await Promise.all(sent);
  lines[EDITED_LINE] = FIXED;
  return { lastVersion: count + 1, text: lines.join('\n') };
}
