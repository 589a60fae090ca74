import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expandSnippet, readSnippetFile } from './snippet-file';

/** The expansion the snippet tests rely on: what VS Code inserts when every default is kept. */
describe('snippet expansion (VS Code snippet parser)', () => {
  const cases: readonly { name: string; body: string; expanded: string; stops?: readonly [number, string][]; textOrder?: readonly number[]; variables?: readonly string[] }[] = [
    { name: 'plain text', body: 'resource "aws_s3_bucket" "b" {}', expanded: 'resource "aws_s3_bucket" "b" {}' },
    { name: 'tab stop without default', body: 'a $1 b', expanded: 'a  b', stops: [[1, ''], [0, '']] },
    { name: 'placeholder default', body: 'name = "${1:phi}"', expanded: 'name = "phi"', stops: [[1, 'phi'], [0, '']] },
    { name: 'mirrors take the default of the first occurrence', body: '${1:phi} $1 ${1}_key', expanded: 'phi phi phi_key', stops: [[1, 'phi'], [0, '']] },
    { name: 'nested placeholder with a mirror inside', body: '${1:phi} = ${2:var.${1}_kms_key_arn}', expanded: 'phi = var.phi_kms_key_arn', stops: [[1, 'phi'], [2, 'var.phi_kms_key_arn'], [0, '']], textOrder: [1, 2, 0] },
    { name: 'mirror of a placeholder that nests another', body: '${2:var.${1:x}_arn} $2', expanded: 'var.x_arn var.x_arn', stops: [[1, 'x'], [2, 'var.x_arn'], [0, '']], textOrder: [2, 1, 0] },
    { name: 'choice: the first option', body: 'engine_version = "${1|16,17,15|}"', expanded: 'engine_version = "16"', stops: [[1, '16'], [0, '']] },
    { name: 'escapes \\$ \\} \\\\', body: '"\\${aws_s3_bucket.x.arn}/*" ${1:a\\}b} c\\\\d', expanded: '"${aws_s3_bucket.x.arn}/*" a}b c\\d', stops: [[1, 'a}b'], [0, '']] },
    { name: 'a lone $ before a non-name stays text', body: 'cost $ 5', expanded: 'cost $ 5' },
    { name: 'explicit final tab stop', body: 'a ${1:x}$0 b', expanded: 'a x b', stops: [[1, 'x'], [0, '']] },
    { name: 'variables: unresolved ones expand to their default or nothing', body: '$TM_FILENAME ${UUID:id} x', expanded: ' id x', variables: ['TM_FILENAME', 'UUID'] },
    { name: 'unclosed placeholder stays literal text', body: 'a ${1:b', expanded: 'a ${1:b' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = expandSnippet(c.body);
      assert.equal(result.expanded, c.expanded);
      if (c.stops !== undefined) assert.deepEqual(result.tabStops.map((t) => [t.index, t.defaultText]), c.stops);
      if (c.textOrder !== undefined) assert.deepEqual(result.textOrder, c.textOrder);
      assert.deepEqual(result.variables, c.variables ?? []);
    });
  }

  it('lists the options of a choice', () => {
    assert.deepEqual(expandSnippet('${1|minAvailable,maxUnavailable|}').tabStops[0]?.choices, ['minAvailable', 'maxUnavailable']);
  });

  describe('readSnippetFile', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'hciac-snippets-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    function write(json: unknown): string {
      const file = path.join(dir, 'test.code-snippets');
      writeFileSync(file, JSON.stringify(json));
      return file;
    }

    it('joins an array body with newlines and keeps name, prefix and description', () => {
      const [snippet] = readSnippetFile(write({ Bucket: { prefix: 'hciac-b', description: 'd', body: ['a ${1:x}', 'b $1'] } }));
      assert.deepEqual({ name: snippet!.name, prefix: snippet!.prefix, description: snippet!.description, body: snippet!.body, expanded: snippet!.expanded }, {
        name: 'Bucket',
        prefix: 'hciac-b',
        description: 'd',
        body: 'a ${1:x}\nb $1',
        expanded: 'a x\nb x',
      });
    });

    it('names the entry that is malformed', () => {
      assert.throws(() => readSnippetFile(write({ Broken: { prefix: 'hciac-b', description: 'd' } })), /entry "Broken" needs a body/);
      assert.throws(() => readSnippetFile(write({ Broken: { prefix: ['a', 'b'], description: 'd', body: 'x' } })), /entry "Broken" needs one string prefix/);
      assert.throws(() => readSnippetFile(write([])), /JSON object of entries/);
    });
  });
});
