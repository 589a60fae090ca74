import { OUTCOME_PRECEDENCE, type EvidenceOutcome } from '../../common/protocol';
import type { EvidenceReport, ReportedEvaluation } from '../../server/src/evidence/evidence-report';

/**
 * JUnit XML: one test suite per file, one test case per rule × resource. A violated case fails with
 * every finding of that rule on that resource; a suppressed one is skipped with the exception's
 * reason; "cannot determine" is skipped with why; satisfied passes.
 */
export function renderJunit(report: EvidenceReport): string {
  const suites = report.files.map((file) => {
    const cases = groupCases(file.evaluations).map(({ ruleId, resource, outcome, items }) => {
      const open = `    <testcase classname="${attr(file.file)}" name="${attr(`${ruleId} ${resource}`)}"`;
      switch (outcome) {
        case 'satisfied':
          return `${open}/>`;
        case 'violated': {
          const violations = items.filter((e) => e.outcome === 'violated');
          const body = violations.map((e) => `${file.file}:${e.line}:${e.column} [${e.severity ?? ''}] ${e.message ?? ''}`).join('\n');
          return `${open}>\n      <failure type="${attr(violations[0]?.severity ?? 'violated')}" message="${attr(violations[0]?.message ?? 'violated')}">${text(body)}</failure>\n    </testcase>`;
        }
        case 'suppressed': {
          const s = items.find((e) => e.suppression !== undefined)?.suppression;
          const why = s === undefined ? 'suppressed' : `suppressed (${s.origin}): ${s.reason ?? 'no reason given'}${s.expires !== null ? `, expires ${s.expires}` : ''}`;
          return `${open}>\n      <skipped message="${attr(why)}"/>\n    </testcase>`;
        }
        case 'unknown':
          return `${open}>\n      <skipped message="${attr(`cannot determine: ${items.find((e) => e.message !== undefined)?.message ?? 'a value is not known statically'}`)}"/>\n    </testcase>`;
      }
    });
    const counts = count(groupCases(file.evaluations).map((c) => c.outcome));
    return `  <testsuite name="${attr(file.file)}" tests="${cases.length}" failures="${counts.violated}" skipped="${counts.suppressed + counts.unknown}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const all = count(report.files.flatMap((f) => groupCases(f.evaluations).map((c) => c.outcome)));
  const tests = all.violated + all.suppressed + all.unknown + all.satisfied;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hciac" tests="${tests}" failures="${all.violated}" skipped="${all.suppressed + all.unknown}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}

interface Case {
  readonly ruleId: string;
  readonly resource: string;
  readonly outcome: EvidenceOutcome;
  readonly items: ReportedEvaluation[];
}

/** Evaluations of one rule on one resource form one case, in the order they first appear. */
function groupCases(evaluations: readonly ReportedEvaluation[]): Case[] {
  const cases = new Map<string, { ruleId: string; resource: string; items: ReportedEvaluation[] }>();
  for (const e of evaluations) {
    const key = `${e.ruleId}\u0000${e.resource}`;
    const c = cases.get(key) ?? { ruleId: e.ruleId, resource: e.resource, items: [] };
    c.items.push(e);
    cases.set(key, c);
  }
  return [...cases.values()].map((c) => ({ ...c, outcome: OUTCOME_PRECEDENCE.find((o) => c.items.some((e) => e.outcome === o)) ?? 'satisfied' }));
}

function count(outcomes: readonly EvidenceOutcome[]): Record<EvidenceOutcome, number> {
  const counts = { violated: 0, suppressed: 0, unknown: 0, satisfied: 0 };
  for (const o of outcomes) counts[o]++;
  return counts;
}

/** XML 1.0 text: markup escaped, characters XML cannot carry dropped. */
function text(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
