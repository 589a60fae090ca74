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
import { kubernetesText, terraformText } from '../../../bench/generate';
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

  const cases: { dir: string; root: string; file: string; snippets: readonly string[]; updates: number; text?: string }[] = [
    ...['s3.tf', 'rds.tf', 'cloudtrail.tf', 'kms.tf'].map((f) => ({ dir: tfDir, root: 'file:///w/tf', file: f, snippets: TERRAFORM_SNIPPETS, updates: 120 })),
    ...['deployment.yaml', 'networkpolicy.yaml', 'cronjob.yaml'].map((f) => ({ dir: k8sDir, root: 'file:///w/k8s', file: f, snippets: YAML_SNIPPETS, updates: 120 })),
    // Many objects of one file sharing file-level facts (namespace anchors, objects without a namespace) and module facts (S3 buckets and trails).
    { dir: k8sDir, root: 'file:///w/gen', file: 'many.yaml', snippets: YAML_SNIPPETS, updates: 120, text: kubernetesText(400).replace(/^  namespace: phi\n/gm, (m, offset: number) => (offset % 3 === 0 ? '' : m)) },
    { dir: tfDir, root: 'file:///w/gen', file: 'many.tf', snippets: TERRAFORM_SNIPPETS, updates: 120, text: terraformText(500) },
  ];

  // Edits that change a fact other results read (module facts with early cutoff, file facts) must re-run them.
  const factEdits: { name: string; file: string; before: string; after: string }[] = [
    {
      name: 'a logging configuration elsewhere stops delivering to a bucket (module fact: S3 log destinations)',
      file: 'main.tf',
      before: [
        'resource "aws_s3_bucket" "archive" {', '  bucket = "phi-archive"', '  tags = { DataClassification = "phi" }', '}', '',
        'resource "aws_s3_bucket" "data" {', '  bucket = "phi-data"', '  tags = { DataClassification = "phi" }', '  logging {', '    target_bucket = aws_s3_bucket.archive.id', '  }', '}', '',
      ].join('\n'),
      after: '',
    },
    {
      name: 'a bucket stops being PHI (module fact: the PHI buckets a trail must record)',
      file: 'main.tf',
      before: [
        'resource "aws_cloudtrail" "t" {', '  name           = "t"', '  s3_bucket_name = "trail-logs"', '  is_multi_region_trail = true', '}', '',
        'resource "aws_s3_bucket" "data" {', '  bucket = "phi-data"', '  tags = { DataClassification = "phi" }', '}', '',
      ].join('\n'),
      after: '',
    },
    {
      name: 'the first object without a namespace gets one (file fact)',
      file: 'app.yaml',
      before: ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: a', '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: b', ''].join('\n'),
      after: '',
    },
  ];
  factEdits[0]!.after = factEdits[0]!.before.replace('target_bucket = aws_s3_bucket.archive.id', 'target_bucket = "elsewhere"');
  factEdits[1]!.after = factEdits[1]!.before.replace('DataClassification = "phi"', 'DataClassification = "public"');
  factEdits[2]!.after = factEdits[2]!.before.replace('  name: a\n', '  name: a\n  namespace: apps\n');

  for (const e of factEdits) {
    it(`${e.name}: the analysis after the edit equals a fresh one`, () => {
      const uri = `file:///w/facts/${e.file}`;
      const kind = kindOf(e.file);
      assert.notEqual(e.after, e.before);
      const index = new WorkspaceIndex(new RuleSet(allRules), () => undefined);
      index.upsert(buildSource(uri, kind, e.before, 1, g, LIMITS));
      const first = comparable(index, uri);
      index.upsert(buildSource(uri, kind, e.after, 2, g, LIMITS));
      const fresh = new WorkspaceIndex(new RuleSet(allRules), () => undefined);
      fresh.upsert(buildSource(uri, kind, e.after, undefined, g, LIMITS));
      const expected = comparable(fresh, uri);
      assert.notDeepStrictEqual(expected, first, 'the edit must change the analysis, or this test proves nothing');
      assert.deepStrictEqual(comparable(index, uri), expected);
    });
  }

  cases.forEach((c, caseIndex) => {
    it(`${c.file}: every analysis while typing equals a fresh analysis`, () => {
      const seed = BASE_SEED + caseIndex;
      const random = mulberry32(seed);
      const uri = `${c.root}/${c.file}`;
      const kind = kindOf(c.file);
      const others = c.text !== undefined ? [] : diskSources(g, c.dir, c.root).filter((s) => s.uri !== uri);
      const original = c.text ?? readFileSync(path.join(c.dir, c.file), 'utf8');
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
        for (const other of others) index.analysis(other.uri);
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
          // The module's other files are re-analysed after each edit too (their results reused where nothing they read changed).
          for (const other of others) {
            assert.deepStrictEqual(comparable(index, other.uri), comparable(fresh, other.uri), `${other.uri}, seed ${seed}, update ${i}: ${described.join(' ; ')}`);
          }
          if (expected.findings.length + expected.evaluations.length > 0) reusedAnalyses++;
        }
        assert.ok(reusedAnalyses > c.updates / 3, `only ${reusedAnalyses} analyses had results to compare`);
      } finally {
        doc.dispose();
      }
    });
  });
});
