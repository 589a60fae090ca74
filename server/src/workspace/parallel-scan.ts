import { Worker } from 'node:worker_threads';

/**
 * A pool of threads running tasks 0…count-1: this thread and `jobs - 1` workers started from a
 * script (which must call `serveScanPool` when it starts as one). Workers are started first, with
 * the setup they prepare from (grammars, configuration), so they boot while this thread lists the
 * files; the tasks and what they read (`payload`) follow in one message. Every thread takes the next
 * task from a shared counter when it finishes one, so threads stay busy until the end whatever the
 * tasks cost (order them largest first), and this thread works too.
 */
export class ScanPool<S, P, R> {
  private readonly workers: Worker[];

  private constructor(script: string, workers: number, setup: S) {
    const workerData: ScanWorkerData<S> = { role: 'hciac-scan-worker', setup };
    this.workers = Array.from({ length: Math.max(0, workers) }, () => new Worker(script, { workerData }));
  }

  static start<S, P, R>(script: string, jobs: number, setup: S): ScanPool<S, P, R> {
    return new ScanPool<S, P, R>(script, jobs - 1, setup);
  }

  /**
   * Runs the tasks; results come back in task order. Resolves once every result is in, and ends the
   * workers (one still booting when the tasks run out is not waited for). A failing worker or task fails the run.
   */
  async run(count: number, payload: P, runHere: (task: number) => R): Promise<R[]> {
    const next = new SharedArrayBuffer(4);
    const counter = new Int32Array(next);
    const results = new Array<R>(count);
    let done = 0;
    let allDone: () => void = () => undefined;
    const finished = new Promise<void>((resolve, reject) => {
      allDone = resolve;
      for (const worker of this.workers) {
        worker.on('message', (message: TaskDone<R>) => {
          results[message.task] = message.result;
          if (++done === count) resolve();
        });
        worker.once('error', reject);
        // A worker ends by itself (code 0) once no task is left, after posting every result it owes.
        worker.once('exit', (code) => {
          if (code !== 0 && done < count) reject(new Error(`scan worker exited with code ${code} before the scan was done`));
        });
      }
    });
    finished.catch(() => undefined); // observed below; a worker may fail while this thread works
    const start: StartTasks<P> = { next, count, payload };
    for (const worker of this.workers) worker.postMessage(start);
    try {
      for (let task = Atomics.add(counter, 0, 1); task < count; task = Atomics.add(counter, 0, 1)) {
        results[task] = runHere(task);
        if (++done === count) allDone();
      }
      if (count === 0) allDone();
      await finished;
      return results;
    } finally {
      Atomics.store(counter, 0, count); // no worker takes a task any more
      for (const worker of this.workers) void worker.terminate();
    }
  }
}

/** What a scan worker is started with. */
export interface ScanWorkerData<S> {
  readonly role: 'hciac-scan-worker';
  readonly setup: S;
}

/** The message that starts a worker's tasks. */
interface StartTasks<P> {
  /** One Int32: the next task to take, shared by every thread of the pool. */
  readonly next: SharedArrayBuffer;
  readonly count: number;
  readonly payload: P;
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
 * The worker side of ScanPool: prepares from the setup while waiting for the tasks, then takes tasks
 * until none is left, posting each result.
 */
export async function serveScanPool<S, P, R>(
  data: ScanWorkerData<S>,
  port: { once(event: 'message', listener: (message: StartTasks<P>) => void): unknown; postMessage(message: TaskDone<R>): void },
  prepare: (setup: S) => Promise<(payload: P, task: number) => R>,
): Promise<void> {
  const started = new Promise<StartTasks<P>>((resolve) => port.once('message', resolve));
  const run = await prepare(data.setup);
  const { next, count, payload } = await started;
  const counter = new Int32Array(next);
  for (let task = Atomics.add(counter, 0, 1); task < count; task = Atomics.add(counter, 0, 1)) port.postMessage({ task, result: run(payload, task) });
}
