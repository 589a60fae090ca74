import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../server/src/rules';
import { repoRoot } from '../harness/assets';

/**
 * What the .vsix ships (`vsce ls --no-dependencies`, the same file list `npm run package` packs):
 * the bundles, the three wasm files, snippets, rule pages, README, LICENSE and third-party notices;
 * no sources, tests, source maps or node_modules. Everything is bundled, so package.json declares
 * no runtime dependency (and `npm audit --omit=dev` has nothing to report). The packed file stays
 * under 5 MB.
 */

const MAX_VSIX_BYTES = 5 * 1024 * 1024;
const vsix = path.join(repoRoot, 'dist', 'healthcare-iac-compliance.vsix');

interface Manifest {
  readonly main: string;
  readonly dependencies?: Record<string, string>;
  readonly contributes?: { readonly snippets?: readonly { readonly path: string }[] };
}

describe('contract: package contents (.vsix)', function () {
  this.timeout(60_000);
  let files: string[];
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;

  before(() => {
    const vsce = require.resolve('@vscode/vsce/vsce', { paths: [repoRoot] });
    files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  });

  it('ships the bundles, the runtime and grammar wasm, snippets, rule pages and the legal files', () => {
    const required = [
      'package.json',
      manifest.main.replace(/^\.\//, ''),
      'dist/server/server.js',
      'dist/wasm/web-tree-sitter.wasm',
      'dist/wasm/tree-sitter-terraform.wasm',
      'dist/wasm/tree-sitter-yaml.wasm',
      'README.md',
      'LICENSE',
      'ThirdPartyNotices.txt',
      ...(manifest.contributes?.snippets ?? []).map((s) => s.path.replace(/^\.\//, '')),
      ...allRules.map((r) => `docs/rules/${r.id}.md`),
    ];
    const missing = required.filter((f) => !files.includes(f));
    assert.deepEqual(missing, [], 'every required file is packed');
  });

  it('ships no sources, tests, source maps or node_modules', () => {
    const forbidden = files.filter(
      (f) =>
        /\.(ts|tsx|map|mjs|cjs)$/.test(f) ||
        /(^|\/)node_modules\//.test(f) ||
        /^(server|client|cli|common|test|out|tools|bench|scripts|examples|\.ci|\.github)\//.test(f) ||
        /^(tsconfig.*\.json|package-lock\.json|\.vscodeignore|ARCHITECTURE\.md)$/.test(f),
    );
    assert.deepEqual(forbidden, []);
  });

  it('declares no runtime dependency: everything the extension runs is bundled', () => {
    assert.deepEqual(manifest.dependencies ?? {}, {});
  });

  it(`the .vsix built by npm run package is under ${MAX_VSIX_BYTES / 1024 / 1024} MB`, function () {
    if (!existsSync(vsix)) {
      console.log(`      skipped: ${path.relative(repoRoot, vsix)} is not built here (npm run package)`);
      this.skip();
    }
    const size = statSync(vsix).size;
    assert.ok(size < MAX_VSIX_BYTES, `${(size / 1024 / 1024).toFixed(2)} MB`);
  });
});
