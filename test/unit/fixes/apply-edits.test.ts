import { strict as assert } from 'node:assert';
import { applyEdits, composeEdits, type TextChange } from '../../../server/src/fixes/apply-edits';

const at = (start: number, end: number, newText: string): TextChange => ({ span: { start, end }, newText });

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Non-overlapping random edits of a text of `length` characters (insertions, deletions, replacements). */
function randomEdits(next: () => number, length: number): TextChange[] {
  const edits: TextChange[] = [];
  let pos = 0;
  while (pos <= length) {
    pos += Math.floor(next() * 6);
    if (pos > length) break;
    const end = Math.min(length, pos + Math.floor(next() * 4));
    edits.push(at(pos, end, 'xyz'.slice(0, Math.floor(next() * 4))));
    pos = end + 1;
  }
  return edits;
}

describe('applyEdits and composeEdits', () => {
  it('insertions at one offset appear in array order (as LSP specifies)', () => {
    assert.equal(applyEdits('ab', [at(1, 1, 'X'), at(1, 1, 'Y')]), 'aXYb');
    assert.equal(applyEdits('ab', [at(1, 1, 'X'), at(0, 1, 'A'), at(1, 1, 'Y')]), 'AXYb');
  });

  it('of overlapping edits the later-starting one is kept', () => {
    assert.equal(applyEdits('abcdef', [at(1, 4, 'X'), at(3, 5, 'Y')]), 'abcYf');
  });

  it('composes a second round of edits into edits of the original text', () => {
    const original = 'resource "x" "y" {\n}\n';
    const first = [at(19, 19, '  a = 1\n')];
    const middle = applyEdits(original, first);
    // Inside the text the first round wrote, and in untouched text after it.
    const second = [at(25, 26, '2'), at(middle.length, middle.length, '# end\n')];
    const composed = composeEdits(original, first, second);
    assert.equal(applyEdits(original, composed), applyEdits(middle, second));
    assert.deepEqual(composed, [at(19, 19, '  a = 2\n'), at(21, 21, '# end\n')]);
  });

  it('composition equals sequential application (2,000 random cases)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const original = 'abcdefghijklmnopqrstuvwxyz'.slice(0, 5 + Math.floor(next() * 20));
      const base = randomEdits(next, original.length);
      const middle = applyEdits(original, base);
      const second = randomEdits(next, middle.length);
      const composed = composeEdits(original, base, second);
      assert.equal(applyEdits(original, composed), applyEdits(middle, second), `seed ${seed}`);
      for (let i = 1; i < composed.length; i++) assert.ok(composed[i - 1]!.span.end <= composed[i]!.span.start, `seed ${seed}: composed edits do not overlap`);
    }
  });
});
