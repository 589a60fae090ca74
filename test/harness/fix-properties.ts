import { strict as assert } from 'node:assert';
import type { Finding } from '../../server/src/engine/finding';
import { applyEdits } from '../../server/src/fixes/apply-edits';
import type { FixEdit } from '../../server/src/fixes/fix-edit';
import type { Rule } from '../../server/src/rules/types';
import { lintFiles, TEST_ROOT, type LintResult } from './lint';

/**
 * The properties every offered fix must have, checked by applying it for real:
 *  1. its edits only touch files of the module, and the edited files get no syntax errors they did not have;
 *  2. the finding it was offered for is gone (same rule, resource, message id and message);
 *  3. no finding of the same rule appears that was not there before;
 *  4. it is idempotent: on the fixed text, the same fix is no longer offered for that finding, or its edits change nothing;
 *  5. a value only the user can choose is finished: plain `var.<name>` text, and a snippet whose placeholders default to it.
 * Returns the number of fixes applied. A violated property fails with the rule, fix and finding named.
 */
export async function checkFixProperties(files: Readonly<Record<string, string>>, target: string, rules: readonly Rule[], before?: LintResult): Promise<number> {
  const initial = before ?? (await lintFiles(files, target, rules));
  let applied = 0;
  for (const finding of initial.findings) {
    if (finding.fix === undefined) continue;
    await checkOneFix(files, target, rules, initial, finding);
    applied++;
  }
  return applied;
}

async function checkOneFix(files: Readonly<Record<string, string>>, target: string, rules: readonly Rule[], before: LintResult, finding: Finding): Promise<void> {
  const fix = finding.fix!;
  const label = `${finding.ruleId} fix "${fix.fixId}" for ${finding.resource} (${finding.messageId})`;
  for (const edit of fix.edits) {
    assert.ok(!/[\uE000\uE001]/.test(edit.newText), `${label}: a user value was not finished (finishUserValues)`);
    if (edit.snippet !== undefined) assert.equal(snippetDefaults(edit.snippet), edit.newText, `${label}: the snippet's placeholders default to the plain edit`);
  }
  const fixed = applyFileEdits(files, fix.edits, label);
  const after = await lintFiles(fixed, target, rules);

  for (const name of after.filesWithSyntaxErrors) {
    assert.ok(before.filesWithSyntaxErrors.includes(name) || fixed[name] === files[name], `${label}: leaves a syntax error in ${name}:\n${fixed[name]}`);
  }

  const key = findingKey(finding);
  const countBefore = countByKey(before.findings, finding.ruleId);
  const countAfter = countByKey(after.findings, finding.ruleId);
  // The same finding after the fix: same key and, where the edits leave its start in place, the same
  // (shifted) start; two containers of one Pod may share a name and so a key.
  const movedTo = mapOffset(finding.span.start, fix.edits.filter((e) => e.uri === finding.uri));
  const unique = countBefore.get(key) === 1;
  const isSame = (f: Finding): boolean => f.ruleId === finding.ruleId && findingKey(f) === key && (movedTo === undefined ? unique : f.span.start === movedTo);
  const gone = movedTo === undefined ? (countAfter.get(key) ?? 0) < (countBefore.get(key) ?? 0) : !after.findings.some(isSame);
  assert.ok(gone, `${label}: the finding is still reported after the fix:\n${fixed[target]}`);
  for (const [k, n] of countAfter) {
    const allowed = (countBefore.get(k) ?? 0) - (k === key ? 1 : 0);
    assert.ok(n <= allowed, `${label}: the fix makes the rule report something new: ${k.split('\u0000').join(' | ')}\n${fixed[target]}`);
  }

  // Idempotence: offered again for the same finding, the fix must change nothing.
  for (const again of after.findings) {
    if (!isSame(again) || again.fix?.fixId !== fix.fixId) continue;
    const twice = applyFileEdits(fixed, again.fix.edits, label);
    assert.deepEqual(twice, fixed, `${label}: applying the fix a second time changes the file again`);
  }
}

/** Where `offset` is after `edits` are applied; undefined when an edit replaces the text around it. */
function mapOffset(offset: number, edits: readonly FixEdit[]): number | undefined {
  let shift = 0;
  for (const e of edits) {
    if (e.span.start < offset && offset < e.span.end) return undefined;
    if (e.span.start === offset && e.span.end > offset) return undefined;
    if (e.span.end <= offset) shift += e.newText.length - (e.span.end - e.span.start);
  }
  return offset + shift;
}

/** Applies edits per file; an edit of a file outside the module fails the property. */
export function applyFileEdits(files: Readonly<Record<string, string>>, edits: readonly FixEdit[], label: string): Record<string, string> {
  const out: Record<string, string> = { ...files };
  const byFile = new Map<string, FixEdit[]>();
  for (const edit of edits) {
    assert.ok(edit.uri.startsWith(`${TEST_ROOT}/`), `${label}: edit outside the workspace: ${edit.uri}`);
    const name = edit.uri.slice(TEST_ROOT.length + 1);
    assert.ok(name in files, `${label}: edit of a file that is not part of the module: ${name}`);
    byFile.set(name, [...(byFile.get(name) ?? []), edit]);
  }
  for (const [name, fileEdits] of byFile) out[name] = applyEdits(files[name]!, fileEdits);
  return out;
}

/** What identifies a finding across an edit (spans move; the resource, message id and message do not). */
function findingKey(f: Finding): string {
  return [f.resource, f.messageId, f.message].join('\u0000');
}

function countByKey(findings: readonly Finding[], ruleId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.ruleId === ruleId) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  return counts;
}

/** The text a snippet inserts when every placeholder keeps its default (LSP snippet syntax: `${1:default}`, `\\$`). */
export function snippetDefaults(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i]!;
    if (ch === '\\' && i + 1 < snippet.length) out += snippet[++i];
    else if (ch === '$' && snippet[i + 1] === '{') {
      const colon = snippet.indexOf(':', i);
      i = colon; // the default follows; its closing brace is skipped below
    } else if (ch === '$' && /[0-9]/.test(snippet[i + 1] ?? '')) {
      while (/[0-9]/.test(snippet[i + 1] ?? '')) i++;
    } else if (ch === '}') continue;
    else out += ch;
  }
  return out;
}
