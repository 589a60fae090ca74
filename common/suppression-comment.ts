/**
 * The text of an inline suppression, as the "Suppress with justification…" quick fix writes it.
 * Shared by the client (which asks for the reason) and tests; the parser lives in
 * server/src/engine/suppression-markers.ts.
 */

/** Arguments of the `healthcareIac.suppress` command, computed by the server for one finding. */
export interface SuppressArguments {
  readonly uri: string;
  /** The document version the position refers to; the client refuses a stale edit. */
  readonly version: number | null;
  readonly ruleId: string;
  /** Zero-based line the comment is inserted above (the first line of the resource or object). */
  readonly line: number;
  /** Indentation of that line, repeated on the comment. */
  readonly indent: string;
}

/** Why a reason cannot be used, or undefined when it can. */
export function reasonProblem(reason: string): string | undefined {
  if (reason.trim() === '') return 'A reason is required: auditors read it.';
  if (reason.includes('"') || /[\r\n]/.test(reason)) return 'The reason may not contain double quotes or line breaks.';
  return undefined;
}

/** Why an expiry cannot be used (empty means no expiry), or undefined when it can. */
export function expiryProblem(expiry: string, today: string): string | undefined {
  if (expiry.trim() === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiry.trim()) || Number.isNaN(Date.parse(`${expiry.trim()}T00:00:00Z`))) return 'Use the form YYYY-MM-DD.';
  if (expiry.trim() <= today) return 'The expiry must be in the future.';
  return undefined;
}

/** `# hciac:ignore <rule> reason="…" [expires=YYYY-MM-DD]` (YAML and Terraform both take `#`). */
export function suppressionComment(ruleId: string, reason: string, expiry?: string): string {
  const expires = expiry !== undefined && expiry.trim() !== '' ? ` expires=${expiry.trim()}` : '';
  return `# hciac:ignore ${ruleId} reason="${reason.trim()}"${expires}`;
}
