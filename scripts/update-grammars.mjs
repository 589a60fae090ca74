// Refreshes the vendored tree-sitter wasm files in grammars/ from their npm packages and rewrites
// grammars/manifest.json (source package, version, sha256, license). Uses `npm pack`, so no
// native install script of the grammar packages ever runs. Usage: node scripts/update-grammars.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sources = [
  { file: 'web-tree-sitter.wasm', package: 'web-tree-sitter', version: '0.27.1', path: 'web-tree-sitter.wasm', role: 'runtime' },
  { file: 'tree-sitter-terraform.wasm', package: '@tree-sitter-grammars/tree-sitter-hcl', version: '1.2.0', path: 'tree-sitter-terraform.wasm', role: 'grammar' },
  { file: 'tree-sitter-yaml.wasm', package: '@tree-sitter-grammars/tree-sitter-yaml', version: '0.7.1', path: 'tree-sitter-yaml.wasm', role: 'grammar' },
];

const work = mkdtempSync(join(tmpdir(), 'hciac-grammars-'));
try {
  const entries = [];
  for (const source of sources) {
    const tarball = execFileSync('npm', ['pack', `${source.package}@${source.version}`, '--silent'], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
    const dir = join(work, source.file + '.d');
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('tar', ['xzf', join(work, tarball), '-C', dir]);
    const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8'));
    copyFileSync(join(dir, 'package', source.path), join('grammars', source.file));
    copyFileSync(join(dir, 'package', 'LICENSE'), join('grammars', 'LICENSES', `${source.package.split('/').pop()}.LICENSE`));
    const sha256 = createHash('sha256').update(readFileSync(join('grammars', source.file))).digest('hex');
    entries.push({ file: source.file, role: source.role, package: source.package, version: pkg.version, sha256, license: pkg.license });
  }
  writeFileSync('grammars/manifest.json', JSON.stringify({ files: entries }, null, 2) + '\n');
  console.log(`updated ${entries.length} wasm files in grammars/`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
