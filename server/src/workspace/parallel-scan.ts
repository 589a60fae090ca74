import { Worker } from 'node:worker_threads';

/** What a scan worker is started with (see runInPool / serveInPool). */
export interface ScanWorkerData<D> {
  readonly role: 'hciac-scan-worker';
  /** One Int32: the next task to take, shared by every thread of the pool. */
  readonly next: SharedArrayBuffer;
  readonly count: number;
  /** What the worker needs to run tasks (the scan plan, the configuration). */
  readonly data: D;
}

/** A message from a worker: one task's result. */
interface TaskDone<R> {
  readonly task: number;
  readonly result: R;
}

export function isScanWorkerData(data: unknown): data is ScanWorkerData<unknown> {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'hciac-scan-worker';
}

/**
 * Runs tasks 0…count-1 on this thread and on up to `jobs - 1` worker threads started from `script`
 * (which must call `serveInPool` when it starts as a worker). Every thread takes the next task from a
 * shared counter when it finishes one, so threads stay busy until the end whatever the tasks cost
 * (order them largest first), and this thread works while the workers start. Results come back in
 * task order; a worker that fails fails the whole run.
 */
export async function runInPool<D, R>(options: { readonly count: number; readonly jobs: number; readonly script: string; readonly data: D; readonly runHere: (task: number) => R }): Promise<R[]> {
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);
  const results: R[] = new Array<R>(options.count);
  const workerData: ScanWorkerData<D> = { role: 'hciac-scan-worker', next, count: options.count, data: options.data };
  const workers = Array.from({ length: Math.max(0, Math.min(options.jobs, options.count) - 1) }, () => new Worker(options.script, { workerData }));
  const finished = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        worker.on('message', (done: TaskDone<R>) => {
          results[done.task] = done.result;
        });
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`scan worker exited with code ${code}`))));
      }),
  );
  try {
    for (let task = Atomics.add(counter, 0, 1); task < options.count; task = Atomics.add(counter, 0, 1)) results[task] = options.runHere(task);
  } catch (error) {
    for (const worker of workers) void worker.terminate();
    throw error;
  }
  await Promise.all(finished);
  return results;
}

/** The worker side of runInPool: takes tasks until none is left, posting each result. */
export function serveInPool<D, R>(workerData: ScanWorkerData<D>, run: (task: number) => R, post: (done: TaskDone<R>) => void): void {
  const counter = new Int32Array(workerData.next);
  for (let task = Atomics.add(counter, 0, 1); task < workerData.count; task = Atomics.add(counter, 0, 1)) post({ task, result: run(task) });
}
