import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RuleSet } from '../../../server/src/engine/rule-set';
import { updateTerraform } from '../../../server/src/model/terraform/incremental';
import type { Grammars } from '../../../server/src/parsing/grammars';
import { ParsedDocument } from '../../../server/src/parsing/parsed-document';
import { allRules } from '../../../server/src/rules';
import { buildSource, type SourceFile } from '../../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import type { FileKind } from '../../../server/src/parsing/file-kind';
import { grammars, repoRoot } from '../../harness/assets';
import { fuzzSeed, mulberry32, randomChange, restoreChange, TERRAFORM_SNIPPETS, YAML_SNIPPETS } from '../../harness/random-edits';

/**
 * Differential test of rule-result reuse: an open document is edited at random (bursts of edits,
 * sometimes restored to its original text), and after every burst its analysis in a long-lived index
 * — which reuses the results of unchanged targets — must equal the analysis of the same files in a
 * fresh index. Seeded: rerun a failure with HCIAC_FUZZ_SEED=<seed>.
 */

const BASE_SEED = fuzzSeed(0x5e5e1);
const LIMITS = { maxFileSize: 4_000_000 };
const tfDir = path.join(repoRoot, 'examples', 'terraform', 'phi-platform');
const k8sDir = path.join(repoRoot, 'examples', 'kubernetes', 'patient-portal');

function kindOf(file: string): FileKind {
  return file.endsWith('.tfvars') ? 'terraform-vars' : file.endsWith('.tf') ? 'terraform' : 'yaml';
}

/** Every file of a folder as read from disk (no version: nothing reused for them). */
function diskSources(g: Grammars, dir: string, root: string): SourceFile[] {
  return readdirSync(dir)
    .filter((f) => /\.(tf|tfvars|ya?ml)$/.test(f))
    .map((f) => buildSource(`${root}/${f}`, kindOf(f), readFileSync(path.join(dir, f), 'utf8'), undefined, g, LIMITS));
}

const comparable = (index: WorkspaceIndex, uri: string) => {
  const a = index.analysis(uri);
  return { findings: a.findings, evaluations: a.evaluations };
};

describe('rule-result reuse (differential against a fresh analysis)', function () {
  this.timeout(300000);
  let g: Grammars;
  before(async () => {
    g = await grammars();
  });

  const cases = [
    ...['s3.tf', 'rds.tf', 'cloudtrail.tf', 'kms.tf'].map((f) => ({ dir: tfDir, root: 'file:///w/tf', file: f, snippets: TERRAFORM_SNIPPETS, updates: 120 })),
    ...['deployment.yaml', 'networkpolicy.yaml', 'cronjob.yaml'].map((f) => ({ dir: k8sDir, root: 'file:///w/k8s', file: f, snippets: YAML_SNIPPETS, updates: 120 })),
  ];

  cases.forEach((c, caseIndex) => {
    it(`${c.file}: every analysis while typing equals a fresh analysis`, () => {
      const seed = BASE_SEED + caseIndex;
      const random = mulberry32(seed);
      const uri = `${c.root}/${c.file}`;
      const kind = kindOf(c.file);
      const others = diskSources(g, c.dir, c.root).filter((s) => s.uri !== uri);
      const original = readFileSync(path.join(c.dir, c.file), 'utf8');
      const index = new WorkspaceIndex(new RuleSet(allRules), () => undefined);
      for (const s of others) index.upsert(s);
      const doc = new ParsedDocument(uri, kind, 1, original, g, kind === 'yaml' ? 'yaml' : 'terraform');
      let text = original;
      let version = 1;
      let reusedAnalyses = 0;
      try {
        let current = buildSource(uri, kind, text, version, g, LIMITS, () => doc.tree);
        doc.takeChangedRegion();
        index.upsert(current);
        index.analysis(uri);
        for (let i = 0; i < c.updates; i++) {
          const burst = 1 + Math.floor(random() * 2);
          const described: string[] = [];
          for (let b = 0; b < burst; b++) {
            const planned = random() < 0.15 ? restoreChange(text, original) : randomChange(random, text, { text: original, snippets: c.snippets });
            doc.update([planned.change], ++version);
            text = planned.after;
            described.push(planned.describe);
          }
          const previous = current;
          current = buildSource(uri, kind, text, version, g, LIMITS, () => doc.tree, (tree) => {
            const { region } = doc.takeChangedRegion();
            return region !== undefined && previous.model.kind === 'terraform' ? updateTerraform(previous.model.file, tree, text, region) : undefined;
          });
          doc.takeChangedRegion();
          index.upsert(current);
          const fresh = new WorkspaceIndex(new RuleSet(allRules), () => undefined);
          for (const s of others) fresh.upsert(s);
          fresh.upsert(buildSource(uri, kind, text, undefined, g, LIMITS));
          const expected = comparable(fresh, uri);
          assert.deepStrictEqual(comparable(index, uri), expected, `seed ${seed}, update ${i}: ${described.join(' ; ')}`);
          if (expected.findings.length + expected.evaluations.length > 0) reusedAnalyses++;
        }
        assert.ok(reusedAnalyses > c.updates / 3, `only ${reusedAnalyses} analyses had results to compare`);
      } finally {
        doc.dispose();
      }
    });
  });
});
