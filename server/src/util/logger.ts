/** Where the server writes operational messages. Never file contents: names, counts and errors only. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Logs each distinct key once (a rule that throws on every keystroke must not flood the log). */
export class OnceLogger {
  private readonly seen = new Set<string>();

  constructor(private readonly log: Logger) {}

  error(key: string, message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.log.error(message);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return String(error);
}

/** What the engine calls when a rule throws: logged once per rule id (the rule is skipped, the others run). */
export function ruleErrorLogger(once: OnceLogger): (ruleId: string, error: unknown) => void {
  return (ruleId, error) => once.error(`rule:${ruleId}`, `rule ${ruleId} failed and was skipped: ${describeError(error)}`);
}
