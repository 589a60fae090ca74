import { OUTCOME_PRECEDENCE, type EvidenceOutcome } from '../../../common/protocol';

/** A control's status as shown: the evidence outcomes plus "not evaluated" (no file touches it). */
export type ShownStatus = EvidenceOutcome | 'not-evaluated';

/** The words the panel, the status bar, the summary and copied evidence use for each status. */
export const STATUS_LABEL: Readonly<Record<ShownStatus, string>> = {
  satisfied: 'satisfied',
  violated: 'violated',
  suppressed: 'suppressed',
  unknown: 'cannot determine',
  'not-evaluated': 'not evaluated',
};

/** Display order: the statuses that need attention first. */
export const SHOWN_STATUSES: readonly ShownStatus[] = [...OUTCOME_PRECEDENCE, 'not-evaluated'];

export type StatusCounts = Record<ShownStatus, number>;

export function emptyCounts(): StatusCounts {
  return { violated: 0, suppressed: 0, unknown: 0, satisfied: 0, 'not-evaluated': 0 };
}

export function countStatuses(statuses: Iterable<ShownStatus>): StatusCounts {
  const counts = emptyCounts();
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/** "2 violated · 5 satisfied · 1 cannot determine" (zero counts left out). */
export function describeCounts(counts: Partial<StatusCounts>, order: readonly ShownStatus[] = SHOWN_STATUSES): string {
  return order
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${counts[s]} ${STATUS_LABEL[s]}`)
    .join(' · ');
}

/** The status of a set of evidence outcomes: the first of OUTCOME_PRECEDENCE present, else not evaluated. */
export function worstStatus(statuses: readonly EvidenceOutcome[]): ShownStatus {
  return OUTCOME_PRECEDENCE.find((s) => statuses.includes(s)) ?? 'not-evaluated';
}
