/**
 * Messages the summary webview may send. Anything else is rejected: the webview renders workspace
 * data (file names, messages), so its messages are treated as untrusted input.
 */
export type SummaryMessage =
  | { readonly type: 'refresh' }
  | { readonly type: 'openFile'; readonly uri: string; readonly line: number }
  | { readonly type: 'explainControl'; readonly controlId: string }
  | { readonly type: 'openRuleDoc'; readonly ruleId: string };

const MAX_STRING = 4096;

/** The message, if `raw` is exactly one of SummaryMessage (no extra keys, bounded strings); else undefined. */
export function parseSummaryMessage(raw: unknown): SummaryMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  const keys = Object.keys(m).sort().join(',');
  switch (m.type) {
    case 'refresh':
      return keys === 'type' ? { type: 'refresh' } : undefined;
    case 'openFile':
      return keys === 'line,type,uri' && isText(m.uri) && Number.isSafeInteger(m.line) && (m.line as number) >= 0 ? { type: 'openFile', uri: m.uri, line: m.line as number } : undefined;
    case 'explainControl':
      return keys === 'controlId,type' && isText(m.controlId) ? { type: 'explainControl', controlId: m.controlId } : undefined;
    case 'openRuleDoc':
      return keys === 'ruleId,type' && isText(m.ruleId) ? { type: 'openRuleDoc', ruleId: m.ruleId } : undefined;
    default:
      return undefined;
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_STRING;
}
