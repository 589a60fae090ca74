import { Worker } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import type { FileKind } from '../parsing/file-kind';
import { Grammars } from '../parsing/grammars';
import { readText } from './scanner';
import { buildSource, type SourceFile, type SourceLimits } from './source-file';

/** What a parse worker is given. */
export interface ParseWorkerData {
  readonly role: 'hciac-parse-worker';
  readonly files: readonly { readonly path: string; readonly kind: FileKind }[];
  readonly wasmDir: string;
  readonly limits: SourceLimits;
}

/**
 * Reads and parses files on `jobs` worker threads (the script must call `runParseWorker` when it is
 * started as a worker) and returns their models in input order. Parsing and model extraction are
 * the expensive part of a scan; rules then run on the calling thread over the whole index.
 */
export async function parseInWorkers(script: string, files: readonly { path: string; kind: FileKind }[], jobs: number, wasmDir: string, limits: SourceLimits): Promise<(SourceFile | undefined)[]> {
  const shares: { path: string; kind: FileKind; at: number }[][] = Array.from({ length: jobs }, () => []);
  // Round-robin over the size-agnostic order keeps the shares balanced enough and deterministic.
  files.forEach((f, at) => shares[at % jobs]!.push({ ...f, at }));
  const out: (SourceFile | undefined)[] = new Array(files.length);
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          if (share.length === 0) return resolve();
          const data: ParseWorkerData = { role: 'hciac-parse-worker', files: share, wasmDir, limits };
          const worker = new Worker(script, { workerData: data });
          worker.on('message', (msg: { index: number; source: SourceFile | undefined }) => {
            out[share[msg.index]!.at] = msg.source;
          });
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`parse worker exited with code ${code}`))));
        }),
    ),
  );
  return out;
}

/** The worker side: parse the given files and post each model back. */
export async function runParseWorker(data: ParseWorkerData, post: (msg: { index: number; source: SourceFile | undefined }) => void): Promise<void> {
  const grammars = await Grammars.load({ wasmDir: data.wasmDir });
  for (let index = 0; index < data.files.length; index++) {
    const file = data.files[index]!;
    const text = await readText(file.path).catch(() => undefined);
    post({ index, source: text === undefined ? undefined : buildSource(URI.file(file.path).toString(), file.kind, text, undefined, grammars, data.limits) });
  }
  grammars.dispose();
}
