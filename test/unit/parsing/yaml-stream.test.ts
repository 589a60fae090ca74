import { strict as assert } from 'node:assert';
import { Parser } from 'web-tree-sitter';
import { LineIndex } from '../../../server/src/model/line-index';
import type { Grammars } from '../../../server/src/parsing/grammars';
import { ParsedDocument, parseOrThrow } from '../../../server/src/parsing/parsed-document';
import { pieceNesting, piecesNestingExceeds, YAML_MAX_BLOCK_DEPTH, yamlBlockNestingExceeds } from '../../../server/src/parsing/parser-limits';
import { documentMarkersIn, hasDirectiveLine, isDocumentMarkerAt, pieceRanges, pieceSource } from '../../../server/src/parsing/yaml-stream';
import { grammars } from '../../harness/assets';
import { fuzzSeed, mulberry32, plannedChange } from '../../harness/random-edits';
import { randomStreamChange } from '../../harness/yaml-stream-edits';
import { treeShape } from '../../harness/tree-shape';

/** Starts of the marker lines of a whole text, the way the splitter reports them. */
function markers(text: string): number[] {
  return documentMarkersIn(text, 0, text.length);
}

describe('YAML stream pieces (cut before document markers)', () => {
  describe('document marker lines (YAML 1.2.2 §9.1.4, c-forbidden)', () => {
    it('are --- or ... at column 0, followed by a space, a tab, a line break or the end', () => {
      const text = 'a: 1\n---\nb: 2\n--- # c\n...\n---\tx\n---';
      assert.deepEqual(markers(text), [5, 14, 22, 26, 32]);
      for (const not of ['a: 1\n----\n', 'a: 1\n---x\n', 'a: 1\n---#\n', 'a: 1\n ---\n', 'a: 1\n..\n', 'a: 1\n-- -\n', 'a: 1\n.--\n']) assert.deepEqual(markers(not), [], JSON.stringify(not));
    });

    it('end a document even inside a block scalar or a quoted scalar', () => {
      assert.deepEqual(markers('a: |\n  text\n---\n'), [12]);
      assert.deepEqual(markers('a: "x\n--- \ny"\n'), [6]);
    });

    it('start after any line break (LF, CRLF, CR), never between the CR and LF of a CRLF', () => {
      assert.deepEqual(markers('a: 1\r\n---\r\nb: 2\r---\r\n'), [6, 16]);
      assert.equal(isDocumentMarkerAt('a\r\n---', 2), false); // offset 2 is the \n
      assert.equal(isDocumentMarkerAt('---', 0), true);
    });

    it('a marker at offset 0 is never reported: the text starts a piece whatever it holds', () => {
      assert.deepEqual(markers('---\na: 1\n---\n'), [9]);
    });
  });

  it('directive lines are found anywhere a line starts with %', () => {
    assert.equal(hasDirectiveLine('%YAML 1.2\n---\na: 1\n', 0, 19), true);
    assert.equal(hasDirectiveLine('a: 1\r%TAG ! x\n', 0, 14), true);
    assert.equal(hasDirectiveLine('a: "50%"\nb: 1 %\n', 0, 17), false);
  });

  it('pieces cover the text, in order, each starting at 0 or a marker line', () => {
    const text = '# head\napiVersion: v1\n---\nkind: A\n...\n---\nkind: B\n';
    assert.deepEqual(pieceRanges(text, 0, text.length), [
      { start: 0, end: 22 },
      { start: 22, end: 34 },
      { start: 34, end: 38 },
      { start: 38, end: text.length },
    ]);
    assert.deepEqual(pieceRanges('', 0, 0), [{ start: 0, end: 0 }]);
    // A piece is parsed with the next piece's marker, so that it ends as it ends inside the stream.
    assert.equal(pieceSource(text, 0, 22), '# head\napiVersion: v1\n---');
    assert.equal(pieceSource(text, 38, text.length), '---\nkind: B\n');
  });

  it('the block-nesting bound of a stream is the bound chained over its pieces, for any limit', () => {
    const random = mulberry32(fuzzSeed(0x4e57));
    const lines = ['---', '...', '--- x', 'a:', '  b:', '    c:', '- - x', '  - y', '? k', ': v', '# c', '', '      deep:', 'k: v', '-', '\t- t'];
    const breaks = ['\n', '\r\n', '\r'];
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const count = 1 + Math.floor(random() * 30);
      for (let i = 0; i < count; i++) text += lines[Math.floor(random() * lines.length)]! + breaks[Math.floor(random() * breaks.length)]!;
      if (random() < 0.2) text = text.trimEnd();
      for (let limit = 1; limit <= 6; limit++) {
        const chained = piecesNestingExceeds(pieceRanges(text, 0, text.length).map((r) => pieceNesting(text, r.start, r.end, limit)));
        assert.equal(chained, yamlBlockNestingExceeds(text, limit), `limit ${limit}: ${JSON.stringify(text)}`);
      }
    }
  });

  describe('open documents keep one tree per piece', function () {
    this.timeout(60000);
    let g: Grammars;
    let reference: Parser;
    let checkedEdits = 0;

    before(async () => {
      g = await grammars();
      reference = new Parser(); // independent of the document's parser
      reference.setLanguage(g.language('yaml'));
    });

    after(() => {
      reference.delete();
      assert.ok(checkedEdits >= 2000, `only ${checkedEdits} edits were checked`);
    });


    /** The document's pieces are the pieces of its text, and each piece's tree is a fresh parse of that piece. */
    function assertPiecesFresh(doc: ParsedDocument, context: string): void {
      const text = doc.text;
      const pieces = doc.yamlPieces();
      if (hasDirectiveLine(text, 0, text.length)) {
        assert.equal(pieces, undefined, `a stream with a directive line is not cut (${context})`);
        return;
      }
      assert.ok(pieces !== undefined, `the stream is cut (${context})`);
      assert.equal(doc.yamlBlockNestingExceeds(), yamlBlockNestingExceeds(text), `the nesting bound kept per piece differs (${context})`);
      assert.deepEqual(
        pieces.map((p) => ({ start: p.start, end: p.end })),
        pieceRanges(text, 0, text.length),
        `pieces differ from the pieces of the text (${context})`,
      );
      for (const piece of pieces) {
        const fresh = parseOrThrow(reference, pieceSource(text, piece.start, piece.end));
        try {
          const a = treeShape(piece.tree());
          const b = treeShape(fresh);
          if (a !== b) assert.equal(a, b, `piece [${piece.start}, ${piece.end}) differs from a fresh parse (${context})`);
        } finally {
          fresh.delete();
        }
      }
    }

    const STREAM = [
      '# leading comment',
      'apiVersion: v1',
      'kind: ConfigMap',
      'data:',
      '  script: |+',
      '    echo "é😀"',
      '',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - &c {name: api, image: "x"}',
      '        - *c',
      '...',
      '--- # second',
      'kind: List',
      'items: [ {a: 1}, "q" ]',
      '---',
      '',
    ].join('\n');

    const CASES = [
      { name: 'LF stream', text: STREAM, updates: 800 },
      { name: 'CRLF stream', text: STREAM.replace(/\n/g, '\r\n'), updates: 700 },
      { name: 'stream without a trailing line break', text: STREAM.trimEnd(), updates: 500 },
    ];

    const BASE_SEED = fuzzSeed(0x5713a4);

    CASES.forEach((c, caseIndex) => {
      it(`${c.name}: ${c.updates} random updates, every piece equal to a fresh parse of it`, () => {
        const seed = (BASE_SEED + caseIndex * 0x9e3779b9) >>> 0;
        const random = mulberry32(seed);
        const doc = new ParsedDocument(`file:///ws/pieces${caseIndex}.yaml`, 'yaml', 1, c.text, g, 'yaml');
        try {
          assertPiecesFresh(doc, 'initial');
          let expected = c.text;
          for (let step = 1; step <= c.updates; step++) {
            // Mostly one change per notification, sometimes a batch (each range relative to the text after the previous one).
            const count = random() < 0.8 ? 1 : 2 + Math.floor(random() * 3);
            const described: string[] = [];
            const changes = Array.from({ length: count }, () => {
              const planned = randomStreamChange(random, expected, c.text);
              expected = planned.after;
              described.push(planned.describe);
              return planned.change;
            });
            doc.update(changes, step + 1);
            assert.equal(doc.text, expected);
            assertPiecesFresh(doc, `reproduce with HCIAC_FUZZ_SEED=${BASE_SEED} (case seed ${seed}), "${c.name}", update ${step}: ${described.join('; ')}`);
            checkedEdits += count;
          }
        } finally {
          doc.dispose();
        }
      });
    });

    it('an edit inside one piece reparses that piece only; the others keep their trees', () => {
      const text = ['apiVersion: v1', 'kind: A', '---', 'apiVersion: v1', 'kind: B', '---', 'apiVersion: v1', 'kind: C', ''].join('\n');
      const doc = new ParsedDocument('file:///ws/reuse.yaml', 'yaml', 1, text, g, 'yaml');
      try {
        const before = doc.yamlPieces()!;
        const trees = before.map((p) => p.tree());
        const revisions = before.map((p) => p.revision);
        const at = text.indexOf('kind: B') + 'kind: B'.length;
        doc.update([plannedChange(text, at, at, 'x').change], 2);
        const after = doc.yamlPieces()!;
        assert.equal(after.length, 3);
        assert.equal(after[0], before[0]);
        assert.equal(after[2], before[2]);
        assert.equal(after[0]!.revision, revisions[0]);
        assert.equal(after[2]!.revision, revisions[2]);
        assert.notEqual(after[1]!.revision, revisions[1]);
        assert.equal(after[2]!.start, before[2]!.start);
        assert.equal(after[2]!.start, text.indexOf('---', at) + 1);
        assert.equal(after[0]!.tree(), trees[0]);
        assert.equal(after[2]!.tree(), trees[2]);
        const reparsed = after[1]!.tree();
        assert.notEqual(reparsed, trees[1]);
        assert.equal(reparsed.rootNode.text.includes('kind: Bx'), true);
        assert.ok(doc.takePieceParseMs() >= 0);
      } finally {
        doc.dispose();
      }
    });

    it('typing a marker line cuts a piece in two; deleting it joins them', () => {
      const text = 'a: 1\nb: 2\nc: 3\n';
      const doc = new ParsedDocument('file:///ws/cut.yaml', 'yaml', 1, text, g, 'yaml');
      try {
        assert.equal(doc.yamlPieces()!.length, 1);
        const cut = plannedChange(text, 5, 5, '---\n');
        doc.update([cut.change], 2);
        assert.deepEqual(doc.yamlPieces()!.map((p) => [p.start, p.end]), [[0, 5], [5, 19]]);
        assertPiecesFresh(doc, 'after the cut');
        doc.update([plannedChange(cut.after, 5, 9, '').change], 3);
        assert.deepEqual(doc.yamlPieces()!.map((p) => [p.start, p.end]), [[0, text.length]]);
        assertPiecesFresh(doc, 'after the join');
      } finally {
        doc.dispose();
      }
    });

    it('nesting typed into one piece past the bound is seen, and its removal too', () => {
      const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
      const doc = new ParsedDocument('file:///ws/deep.yaml', 'yaml', 1, text, g, 'yaml');
      try {
        assert.equal(doc.yamlBlockNestingExceeds(), false);
        const deep = `x:\n  ${'- '.repeat(YAML_MAX_BLOCK_DEPTH + 1)}leaf\n`;
        const at = text.indexOf('b: 2');
        const pasted = plannedChange(text, at, at, deep);
        doc.update([pasted.change], 2);
        assert.equal(doc.yamlBlockNestingExceeds(), true);
        assert.equal(yamlBlockNestingExceeds(pasted.after), true);
        doc.update([plannedChange(pasted.after, at, at + deep.length, '').change], 3);
        assert.equal(doc.yamlBlockNestingExceeds(), false);
      } finally {
        doc.dispose();
      }
    });

    it('a directive line makes the document use its whole-stream tree until the line goes', () => {
      const text = 'a: 1\n---\nb: 2\n';
      const doc = new ParsedDocument('file:///ws/directive.yaml', 'yaml', 1, text, g, 'yaml');
      try {
        assert.equal(doc.yamlPieces()!.length, 2);
        const withDirective = plannedChange(text, 0, 0, '%YAML 1.2\n---\n');
        doc.update([withDirective.change], 2);
        assert.equal(doc.yamlPieces(), undefined);
        assert.equal(doc.tree.rootNode.hasError, false);
        assert.equal(doc.tree.rootNode.namedChildren.filter((n) => n.type === 'document').length, 2);
        doc.update([plannedChange(withDirective.after, 0, 10, '').change], 3);
        assert.equal(doc.yamlPieces()!.length, 2);
        assertPiecesFresh(doc, 'directive removed');
        // ranged and whole-document changes after the switch keep both in step
        doc.update([{ text: 'x: 1\n---\ny: 2\n' }], 4);
        assertPiecesFresh(doc, 'whole-document change');
        const index = new LineIndex(doc.text);
        doc.update([{ range: { start: index.positionAt(0), end: index.positionAt(1) }, text: 'z' }], 5);
        assertPiecesFresh(doc, 'ranged change after a whole-document change');
      } finally {
        doc.dispose();
      }
    });
  });
});
