import type { Finding } from '../engine/finding';
import { applyEdits, composeEdits, type TextChange } from './apply-edits';
import type { FixEdit } from './fix-edit';

/** What one round of fix-all needs from the engine: the findings of a text, and whether it parses. */
export interface Reanalysis {
  readonly findings: readonly Finding[];
  readonly hasSyntaxErrors: boolean;
}

export interface FixAllOptions {
  /** The text of the document as the client has it, and its current findings. */
  readonly text: string;
  readonly initial: Reanalysis;
  /** Which safe fixes to apply (all, or one rule's). Their edits must all be in this document. Review fixes are never applied. */
  readonly select: (finding: Finding) => boolean;
  /** Analyses a version of the document in memory, with the rest of the workspace as it is. */
  readonly reanalyze: (text: string) => Reanalysis;
  /** At most this many rounds (default 8). */
  readonly maxRounds?: number;
}

export interface FixAllResult {
  /** Non-overlapping edits of `text` that produce the fixed document (empty when nothing applies). */
  readonly edits: readonly TextChange[];
  readonly text: string;
  /** Fixes applied over all rounds. */
  readonly applied: number;
  readonly rounds: number;
}

/**
 * Applies the selected safe fixes to a fixed point, in memory. Each round takes the fixes whose edits do not
 * overlap those of a fix already taken (a fix is applied whole or not at all), applies them, and
 * re-analyses the result: fixes that were left out because they overlapped, or findings that only
 * exist once another fix is in (a one-line `{}` opened up by one fix and needed by the next), are
 * taken in the next round. It stops when no selected fix is left, when a round changes nothing, or
 * after `maxRounds`; a round that would introduce syntax errors is discarded. The rounds are returned
 * as one set of edits of the original text, so the client applies them in one step.
 */
export function fixAll(options: FixAllOptions): FixAllResult {
  const maxRounds = options.maxRounds ?? 8;
  let text = options.text;
  let analysis = options.initial;
  let edits: TextChange[] = [];
  let applied = 0;
  let rounds = 0;
  while (rounds < maxRounds) {
    const taken = compatibleFixes(text, analysis.findings.filter((f) => f.fix?.safety === 'safe' && options.select(f)));
    if (taken.fixes === 0) break;
    const next = applyEdits(text, taken.edits);
    if (next === text) break;
    const after = options.reanalyze(next);
    if (after.hasSyntaxErrors && !analysis.hasSyntaxErrors) break;
    edits = composeEdits(options.text, edits, taken.edits);
    text = next;
    analysis = after;
    applied += taken.fixes;
    rounds++;
  }
  return { edits, text, applied, rounds };
}

/**
 * Fixes in source order whose edits overlap no edit of a fix taken before. An edit identical to one
 * already taken (two fixes declaring the same variable) is applied once.
 */
export function compatibleFixes(text: string, findings: readonly Finding[]): { edits: FixEdit[]; fixes: number } {
  const ordered = [...findings].sort((a, b) => firstStart(a) - firstStart(b));
  const edits: FixEdit[] = [];
  let fixes = 0;
  for (const finding of ordered) {
    const own = finding.fix!.edits.filter((e) => !edits.some((t) => sameEdit(t, e)));
    if (own.some((e) => edits.some((t) => overlaps(text, t, e)))) continue;
    edits.push(...own);
    fixes++;
  }
  return { edits, fixes };
}

function firstStart(finding: Finding): number {
  return Math.min(...finding.fix!.edits.map((e) => e.span.start));
}

function sameEdit(a: FixEdit, b: FixEdit): boolean {
  return a.uri === b.uri && a.span.start === b.span.start && a.span.end === b.span.end && a.newText === b.newText;
}

/**
 * Two edits overlap when their spans share a character, or one inserts strictly inside the other's
 * span. Two insertions at one offset are compatible only at the start of a line, where each inserts
 * whole lines; elsewhere (opening up a one-line `{}`, text after a closing brace) each was written
 * for the text as it is, and the second waits for the next round.
 */
function overlaps(text: string, a: FixEdit, b: FixEdit): boolean {
  if (a.uri !== b.uri) return false;
  if (a.span.start === a.span.end && b.span.start === b.span.end && a.span.start === b.span.start) {
    const at = a.span.start;
    return !(at === 0 || text[at - 1] === '\n');
  }
  return a.span.start < b.span.end && b.span.start < a.span.end;
}
