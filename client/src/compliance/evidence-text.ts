import type { ControlInfo, EvidenceItem, EvidenceOutcome } from '../../../common/protocol';
import { STATUS_LABEL } from './outcomes';

/** `path:line` with a one-based line, as people and editors write locations. */
export function location(path: string, item: Pick<EvidenceItem, 'range'>): string {
  return `${path}:${item.range.start.line + 1}`;
}

/**
 * One piece of evidence as plain text (the clipboard form of "Copy Evidence"):
 * `satisfied: aws-s3-bucket-sse on aws_s3_bucket.phi at s3.tf:12`, followed by the finding message,
 * the unknown value's reason or the suppression's justification and expiry.
 */
export function evidenceText(item: EvidenceItem, path: string): string {
  const head = `${STATUS_LABEL[item.outcome]}: ${item.ruleId} on ${item.resource} at ${location(path, item)}`;
  const details: string[] = [];
  if (item.message !== undefined) details.push(item.message);
  if (item.suppression !== undefined) {
    const s = item.suppression;
    details.push(`suppressed by ${s.origin}: "${s.reason}"${s.expires !== undefined ? `, expires ${s.expires}` : ', no expiry'}`);
  }
  return details.length === 0 ? head : `${head}\n  ${details.join('\n  ')}`;
}

/** A control's evidence in one file: a heading line, then each piece of evidence. */
export function controlEvidenceText(control: Pick<ControlInfo, 'label' | 'title'>, status: EvidenceOutcome, path: string, items: readonly EvidenceItem[]): string {
  return [`${control.label} ${control.title} — ${STATUS_LABEL[status]} in ${path}`, ...items.map((i) => `- ${evidenceText(i, path).replace(/\n/g, '\n ')}`)].join('\n');
}
