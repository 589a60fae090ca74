/**
 * Benchmark rows for the reliability suites (their tests assert behaviour only): how long the
 * bundled server takes to publish for each pathological input (test/harness/pathological-inputs.ts),
 * and how long a flood of 500 queued edits takes to reach its final diagnostics.
 */
import { sendEditFlood } from '../test/harness/edit-flood';
import { TestClient } from '../test/harness/lsp-client';
import { PATHOLOGICAL_INPUTS, rdsResource } from '../test/harness/pathological-inputs';

export type RowSink = (what: string, value: string, target?: string, ok?: boolean) => void;

const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** Open → first publication, per pathological input, in one server (what a user waits for). */
export async function benchPathological(row: RowSink): Promise<void> {
  const client = await TestClient.start();
  try {
    for (const input of PATHOLOGICAL_INPUTS) {
      const uri = `file:///hciac-bench-pathological/${input.file}`;
      const text = input.text();
      const started = performance.now();
      await client.open(uri, text, input.file.endsWith('.tf') ? 'terraform' : 'yaml');
      const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      const elapsed = performance.now() - started;
      await client.close(uri);
      const outcome = input.note !== undefined ? input.note : `${published.diagnostics.length} diagnostics`;
      row(`pathological: ${input.name}`, `${ms(elapsed)} (${(text.length / 1024).toFixed(0)} KiB, ${outcome})`, '≤ 10 s', elapsed <= 10_000);
    }
  } finally {
    await client.stop();
  }
}

/** 500 didChange notifications sent without waiting, on a 300-resource file: until the last version's diagnostics. */
export async function benchEditFlood(row: RowSink): Promise<void> {
  const client = await TestClient.start();
  try {
    const uri = 'file:///hciac-bench-flood/main.tf';
    const text = Array.from({ length: 300 }, (_, i) => rdsResource(`db${i}`)).join('');
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const before = client.published.length;
    const started = performance.now();
    const { lastVersion } = await sendEditFlood(client, uri, text, 500);
    await client.waitForDiagnostics(uri, (p) => p.version === lastVersion);
    const elapsed = performance.now() - started;
    const publications = client.published.slice(before).filter((p) => p.uri === uri).length;
    row('edit flood: 500 queued didChange → final diagnostics (1,500-line .tf)', `${ms(elapsed)}, ${publications} publications (stale versions coalesced)`, '≤ 2 s', elapsed <= 2000);
  } finally {
    await client.stop();
  }
}
