import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Grammars, type GrammarId } from '../../server/src/parsing/grammars';
import { repoRoot, wasmDir } from '../harness/assets';

/**
 * The vendored wasm files are what grammars/manifest.json says they are: same bytes, a license
 * shipped with each, a runtime that matches the installed web-tree-sitter JS, and grammars that
 * load and parse.
 */

interface ManifestEntry {
  readonly file: string;
  readonly role: 'runtime' | 'grammar';
  readonly package: string;
  readonly version: string;
  readonly sha256: string;
  readonly license: string;
}

const manifest = JSON.parse(readFileSync(path.join(wasmDir, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] };

/** A tiny, valid input per grammar, keyed by the wasm file the grammar is loaded from. */
const samples: Readonly<Record<string, { id: GrammarId; text: string }>> = {
  'tree-sitter-terraform.wasm': {
    id: 'terraform',
    text: 'variable "encrypted" {\n  type    = bool\n  default = true\n}\n\nresource "aws_db_instance" "db" {\n  storage_encrypted = var.encrypted\n  tags              = { Name = "db-${var.env}" }\n}\n',
  },
  'tree-sitter-yaml.wasm': {
    id: 'yaml',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n  key: "value"\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: busybox:1.36\n',
  },
};

/** How the license text of each declared license starts or reads. */
const licenseMarkers: Readonly<Record<string, RegExp>> = {
  MIT: /Permission is hereby granted, free of charge/,
  'Apache-2.0': /Apache License\s+Version 2\.0/,
};

describe('vendored grammars (grammars/manifest.json)', () => {
  it('lists one runtime and the grammars the server loads', () => {
    assert.deepEqual(manifest.files.filter((f) => f.role === 'runtime').map((f) => f.file), ['web-tree-sitter.wasm']);
    assert.deepEqual(manifest.files.filter((f) => f.role === 'grammar').map((f) => f.file).sort(), Object.keys(samples).sort());
  });

  for (const entry of manifest.files) {
    it(`${entry.file}: sha256 matches the manifest`, () => {
      const file = path.join(wasmDir, entry.file);
      assert.ok(existsSync(file), `missing grammars/${entry.file}`);
      const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
      assert.equal(sha256, entry.sha256, `grammars/${entry.file} differs from the manifest: run node scripts/update-grammars.mjs`);
    });

    it(`${entry.file}: ships the ${entry.license} license of ${entry.package}`, () => {
      const license = path.join(wasmDir, 'LICENSES', `${entry.package.split('/').pop()}.LICENSE`);
      assert.ok(existsSync(license), `missing ${path.relative(repoRoot, license)}`);
      const marker = licenseMarkers[entry.license];
      assert.ok(marker !== undefined, `no license text check for ${entry.license}`);
      assert.match(readFileSync(license, 'utf8'), marker);
    });
  }

  it('the runtime wasm matches the installed web-tree-sitter JS', () => {
    const runtime = manifest.files.find((f) => f.role === 'runtime')!;
    const installed = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'web-tree-sitter', 'package.json'), 'utf8')) as { version: string };
    assert.equal(installed.version, runtime.version, 'node_modules/web-tree-sitter must be the version the vendored web-tree-sitter.wasm came from');
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
    assert.equal(pkg.devDependencies?.['web-tree-sitter'], runtime.version, 'package.json must pin web-tree-sitter exactly to the vendored runtime version');
  });

  describe('Grammars.load', () => {
    let grammars: Grammars | undefined;
    before(async () => {
      grammars = await Grammars.load({ wasmDir });
    });
    after(() => grammars?.dispose());

    for (const [file, sample] of Object.entries(samples)) {
      it(`${file} loads and parses a small ${sample.id} file without error nodes`, () => {
        const tree = grammars!.parser(sample.id).parse(sample.text);
        assert.ok(tree, 'the parser returned no tree');
        try {
          assert.equal(tree.rootNode.hasError, false, `error or missing nodes in ${tree.rootNode.toString()}`);
          assert.ok(tree.rootNode.namedChildCount > 0, 'the tree is not empty');
        } finally {
          tree.delete();
        }
      });
    }
  });
});
