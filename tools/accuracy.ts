/**
 * `npm run accuracy`: measures the rules against an external oracle, the KICS project's own test
 * fixtures (../shared/oracles/kics). For every rule mapped to a KICS query: positive fixtures must be
 * flagged at the expected lines, negative fixtures must stay silent. Deliberate differences are listed
 * in tools/accuracy-exclusions.json (each with its reason, and explained in the rule's doc).
 *
 * Usage: node out/tools/accuracy.js [--rule <id>]… [--json] [--quiet]
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RuleSet } from '../server/src/engine/rule-set';
import { LineIndex } from '../server/src/model/line-index';
import { fileKindOf } from '../server/src/parsing/file-kind';
import { Grammars } from '../server/src/parsing/grammars';
import { allRules } from '../server/src/rules';
import type { Rule } from '../server/src/rules/types';
import { buildSource } from '../server/src/workspace/source-file';
import { WorkspaceIndex } from '../server/src/workspace/workspace-index';

const repoRoot = path.resolve(__dirname, '..', '..');
const shared = process.env.HCIAC_SHARED ?? path.resolve(repoRoot, '..', 'shared');
export const kicsDir = path.join(shared, 'oracles', 'kics');

interface KicsQuery {
  readonly platform: string;
  readonly queryDir: string;
  readonly id: string;
  readonly name: string;
  readonly positiveFixtures: readonly string[];
  readonly negativeFixtures: readonly string[];
  readonly expected: readonly { readonly file: string; readonly line: number }[];
}

export interface Exclusion {
  readonly rule: string;
  readonly query: string;
  readonly file: string;
  readonly line: number;
  readonly kind: 'fp' | 'fn';
  readonly reason: string;
}

export interface Disagreement {
  readonly rule: string;
  readonly query: string;
  readonly file: string;
  readonly line: number;
  readonly kind: 'fp' | 'fn';
  readonly excluded?: string;
}

export interface RuleAccuracy {
  readonly rule: string;
  tp: number;
  fp: number;
  fn: number;
  excluded: number;
  /** True positives on exactly the line KICS expects (the rest matched within the same resource). */
  exact: number;
  fixtures: number;
  queries: number;
}

export interface AccuracyReport {
  readonly rules: RuleAccuracy[];
  readonly disagreements: Disagreement[];
  readonly totals: { tp: number; fp: number; fn: number; excluded: number; exact: number; fixtures: number; precision: number; recall: number };
  readonly unusedExclusions: Exclusion[];
}

export function kicsAvailable(): boolean {
  return existsSync(path.join(kicsDir, 'index.json'));
}

export function loadExclusions(): Exclusion[] {
  const file = path.join(repoRoot, 'tools', 'accuracy-exclusions.json');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { exclusions: Exclusion[] }).exclusions;
}

export async function measure(rules: readonly Rule[]): Promise<AccuracyReport> {
  const index = JSON.parse(readFileSync(path.join(kicsDir, 'index.json'), 'utf8')) as { queries: KicsQuery[] };
  const byId = new Map(index.queries.map((q) => [q.id, q]));
  const grammars = await Grammars.load({ wasmDir: path.join(repoRoot, 'grammars') });
  const exclusions = loadExclusions();
  const used = new Set<Exclusion>();
  const results: RuleAccuracy[] = [];
  const disagreements: Disagreement[] = [];

  for (const rule of rules) {
    const queries = rule.meta.equivalents.kics.map((k) => byId.get(k.id)).filter((q): q is KicsQuery => q !== undefined);
    if (queries.length === 0) continue;
    const acc: RuleAccuracy = { rule: rule.id, tp: 0, fp: 0, fn: 0, excluded: 0, exact: 0, fixtures: 0, queries: queries.length };
    for (const query of queries) {
      for (const fixture of [...query.positiveFixtures, ...query.negativeFixtures]) {
        const kind = fileKindOf(fixture);
        if (kind === undefined) continue;
        acc.fixtures++;
        const base = path.basename(fixture);
        const found = findingLines(rule, grammars, `file:///kics/${query.queryDir}/${base}`, kind, readFileSync(path.join(kicsDir, fixture), 'utf8'));
        const expected = [...new Set(query.expected.filter((e) => e.file === base || e.file === fixture || fixture.endsWith('/' + e.file)).map((e) => e.line))];
        const record = (line: number, kind: 'fp' | 'fn'): void => {
          const ex = exclusions.find((e) => e.rule === rule.id && e.query === query.queryDir && e.file === base && e.line === line && e.kind === kind);
          if (ex !== undefined) {
            used.add(ex);
            acc.excluded++;
            disagreements.push({ rule: rule.id, query: query.queryDir, file: base, line, kind, excluded: ex.reason });
          } else {
            if (kind === 'fp') acc.fp++;
            else acc.fn++;
            disagreements.push({ rule: rule.id, query: query.queryDir, file: base, line, kind });
          }
        };
        // One-to-one pairing: first on the same line, then within the same resource (KICS and this
        // product sometimes place the same finding on different lines of one resource).
        const unmatched = new Set(found);
        const pending: number[] = [];
        for (const line of expected) {
          const same = [...unmatched].find((f) => f.line === line);
          if (same !== undefined) {
            unmatched.delete(same);
            acc.tp++;
            acc.exact++;
          } else pending.push(line);
        }
        for (const line of pending) {
          const near = [...unmatched].find((f) => f.firstLine <= line && line <= f.lastLine);
          if (near !== undefined) {
            unmatched.delete(near);
            acc.tp++;
          } else record(line, 'fn');
        }
        for (const f of unmatched) record(f.line, 'fp');
      }
    }
    results.push(acc);
  }
  grammars.dispose();
  const totals = results.reduce(
    (t, r) => ({ tp: t.tp + r.tp, fp: t.fp + r.fp, fn: t.fn + r.fn, excluded: t.excluded + r.excluded, exact: t.exact + r.exact, fixtures: t.fixtures + r.fixtures }),
    { tp: 0, fp: 0, fn: 0, excluded: 0, exact: 0, fixtures: 0 },
  );
  const ruleIds = new Set(rules.map((r) => r.id));
  return {
    rules: results,
    disagreements,
    totals: { ...totals, precision: ratio(totals.tp, totals.tp + totals.fp), recall: ratio(totals.tp, totals.tp + totals.fn) },
    unusedExclusions: exclusions.filter((e) => ruleIds.has(e.rule) && !used.has(e)),
  };
}

interface FoundLine {
  readonly line: number;
  readonly firstLine: number;
  readonly lastLine: number;
}

function findingLines(rule: Rule, grammars: Grammars, uri: string, kind: NonNullable<ReturnType<typeof fileKindOf>>, text: string): FoundLine[] {
  const idx = new WorkspaceIndex(new RuleSet([rule]), (id, e) => {
    throw new Error(`rule ${id} threw on ${uri}: ${String(e)}`);
  });
  const source = buildSource(uri, kind, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, undefined, grammars, { maxFileSize: 10 * 1024 * 1024 });
  idx.upsert(source);
  const lines = new LineIndex(source.text);
  const seen = new Set<number>();
  const out: FoundLine[] = [];
  for (const f of idx.analysis(uri).findings) {
    const line = lines.positionAt(f.span.start).line + 1;
    if (seen.has(line)) continue; // several findings on one line count once, as KICS lines do
    seen.add(line);
    out.push({ line, firstLine: lines.positionAt(f.extent.start).line + 1, lastLine: lines.positionAt(f.extent.end).line + 1 });
  }
  return out;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wanted = args.flatMap((a, i) => (a === '--rule' && args[i + 1] ? [args[i + 1]!] : []));
  if (!kicsAvailable()) {
    console.log(`accuracy: skipped — ${kicsDir} not found (the KICS oracle is project material beside the checkout, not part of it)`);
    return;
  }
  const rules = wanted.length > 0 ? allRules.filter((r) => wanted.includes(r.id)) : allRules;
  const report = await measure(rules);
  if (args.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const pct = (x: number) => x.toFixed(2);
  console.log('rule'.padEnd(48) + 'queries fixtures   tp   fp   fn  excl  precision recall');
  for (const r of report.rules) {
    console.log(`${r.rule.padEnd(48)}${String(r.queries).padStart(7)}${String(r.fixtures).padStart(9)}${String(r.tp).padStart(5)}${String(r.fp).padStart(5)}${String(r.fn).padStart(5)}${String(r.excluded).padStart(6)}${pct(ratio(r.tp, r.tp + r.fp)).padStart(11)}${pct(ratio(r.tp, r.tp + r.fn)).padStart(7)}`);
  }
  if (!args.includes('--quiet')) {
    const open = report.disagreements.filter((d) => d.excluded === undefined);
    console.log(`\nDisagreements not (yet) documented: ${open.length}`);
    for (const d of open) console.log(`  ${d.kind.toUpperCase()} ${d.rule}  ${d.query}/${d.file}:${d.line}`);
    const documented = report.disagreements.filter((d) => d.excluded !== undefined);
    console.log(`\nDocumented exclusions: ${documented.length}`);
    for (const d of documented) console.log(`  ${d.kind.toUpperCase()} ${d.rule}  ${d.query}/${d.file}:${d.line} — ${d.excluded}`);
    for (const e of report.unusedExclusions) console.log(`  (unused exclusion) ${e.rule} ${e.query}/${e.file}:${e.line} ${e.kind}`);
  }
  const t = report.totals;
  console.log(`\n${t.exact} of ${t.tp} true positives are on exactly KICS's line; the others are the same finding placed on another line of the same resource.`);
  console.log(`\nprecision: ${pct(t.precision)} recall: ${pct(t.recall)} (${report.rules.length} rules, ${t.fixtures} fixtures, ${t.excluded} documented exclusions)`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
