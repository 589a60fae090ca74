import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractTerraform } from '../../../server/src/model/terraform/extract';
import { updateTerraform } from '../../../server/src/model/terraform/incremental';
import type { TfFile } from '../../../server/src/model/terraform/types';
import type { Grammars } from '../../../server/src/parsing/grammars';
import { ParsedDocument } from '../../../server/src/parsing/parsed-document';
import { grammars, repoRoot } from '../../harness/assets';
import { fuzzSeed, mulberry32, plannedChange, randomChange, restoreChange, TERRAFORM_SNIPPETS } from '../../harness/random-edits';

/**
 * Differential test of incremental Terraform extraction: random LSP edits (bursts of one to three)
 * go through ParsedDocument, the model is updated from the previous one with the changed region,
 * and after every burst it must deep-equal a from-scratch extraction of a fresh parse of the text.
 * Seeded: rerun a failure with HCIAC_FUZZ_SEED=<seed>.
 */

const BASE_SEED = fuzzSeed(0x7f1ca1);
const dir = path.join(repoRoot, 'examples', 'terraform', 'phi-platform');

const BLOCKS = [
  '# header comment',
  'resource "aws_s3_bucket" "a" {',
  '  bucket = "phi-a" # trailing',
  '  tags = { Name = "a" }',
  '}',
  '',
  '/* between */',
  'resource "aws_kms_key" "k" {',
  '  enable_key_rotation = var.rotate ? true : false',
  '  dynamic "x" {',
  '    for_each = [1]',
  '    content { y = x.value }',
  '  }',
  '}',
  'variable "rotate" { default = true }',
  '',
].join('\n');

describe('incremental Terraform extraction (differential against a full extraction)', function () {
  this.timeout(120000);
  let g: Grammars;
  before(async () => {
    g = await grammars();
  });

  const cases: { name: string; text: string; updates: number }[] = [
    { name: 'blocks and comments (LF)', text: BLOCKS, updates: 400 },
    { name: 'blocks and comments (CRLF)', text: BLOCKS.replace(/\n/g, '\r\n'), updates: 200 },
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.tf'))
      .slice(0, 3)
      .map((f) => ({ name: `examples/${f}`, text: readFileSync(path.join(dir, f), 'utf8'), updates: 150 })),
  ];

  it('edits at every block boundary (before, at and after each brace and header) equal a full extraction', () => {
    const uri = 'file:///w/main.tf';
    const base = extractTerraform(uri, 'terraform', g.parse('terraform', BLOCKS), BLOCKS);
    const points = new Set<number>();
    for (const b of base.blocks) for (const p of [b.span.start, b.span.end, b.closeBrace, b.bodyStart]) for (const d of [-1, 0, 1]) points.add(p + d);
    for (const c of base.comments) for (const p of [c.span.start, c.span.end]) for (const d of [-1, 0, 1]) points.add(p + d);
    let checked = 0;
    for (const p of [...points].filter((x) => x >= 0 && x < BLOCKS.length)) {
      for (const [insert, remove] of [['x', 0], ['', 1], ['}', 0], ['\n', 0], ['{', 0], ['"', 0]] as const) {
        const doc = new ParsedDocument(uri, 'terraform', 1, BLOCKS, g, 'terraform');
        try {
          const model = extractTerraform(uri, 'terraform', doc.tree, doc.text);
          doc.takeChangedRegion();
          const planned = plannedChange(BLOCKS, p, Math.min(BLOCKS.length, p + remove), insert);
          doc.update([planned.change], 2);
          const tree = doc.tree;
          const { region } = doc.takeChangedRegion();
          const updated = updateTerraform(model, tree, planned.after, region!);
          const fresh = g.parse('terraform', planned.after);
          try {
            if (updated === undefined) continue; // top-level attributes: the session extracts the whole file
            assert.deepStrictEqual(updated, extractTerraform(uri, 'terraform', fresh, planned.after), planned.describe);
            checked++;
          } finally {
            fresh.delete();
          }
        } finally {
          doc.dispose();
        }
      }
    }
    assert.ok(checked > 100, `${checked} boundary edits checked`);
  });

  cases.forEach((c, caseIndex) => {
    it(`${c.name}: equals a full extraction after every burst of edits`, () => {
      const seed = BASE_SEED + caseIndex;
      const random = mulberry32(seed);
      const uri = 'file:///w/main.tf';
      const doc = new ParsedDocument(uri, 'terraform', 1, c.text, g, 'terraform');
      try {
        let model: TfFile = extractTerraform(uri, 'terraform', doc.tree, doc.text);
        doc.takeChangedRegion();
        let text = c.text;
        let version = 1;
        let incrementalUpdates = 0;
        for (let i = 0; i < c.updates; i++) {
          const burst = 1 + Math.floor(random() * 3);
          const described: string[] = [];
          for (let b = 0; b < burst; b++) {
            const planned = random() < 0.08 ? restoreChange(text, c.text) : randomChange(random, text, { text: c.text, snippets: TERRAFORM_SNIPPETS });
            doc.update([planned.change], ++version);
            text = planned.after;
            described.push(planned.describe);
          }
          const tree = doc.tree;
          const { region } = doc.takeChangedRegion();
          assert.ok(region !== undefined);
          const updated = updateTerraform(model, tree, text, region);
          const fresh = g.parse('terraform', text);
          try {
            const expected = extractTerraform(uri, 'terraform', fresh, text);
            if (updated !== undefined) {
              incrementalUpdates++;
              assert.deepStrictEqual(updated, expected, `seed ${seed}, update ${i}: ${described.join(' ; ')}`);
            }
            model = updated ?? expected;
          } finally {
            fresh.delete();
          }
        }
        // The differential is only meaningful if most updates took the incremental path.
        assert.ok(incrementalUpdates > c.updates / 2, `only ${incrementalUpdates} of ${c.updates} updates were incremental`);
      } finally {
        doc.dispose();
      }
    });
  });
});
