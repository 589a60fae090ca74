import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../../server/src/model/line-index';

/** Offsets LSP can address: every offset except the one between the \r and \n of a \r\n. */
function addressable(text: string): number[] {
  const out: number[] = [];
  for (let o = 0; o <= text.length; o++) if (!(text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10)) out.push(o);
  return out;
}

describe('LineIndex', () => {
  it('maps offsets to positions with \\n line breaks', () => {
    const index = new LineIndex('ab\ncd\n\nx');
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(7), { line: 3, character: 0 });
    assert.deepEqual(index.positionAt(8), { line: 3, character: 1 });
    assert.equal(index.offsetAt({ line: 1, character: 1 }), 4);
    assert.equal(index.lineStart(3), 7);
  });

  it('treats \\r\\n as one line break', () => {
    const index = new LineIndex('ab\r\ncd\r\n');
    assert.equal(index.lineCount, 3);
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(8), { line: 2, character: 0 });
    assert.equal(index.offsetAt({ line: 1, character: 0 }), 4);
    assert.equal(index.offsetAt({ line: 2, character: 0 }), 8);
  });

  it('treats a lone \\r as a line break (as LSP does)', () => {
    const index = new LineIndex('a\rb\r\rc');
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.positionAt(2), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(5), { line: 3, character: 0 });
    assert.equal(index.offsetAt({ line: 3, character: 1 }), 6);
  });

  it('counts UTF-16 code units: a surrogate pair is two characters', () => {
    const text = 'é😀x\n😀';
    const index = new LineIndex(text);
    assert.deepEqual(index.positionAt(text.indexOf('x')), { line: 0, character: 3 });
    assert.deepEqual(index.positionAt(text.length), { line: 1, character: 2 });
    // a position between the halves of a pair is representable and round-trips
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.equal(index.offsetAt({ line: 0, character: 2 }), 2);
    assert.equal(index.offsetAt({ line: 1, character: 2 }), text.length);
  });

  it('clamps out-of-range offsets and positions like vscode-languageserver-textdocument', () => {
    const text = 'ab\r\ncd\ne\rf';
    const index = new LineIndex(text);
    const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
    assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(999), doc.positionAt(999));
    // a character past the end of a line means the end of that line, before its line break
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(index.offsetAt({ line: 1, character: 99 }), 6);
    assert.equal(index.offsetAt({ line: 2, character: 99 }), 8);
    assert.equal(index.offsetAt({ line: 3, character: 99 }), text.length);
    assert.equal(index.offsetAt({ line: 99, character: 0 }), text.length);
    assert.equal(index.offsetAt({ line: -1, character: 3 }), 0);
    assert.equal(index.offsetAt({ line: 1, character: -1 }), 4);
    // the offset between \r and \n is not addressable: it maps to the end of the line
    assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
    for (const p of [{ line: 0, character: 99 }, { line: 1, character: 99 }, { line: 2, character: 99 }, { line: 99, character: 0 }, { line: 1, character: -1 }]) {
      assert.equal(index.offsetAt(p), doc.offsetAt(p), JSON.stringify(p));
    }
  });

  it('round-trips every offset and agrees with TextDocument on mixed line breaks and surrogates', () => {
    const texts = [
      '',
      '\n',
      '\r\n',
      '\r',
      '\r\r\n\n',
      'a\r\nb\nc\rd',
      '😀\r\n😀\r😀\n😀',
      'resource "é😀" {\r\n  x = "ñ"\r\n}\r\n',
      'key: 😀\n\r\n\r  - é\r\n',
    ];
    // plus pseudo-random mixtures (fixed seed)
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = ['a', 'é', '😀', '\n', '\r\n', '\r', ' ', 'xy'];
    for (let t = 0; t < 40; t++) {
      let s = '';
      const n = Math.floor(next() * 30);
      for (let i = 0; i < n; i++) s += pieces[Math.floor(next() * pieces.length)]!;
      texts.push(s);
    }
    for (const text of texts) {
      const index = new LineIndex(text);
      const doc = TextDocument.create('file:///x', 'plaintext', 1, text);
      assert.equal(index.lineCount, doc.lineCount, JSON.stringify(text));
      for (let o = 0; o <= text.length; o++) {
        assert.deepEqual(index.positionAt(o), doc.positionAt(o), `positionAt(${o}) in ${JSON.stringify(text)}`);
      }
      for (const o of addressable(text)) {
        const p = index.positionAt(o);
        assert.equal(index.offsetAt(p), o, `round trip of ${o} in ${JSON.stringify(text)}`);
        assert.deepEqual(index.positionAt(index.offsetAt(p)), p);
        assert.equal(index.lineStart(p.line), o - p.character);
      }
      for (let line = 0; line < index.lineCount + 1; line++) {
        for (let character = 0; character < 6; character++) {
          assert.equal(index.offsetAt({ line, character }), doc.offsetAt({ line, character }), `offsetAt(${line}:${character}) in ${JSON.stringify(text)}`);
        }
      }
    }
  });
});
