import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../../server/src/rules';
import { allControls } from '../../../server/src/rules/catalog';
import type { Rule } from '../../../server/src/rules/types';
import { repoRoot } from '../../harness/assets';
import { lintFiles, type LintResult } from '../../harness/lint';
import { duplicateTerraformAddresses, kubernetesWorkspace, terraformWorkspace, type GoldenWorkspace } from './golden-workspace';
import { readSnippetFile, type ParsedSnippet } from './snippet-file';

/**
 * The golden-path snippets are compliant by test: every snippet, expanded as VS Code inserts it when
 * the user keeps every default, is a complete file that parses and that the whole engine (all rules)
 * finds nothing in. Its description names the HIPAA controls and the rules it satisfies, and those
 * claims are checked against the catalog and against the engine's evaluations.
 */

interface SnippetSet {
  readonly file: string;
  /** The language id the snippets are contributed for (package.json contributes.snippets). */
  readonly language: string;
  readonly platform: Rule['platform'];
  readonly minimum: number;
  /** The file name the expanded snippet is analysed as. */
  readonly analysedAs: string;
}

const SETS: readonly SnippetSet[] = [
  { file: 'snippets/terraform.code-snippets', language: 'terraform', platform: 'terraform', minimum: 15, analysedAs: 'main.tf' },
  { file: 'snippets/kubernetes.code-snippets', language: 'yaml', platform: 'kubernetes', minimum: 8, analysedAs: 'manifest.yaml' },
];

const PREFIX = /^hciac-[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** `§164.312(a)(2)(iv)` → catalog control id `HIPAA-164.312(a)(2)(iv)`. */
const HIPAA_CITATION = /§\s?(164\.\d{3}(?:\([0-9a-zA-Z]+\))+)/g;
const RULE_ID = /\b(?:aws|azure|gcp|k8s)(?:-[a-z0-9]+)+\b/g;

const rulesById = new Map(allRules.map((r) => [r.id, r]));
const controlIds = new Set(allControls().map((c) => c.id));

function hipaaCitations(description: string): string[] {
  return [...description.matchAll(HIPAA_CITATION)].map((m) => `HIPAA-${m[1]!}`);
}

function citedRuleIds(description: string): string[] {
  return [...new Set(description.match(RULE_ID) ?? [])];
}

function hipaaControlsOf(rule: Rule): string[] {
  return rule.meta.controls.filter((c) => c.framework === 'hipaa').map((c) => c.id);
}

function describeFinding(f: LintResult['findings'][number]): string {
  return `${f.ruleId} (${f.resource}): ${f.message}`;
}

function loadSet(set: SnippetSet): ParsedSnippet[] {
  return readSnippetFile(path.join(repoRoot, set.file));
}

describe('golden-path snippets', () => {
  it('are contributed in package.json for their languages', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes?: { snippets?: { language: string; path: string }[] } };
    const contributed = (manifest.contributes?.snippets ?? []).map((s) => `${s.language} ${path.posix.normalize(s.path)}`).sort();
    assert.deepEqual(contributed, SETS.map((s) => `${s.language} ${s.file}`).sort());
  });

  it('have unique hciac- prefixes and names, and are all listed in docs/snippets.md', () => {
    const all = SETS.flatMap(loadSet);
    const prefixes = all.map((s) => s.prefix);
    assert.deepEqual(prefixes.filter((p) => !PREFIX.test(p)), [], 'prefixes are hciac-<lower-case-words>');
    assert.deepEqual(prefixes.filter((p, i) => prefixes.indexOf(p) !== i), [], 'duplicate prefixes');
    for (const set of SETS) {
      // JSON.parse keeps the last of two equal keys: count the entries in the text too.
      const entriesInText = (readFileSync(path.join(repoRoot, set.file), 'utf8').match(/^ {2}"[^"]+": \{$/gm) ?? []).length;
      assert.equal(entriesInText, loadSet(set).length, `${set.file}: every entry name is unique`);
    }
    const docs = readFileSync(path.join(repoRoot, 'docs', 'snippets.md'), 'utf8');
    assert.deepEqual(prefixes.filter((p) => !docs.includes(`\`${p}\``)), [], 'prefixes missing from docs/snippets.md');
  });

  for (const set of SETS) {
    describe(set.file, () => {
      const snippets = loadSet(set);

      it(`has at least ${set.minimum} snippets`, () => {
        assert.ok(snippets.length >= set.minimum, `${snippets.length} snippets`);
      });

      for (const snippet of snippets) {
        describe(`${snippet.prefix} (${snippet.name})`, () => {
          it('cites HIPAA controls of the catalog and rules of this platform, consistently', () => {
            const hipaa = hipaaCitations(snippet.description);
            assert.ok(hipaa.length > 0, 'the description names at least one HIPAA control (§164.3xx)');
            assert.deepEqual(hipaa.filter((id) => !controlIds.has(id)), [], 'HIPAA controls that are not in the catalog');
            const ruleIds = citedRuleIds(snippet.description);
            assert.deepEqual(ruleIds.filter((id) => rulesById.get(id)?.platform !== set.platform), [], `cited rule ids that are not ${set.platform} rules`);
            if (ruleIds.length > 0) {
              const covered = new Set(ruleIds.flatMap((id) => hipaaControlsOf(rulesById.get(id)!)));
              assert.deepEqual(hipaa.filter((id) => !covered.has(id)), [], 'HIPAA controls that none of the cited rules maps to');
            }
          });

          it('has named tab stops that Tab visits from top to bottom', () => {
            assert.deepEqual(snippet.variables, [], 'no snippet variables (escape a literal $ as \\$)');
            assert.ok(!snippet.body.includes('\t'), 'no tab characters (YAML forbids them; Terraform style is two spaces)');
            const stops = snippet.tabStops.filter((t) => t.index !== 0);
            assert.ok(stops.length > 0, 'the snippet has tab stops');
            const textOrder = snippet.textOrder.filter((i) => i !== 0);
            assert.deepEqual(textOrder, stops.map((_, i) => i + 1), 'tab stops are numbered 1..N in the order they first appear');
            assert.deepEqual(stops.filter((t) => t.defaultText.trim() === '').map((t) => t.index), [], 'tab stops without a default value');
            assert.equal(snippet.tabStops.at(-1)?.index, 0, 'the snippet ends at $0');
            assert.doesNotMatch(snippet.expanded, /\$\{?\d/, 'no snippet syntax is left in the expanded text');
          });

          it('expands with its defaults to a file without syntax errors or findings', async () => {
            const result = await lintFiles({ [set.analysedAs]: snippet.expanded }, set.analysedAs);
            assert.equal(result.hasSyntaxErrors, false, 'syntax errors');
            assert.deepEqual(result.notes.map((n) => n.message), [], 'analysis notes');
            assert.deepEqual(result.findings.map(describeFinding), [], 'findings');
          });
        });
      }

      describe('side by side in one workspace, with the values only the user can choose filled in', () => {
        let workspace: GoldenWorkspace;
        const analyses = new Map<string, LintResult>();
        before(async () => {
          workspace = set.platform === 'terraform' ? await terraformWorkspace(snippets) : kubernetesWorkspace(snippets);
          for (const name of workspace.fileOf.values()) analyses.set(name, await lintFiles(workspace.files, name));
        });

        if (set.platform === 'terraform') {
          it('declare no resource, data source or variable twice (with their defaults)', async () => {
            assert.deepEqual(await duplicateTerraformAddresses(workspace.files), []);
          });
        }

        for (const snippet of snippets) {
          it(`${snippet.prefix}: no findings, and the engine finds every rule it cites satisfied`, () => {
            const own = analyses.get(workspace.fileOf.get(snippet)!)!;
            assert.equal(own.hasSyntaxErrors, false, 'syntax errors');
            assert.deepEqual(own.findings.map(describeFinding), [], 'findings');
            const everywhere = [...analyses.values()].flatMap((a) => a.evaluations);
            for (const id of citedRuleIds(snippet.description)) {
              const undecided = own.evaluations.filter((e) => e.ruleId === id && e.outcome !== 'satisfied');
              assert.deepEqual(undecided.map((e) => `${e.resource}: ${e.outcome} ${e.reason ?? ''}`), [], `${id} on this snippet's resources`);
              assert.ok(everywhere.some((e) => e.ruleId === id && e.outcome === 'satisfied'), `${id} is satisfied by a resource of the workspace`);
            }
          });
        }
      });
    });
  }
});
