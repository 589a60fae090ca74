import { describeError, type OnceLogger } from '../util/logger';

/**
 * Runs a request or notification handler so that a bug in one rule or one file never takes the
 * server down: the error is logged once per handler and message, and `fallback` is answered.
 */
export function guard<T>(log: OnceLogger, what: string, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (error) {
    log.error(`${what}:${String(error)}`, `${what} failed: ${describeError(error)}`);
    return fallback;
  }
}

export async function guardAsync<T>(log: OnceLogger, what: string, fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    log.error(`${what}:${String(error)}`, `${what} failed: ${describeError(error)}`);
    return fallback;
  }
}
