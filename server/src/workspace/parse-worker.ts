import { Worker } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import type { FileKind } from '../parsing/file-kind';
import { Grammars } from '../parsing/grammars';
import { readTextSync } from './scanner';
import { buildSource, type SourceFile, type SourceLimits } from './source-file';

/**
 * The language server's background scan reads, parses and models files on a worker thread: the
 * server's thread stays free for the editor, and the parser's memory (tree-sitter's wasm heap only
 * grows, up to what the largest file needed) and the garbage of building models are released when
 * the worker ends. The models come back as structured clones.
 */
export interface ParseRequest {
  readonly uri: string;
  readonly kind: FileKind;
  readonly limits: SourceLimits;
}

/** What a parse worker is started with. */
export interface ParseWorkerData {
  readonly role: 'hciac-parse-worker';
  readonly wasmDir: string;
  readonly files: readonly ParseRequest[];
}

/** One file read: its model, or undefined when it could not be read (deleted since it was listed). */
interface Parsed {
  readonly index: number;
  readonly source: SourceFile | undefined;
}

export function isParseWorkerData(data: unknown): data is ParseWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'hciac-parse-worker';
}

/**
 * Parses `files` on a worker started from `script` (which must call `serveParseWorker` when it starts
 * as one), calling `onParsed` with each model in order as it arrives. `isCancelled` is checked per
 * file: a cancelled run ends the worker and resolves. Rejects when the worker cannot run (the caller
 * then reads the remaining files itself); `onParsed` was called for every file before the failure.
 */
export function parseOnWorker(script: string, wasmDir: string, files: readonly ParseRequest[], onParsed: (request: ParseRequest, source: SourceFile | undefined) => void, isCancelled: () => boolean): Promise<void> {
  const data: ParseWorkerData = { role: 'hciac-parse-worker', wasmDir, files };
  return new Promise((resolve, reject) => {
    let received = 0;
    let settled = false;
    const worker = new Worker(script, { workerData: data });
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    worker.on('message', (parsed: Parsed) => {
      if (settled) return;
      if (isCancelled()) return finish();
      received++;
      onParsed(files[parsed.index]!, parsed.source);
      if (received === files.length) finish();
    });
    worker.once('error', finish);
    worker.once('exit', (code) => finish(received === files.length ? undefined : new Error(`parse worker exited with code ${code} after ${received} of ${files.length} files`)));
    if (files.length === 0) finish();
  });
}

/** The worker side: reads and models every file, posting each as it is done. */
export async function serveParseWorker(data: ParseWorkerData, post: (parsed: Parsed) => void): Promise<void> {
  const grammars = await Grammars.load({ wasmDir: data.wasmDir });
  data.files.forEach((file, index) => {
    const text = readTextSync(URI.parse(file.uri).fsPath);
    post({ index, source: text === undefined ? undefined : buildSource(file.uri, file.kind, text, undefined, grammars, file.limits) });
  });
  grammars.dispose();
}
