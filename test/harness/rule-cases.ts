import { strict as assert } from 'node:assert';
import { applyEdits } from '../../server/src/fixes/apply-edits';
import { checkFixProperties } from './fix-properties';
import type { Rule } from '../../server/src/rules/types';
import { lintFiles } from './lint';
import { extractMarkers } from './markers';

/** A case is one file (`code`) or several files of one module (`files`, the first one is analysed). */
interface CaseBase {
  readonly name: string;
  readonly code?: string;
  readonly files?: Readonly<Record<string, string>>;
  /** File name used for `code`; default main.tf (Terraform rules) or manifest.yaml (Kubernetes). */
  readonly filename?: string;
}

export type ValidCase = CaseBase;

export interface InvalidCase extends CaseBase {
  /** One entry per expected finding, in source order; the spans come from «…» markers in the analysed file. */
  readonly findings: readonly { readonly messageId: string; readonly severity?: string; readonly relatedCount?: number }[];
  /** Apply this fix of every finding that offers it, and expect `output`. */
  readonly fix?: string;
  readonly output?: string;
  /** The file of `files` that `output` shows (default: the analysed file), for a fix that edits another file, e.g. a `.tfvars`. */
  readonly outputFile?: string;
}

function filesOf(rule: Rule, c: CaseBase): { files: Record<string, string>; target: string } {
  if (c.files !== undefined) {
    const names = Object.keys(c.files);
    return { files: { ...c.files }, target: names[0]! };
  }
  const name = c.filename ?? (rule.platform === 'terraform' ? 'main.tf' : 'manifest.yaml');
  return { files: { [name]: c.code ?? '' }, target: name };
}

/** Invalid cases run and fixes applied by the fix property check (printed with HCIAC_FIX_STATS=1). */
const fixStats = { cases: 0, fixes: 0 };
if (process.env.HCIAC_FIX_STATS === '1') after(() => console.log(`fix properties: ${fixStats.cases} invalid cases, ${fixStats.fixes} fixes applied and verified`));

/** The RuleTester of this project: a table of valid and invalid cases per rule. */
export function runRuleCases(rule: Rule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const { files, target } = filesOf(rule, c);
        const result = await lintFiles(files, target, [rule]);
        assert.deepEqual(result.findings.map((f) => `${f.messageId}: ${f.message}`), []);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const { files, target } = filesOf(rule, c);
        const { text, spans } = extractMarkers(files[target]!);
        files[target] = text;
        for (const k of Object.keys(files)) if (k !== target) files[k] = extractMarkers(files[k]!).text;
        const result = await lintFiles(files, target, [rule]);
        const sorted = [...result.findings].sort((a, b) => a.span.start - b.span.start);
        assert.deepEqual(
          sorted.map((f) => ({ messageId: f.messageId, span: f.span })),
          c.findings.map((f, i) => ({ messageId: f.messageId, span: spans[i] })),
          'findings (messageId and «span»)',
        );
        c.findings.forEach((expected, i) => {
          if (expected.severity !== undefined) assert.equal(sorted[i]!.severity, expected.severity);
          if (expected.relatedCount !== undefined) assert.equal(sorted[i]!.related.length, expected.relatedCount, 'related locations');
        });
        for (const f of sorted) assert.ok(f.controls.length > 0, 'every finding names its controls');
        if (c.output !== undefined) {
          const shown = c.outputFile ?? target;
          assert.ok(shown in files, `outputFile ${shown} is one of the case's files`);
          const edits = sorted.flatMap((f) => (f.fix !== undefined && f.fix.fixId === c.fix ? f.fix.edits.filter((e) => e.uri.endsWith('/' + shown)) : []));
          assert.ok(edits.length > 0, `fix ${c.fix} is offered, with edits of ${shown}`);
          const fixed = applyEdits(files[shown]!, edits);
          assert.equal(fixed, c.output);
          const again = await lintFiles({ ...files, [shown]: fixed }, target, [rule]);
          assert.deepEqual(again.filesWithSyntaxErrors.filter((n) => n === target || n === shown), [], 'the fix leaves the files parseable');
          assert.deepEqual(again.findings.filter((f) => f.fix?.fixId === c.fix).map((f) => f.message), [], 'the fix resolves the finding');
        }
        // Every fix offered in the case, applied one at a time, must keep the properties of fix-properties.ts.
        fixStats.cases++;
        fixStats.fixes += await checkFixProperties(files, target, [rule], result);
      });
    }
  });
}
