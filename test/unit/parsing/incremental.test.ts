import { strict as assert } from 'node:assert';
import { Parser } from 'web-tree-sitter';
import { LineIndex } from '../../../server/src/model/line-index';
import type { GrammarId, Grammars } from '../../../server/src/parsing/grammars';
import { ParsedDocument, parseOrThrow, type ContentChange } from '../../../server/src/parsing/parsed-document';
import { grammars } from '../../harness/assets';
import { fuzzSeed, mulberry32, randomChange, restoreChange, TERRAFORM_SNIPPETS, YAML_SNIPPETS, type PlannedChange } from '../../harness/random-edits';
import { treeShape } from '../../harness/tree-shape';

/**
 * Differential test of incremental parsing: random LSP ranged edits go through ParsedDocument.update()
 * (old tree edited + reparsed with reuse) and after every update the tree must be identical to a fresh
 * parse of the same text. Seeded, so a failure reproduces: rerun with HCIAC_FUZZ_SEED=<seed>.
 */

const BASE_SEED = fuzzSeed(0x1ac5eed);

const TERRAFORM = [
  '# Patient data bucket — é😀',
  'terraform {',
  '  required_version = ">= 1.5"',
  '}',
  '',
  'variable "encrypt" {',
  '  type    = bool',
  '  default = true',
  '}',
  '',
  'locals {',
  '  name = "phi-${var.env}-é😀"',
  '  tags = { Owner = "Zoë", "cost-center" = 42 }',
  '}',
  '',
  'resource "aws_s3_bucket" "données_😀" {',
  '  bucket = local.name',
  '  acl    = var.encrypt ? "private" : "public-read"',
  '  policy = <<-EOT',
  '    {"Statement": [{"Effect": "Deny", "Sid": "ñ"}]}',
  '  EOT',
  '  dynamic "rule" {',
  '    for_each = [1, 2, 3]',
  '    content {',
  '      id = "r-${rule.value}"',
  '    }',
  '  }',
  '  /* block comment ☃ */',
  '  list = [aws_kms_key.k[0].arn, aws_kms_key.k[*].id, lower("ÉTÉ")]',
  '}',
  '',
].join('\n');

const TERRAFORM_CRLF = [
  'resource "aws_db_instance" "ü" {',
  '  storage_encrypted = false // 😀😀',
  '  engine            = "postgres"',
  '  tags = {',
  '    "naïve" = "façade"',
  '  }',
  '}',
  'module "m" {',
  '  source = "./m"',
  '}',
  '',
].join('\r\n');

const YAML_STREAM = [
  '# Deployment with PHI — é😀',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: "patient-api-é"',
  '  labels: {app: patient, tier: "back😀end"}',
  'spec:',
  '  template:',
  '    metadata:',
  '      annotations:',
  "        note: 'it''s ü'",
  '    spec:',
  '      containers:',
  '        - &main name: api',
  '          image: registry/api:1.2',
  '          securityContext:',
  '            privileged: yes',
  '          args: [--port, "8080", ☃]',
  '          command: |',
  '            echo "é"',
  '            run 😀',
  '      initContainers:',
  '        - name: *main',
  '---',
  'apiVersion: v1',
  'kind: List',
  'items:',
  '  - apiVersion: v1',
  '    kind: ConfigMap',
  '    data:',
  '      key: >-',
  '        folded',
  '        text ñ',
  '...',
  '---',
  'just: a map',
  '',
].join('\n');

const YAML_CRLF = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: crlf-é',
  'spec:',
  '  containers:',
  '    - name: a😀',
  '      image: "x"',
  '      env:',
  '        - {name: K, value: "Zoë"}',
  '',
].join('\r\n');


interface Case {
  readonly name: string;
  readonly grammar: GrammarId;
  readonly text: string;
  readonly snippets: readonly string[];
  readonly updates: number;
}

const CASES: readonly Case[] = [
  { name: 'terraform (LF, non-ASCII)', grammar: 'terraform', text: TERRAFORM, snippets: TERRAFORM_SNIPPETS, updates: 700 },
  { name: 'terraform (CRLF)', grammar: 'terraform', text: TERRAFORM_CRLF, snippets: TERRAFORM_SNIPPETS, updates: 500 },
  { name: 'yaml multi-document stream (LF, non-ASCII)', grammar: 'yaml', text: YAML_STREAM, snippets: YAML_SNIPPETS, updates: 700 },
  { name: 'yaml (CRLF)', grammar: 'yaml', text: YAML_CRLF, snippets: YAML_SNIPPETS, updates: 500 },
];


describe('incremental parsing (differential against a fresh parse)', function () {
  this.timeout(60000);
  let g: Grammars;
  const reference = new Map<GrammarId, Parser>();
  let totalEdits = 0;

  before(async () => {
    g = await grammars();
    for (const id of ['terraform', 'yaml'] as const) {
      // An independent parser for the reference parse, so no parser state is shared with the document.
      const parser = new Parser();
      parser.setLanguage(g.language(id));
      reference.set(id, parser);
    }
  });

  after(() => {
    for (const parser of reference.values()) parser.delete();
    if (process.env.HCIAC_FUZZ_VERBOSE) console.log(`      ${totalEdits} edits`);
    assert.ok(totalEdits >= 3000, `only ${totalEdits} edits were exercised`);
  });

  function assertSameAsFresh(doc: ParsedDocument, grammar: GrammarId, expected: string, context: string): void {
    assert.equal(doc.text, expected, `text diverged (${context})`);
    const fresh = parseOrThrow(reference.get(grammar)!, expected);
    try {
      const incremental = doc.tree.rootNode.toString();
      const scratch = fresh.rootNode.toString();
      if (incremental !== scratch) assert.equal(incremental, scratch, `tree differs from a fresh parse (${context})`);
      const a = treeShape(doc.tree);
      const b = treeShape(fresh);
      if (a !== b) assert.equal(a, b, `node ranges differ from a fresh parse (${context})`);
      assert.equal(doc.tree.rootNode.hasError, fresh.rootNode.hasError, `hasError differs (${context})`);
    } finally {
      fresh.delete();
    }
  }

  CASES.forEach((c, caseIndex) => {
    it(`${c.name}: ${c.updates} random updates`, () => {
      const seed = (BASE_SEED + caseIndex * 0x9e3779b9) >>> 0;
      const random = mulberry32(seed);
      const doc = new ParsedDocument(`file:///ws/case${caseIndex}`, c.grammar, 1, c.text, g, c.grammar);
      try {
        let expected = c.text;
        assertSameAsFresh(doc, c.grammar, expected, `case seed ${seed}, initial`);
        let episode = 0;
        let episodeLength = 1 + Math.floor(random() * 12);
        for (let step = 1; step <= c.updates; step++) {
          // Mostly one change per notification, sometimes a batch (each range is relative to the text after the previous one).
          const count = random() < 0.8 ? 1 : 2 + Math.floor(random() * 4);
          const changes: ContentChange[] = [];
          const described: string[] = [];
          for (let i = 0; i < count; i++) {
            let planned: PlannedChange;
            if (++episode > episodeLength && expected !== c.text) {
              planned = restoreChange(expected, c.text);
              episode = 0;
              episodeLength = 1 + Math.floor(random() * 12);
            } else {
              planned = randomChange(random, expected, c);
            }
            changes.push(planned.change);
            described.push(planned.describe);
            expected = planned.after;
          }
          totalEdits += count;
          doc.update(changes, step + 1);
          assert.equal(doc.version, step + 1);
          assertSameAsFresh(doc, c.grammar, expected, `reproduce with HCIAC_FUZZ_SEED=${BASE_SEED} (case seed ${seed}), case "${c.name}", update ${step}: ${described.join('; ')}`);
        }
      } finally {
        doc.dispose();
      }
    });
  });

  it('a whole-document change (no range) replaces the text and the tree', () => {
    const doc = new ParsedDocument('file:///ws/whole.tf', 'terraform', 1, TERRAFORM, g, 'terraform');
    try {
      doc.update([{ text: TERRAFORM_CRLF }], 2);
      assert.equal(doc.version, 2);
      assertSameAsFresh(doc, 'terraform', TERRAFORM_CRLF, 'whole-document change');
      // ranged, then whole, then ranged again in one notification: the last two apply to the new text
      const index = new LineIndex(doc.text);
      doc.update(
        [
          { range: { start: index.positionAt(0), end: index.positionAt(3) }, text: 'xyz' },
          { text: 'a = 1\n' },
          { range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } }, text: '"é😀"' },
        ],
        3,
      );
      assertSameAsFresh(doc, 'terraform', 'a = "é😀"\n', 'mixed whole and ranged changes');
      doc.update([{ text: '' }], 4);
      assertSameAsFresh(doc, 'terraform', '', 'emptied document');
      doc.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'b = "ü"\r\n' }], 5);
      assertSameAsFresh(doc, 'terraform', 'b = "ü"\r\n', 'typing into an empty document');
    } finally {
      doc.dispose();
    }
  });

  it('many updates before the tree is asked for are reparsed at once, to the tree of a fresh parse', () => {
    const doc = new ParsedDocument('file:///ws/burst.tf', 'terraform', 1, TERRAFORM, g, 'terraform');
    try {
      assertSameAsFresh(doc, 'terraform', TERRAFORM, 'initial');
      const random = mulberry32(BASE_SEED ^ 0xb0257);
      let expected = TERRAFORM;
      const described: string[] = [];
      for (let step = 0; step < 60; step++) {
        const planned = randomChange(random, expected, { text: TERRAFORM, snippets: TERRAFORM_SNIPPETS });
        doc.update([planned.change], step + 2);
        described.push(planned.describe);
        expected = planned.after;
      }
      assertSameAsFresh(doc, 'terraform', expected, `reproduce with HCIAC_FUZZ_SEED=${BASE_SEED}: ${described.join('; ')}`);
    } finally {
      doc.dispose();
    }
  });

  it('positions past the end of a line are clamped like LSP clients expect', () => {
    const doc = new ParsedDocument('file:///ws/clamp.yaml', 'yaml', 1, 'a: 1\r\nb: 2\n', g, 'yaml');
    try {
      // character 99 on line 0 means "end of line 0", before the \r\n
      doc.update([{ range: { start: { line: 0, character: 99 }, end: { line: 0, character: 99 } }, text: '0' }], 2);
      assertSameAsFresh(doc, 'yaml', 'a: 10\r\nb: 2\n', 'insert at a clamped position');
      doc.update([{ range: { start: { line: 1, character: 3 }, end: { line: 7, character: 0 } }, text: '"é"\n' }], 3);
      assertSameAsFresh(doc, 'yaml', 'a: 10\r\nb: "é"\n', 'range ending past the last line');
    } finally {
      doc.dispose();
    }
  });

  it('edits that split and rejoin a surrogate pair agree with a fresh parse', () => {
    const text = 'name: "a😀b"\nlist: [😀, é]\n';
    const doc = new ParsedDocument('file:///ws/surrogates.yaml', 'yaml', 1, text, g, 'yaml');
    try {
      const at = text.indexOf('😀');
      // delete only the low surrogate, leaving a lone high surrogate in the text
      const index = new LineIndex(text);
      doc.update([{ range: { start: index.positionAt(at + 1), end: index.positionAt(at + 2) }, text: '' }], 2);
      let expected = text.slice(0, at + 1) + text.slice(at + 2);
      assertSameAsFresh(doc, 'yaml', expected, 'lone high surrogate');
      // put it back
      const index2 = new LineIndex(expected);
      doc.update([{ range: { start: index2.positionAt(at + 1), end: index2.positionAt(at + 1) }, text: '\uDE00' }], 3);
      expected = text;
      assertSameAsFresh(doc, 'yaml', expected, 'surrogate pair rejoined');
    } finally {
      doc.dispose();
    }
  });

  it('replaces its tree on every update and stays usable until disposed', () => {
    const doc = new ParsedDocument('file:///ws/free.tf', 'terraform', 1, 'a = 1\n', g, 'terraform');
    try {
      const first = doc.tree;
      assert.equal(first.rootNode.type, 'config_file');
      doc.update([{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } }, text: '2' }], 2);
      const second = doc.tree;
      assert.notEqual(second, first);
      doc.update([{ text: 'b = 3\n' }], 3);
      assert.notEqual(doc.tree, second);
      assert.equal(doc.tree.rootNode.toString(), '(config_file (body (attribute (identifier) (expression (literal_value (numeric_lit))))))');
      assert.equal(doc.tree.rootNode.text, 'b = 3\n');
    } finally {
      doc.dispose();
    }
  });
});
