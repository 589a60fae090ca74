import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Parser } from 'web-tree-sitter';
import { YAML_MAX_BLOCK_DEPTH, YAML_MAX_ROWS, yamlBlockNestingExceeds, yamlReadableLength } from '../../../server/src/parsing/parser-limits';
import { grammars, repoRoot, wasmDir } from '../../harness/assets';

const corruptParsers: Parser[] = [];

/** Shapes of deep YAML block nesting, `depth` levels each. */
const SHAPES: Readonly<Record<string, (depth: number) => string>> = {
  'compact sequences': (d) => `x:\n  ${'- '.repeat(d)}leaf\n`,
  'indented mappings': (d) => `${Array.from({ length: d }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} leaf\n`,
  'sequences of mappings': (d) => `${Array.from({ length: d }, (_, i) => `${' '.repeat(2 * i)}- k${i}:`).join('\n')} leaf\n`,
  'sequences at the key indentation': (d) => `${Array.from({ length: d }, (_, i) => `${' '.repeat(i)}k${i}:\n${' '.repeat(i)}-`).join('\n')} leaf\n`,
  'CR line breaks': (d) => `${Array.from({ length: d }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\r')} leaf\r`,
  'mixed line breaks': (d) => `${Array.from({ length: d }, (_, i) => `${' '.repeat(i)}k${i}:`).map((line, i) => line + ['\n', '\r\n', '\r'][i % 3]).join('')} leaf\n`,
};

describe('parser limits (what the vendored grammars cannot take)', () => {
  describe('YAML block nesting', () => {
    it('real manifests are far below the limit', () => {
      assert.equal(yamlBlockNestingExceeds('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - {name: X, value: "1"}\n'), false);
      for (const [name, shape] of Object.entries(SHAPES)) assert.equal(yamlBlockNestingExceeds(shape(30)), false, name);
    });

    it(`is exceeded above ${YAML_MAX_BLOCK_DEPTH} levels, for every shape`, () => {
      for (const [name, shape] of Object.entries(SHAPES)) assert.equal(yamlBlockNestingExceeds(shape(YAML_MAX_BLOCK_DEPTH + 1)), true, name);
    });

    it('is an upper bound: whatever it lets through, the scanner parses without trapping', async () => {
      const language = (await grammars()).language('yaml');
      let checked = 0;
      for (const [name, shape] of Object.entries(SHAPES)) {
        for (let depth = 150; depth <= 270; depth += 2) {
          const text = shape(depth);
          if (yamlBlockNestingExceeds(text)) continue;
          // A parser of its own: one that traps is corrupt and must never be reused nor freed.
          const parser = new Parser();
          parser.setLanguage(language);
          try {
            parser.parse(text)?.delete();
          } catch (error) {
            corruptParsers.push(parser); // kept reachable: its finalizer would trap again
            assert.fail(`${name}, depth ${depth}: the check let through an input that traps the scanner (${String(error)})`);
          }
          parser.delete();
          checked++;
        }
      }
      assert.ok(checked > 0, 'some inputs near the limit were parsed');
    });
  });

  describe('YAML line count', () => {
    it('a text within the row limit is readable in full', () => {
      const text = 'a: 1\n'.repeat(YAML_MAX_ROWS - 1);
      assert.equal(yamlReadableLength(text), text.length);
    });

    it('past the limit, only the documents before the last boundary before it are readable', () => {
      const head = 'apiVersion: v1\nkind: Pod\n---\n';
      const text = `${head}${'a: 1\n'.repeat(YAML_MAX_ROWS + 10)}---\nkind: Tail\n`;
      assert.equal(yamlReadableLength(text), head.length - '---\n'.length);
    });

    it('counts CR and LF each, as the scanner does: a CRLF file reaches the limit at half the lines', () => {
      const lines = Math.ceil(YAML_MAX_ROWS / 2) + 10;
      const text = `x: 1\r\n---\r\n${'a: 1\r\n'.repeat(lines)}`;
      assert.equal(yamlReadableLength(text), 'x: 1\r\n'.length);
      assert.equal(yamlReadableLength(text.replace(/\r\n/g, '\n')), text.replace(/\r\n/g, '\n').length);
    });

    it('counts mixed line breaks (LF, CR, CRLF) up to the exact line break where the limit falls', () => {
      const head = 'kind: A\r\n---\r';
      const headRows = 3;
      // One row of each break kind per three lines, a CRLF counting two: 4 rows per 3 lines.
      const filler = (rows: number): string => {
        let out = '';
        for (let i = 0; rows > 0; i++) {
          const lineBreak = ['\n', '\r', '\r\n'][i % 3]!;
          if (lineBreak.length > rows) {
            out += 'x: 1\n';
            rows -= 1;
          } else {
            out += `x: 1${lineBreak}`;
            rows -= lineBreak.length;
          }
        }
        return out;
      };
      const tail = `---\n${'y: 2\r'.repeat(20)}`;
      // The marker's own line break is the limit's: the marker line starts before it, so it is the cut.
      const justBefore = head + filler(YAML_MAX_ROWS - 1 - headRows) + tail;
      assert.equal(yamlReadableLength(justBefore), justBefore.indexOf('---\n', head.length));
      // One row more: the limit falls before the marker, the cut is the earlier one.
      const justAfter = head + filler(YAML_MAX_ROWS - headRows) + tail;
      assert.equal(yamlReadableLength(justAfter), head.indexOf('---'));
    });

    it('is 0 when no document boundary precedes the limit', () => {
      assert.equal(yamlReadableLength('a: 1\n'.repeat(YAML_MAX_ROWS + 1)), 0);
    });
  });

  describe('a parser that traps', () => {
    it('is abandoned: the next parse gets a new parser, and the abandoned one is never freed (freeing it would trap outside any try and end the process)', () => {
      const script = [
        `const { Grammars } = require(${JSON.stringify(path.join(repoRoot, 'out', 'server', 'src', 'parsing', 'grammars.js'))});`,
        '(async () => {',
        `  const g = await Grammars.load({ wasmDir: ${JSON.stringify(wasmDir)} });`,
        `  let trapped = false;`,
        `  try { g.parse('yaml', ${JSON.stringify(SHAPES['compact sequences']!(300))}); } catch (e) { trapped = e.name === 'RuntimeError'; }`,
        "  const after = g.parse('yaml', 'a: [1, 2]\\n');",
        '  const healthy = !after.rootNode.hasError;',
        '  after.delete();',
        '  for (let i = 0; i < 5; i++) { global.gc(); await new Promise((r) => setTimeout(r, 20)); }',
        "  console.log(JSON.stringify({ trapped, healthy }));",
        '})();',
      ].join('\n');
      const run = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(JSON.parse(run.stdout), { trapped: true, healthy: true });
    });
  });
});
