// Bundles the extension client, the language server and the CLI with esbuild, and copies the
// vendored wasm files (grammars/) next to the server and CLI bundles once each.
// Usage: node scripts/esbuild.mjs [--production] [--watch]
import { context } from 'esbuild';
import { copyFile, mkdir, readdir, chmod, readFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const { version } = JSON.parse(await readFile('package.json', 'utf8'));
const watch = process.argv.includes('--watch');

/** The server and the CLI both load dist/wasm/*.wasm; one copy serves both. */
const copyWasm = {
  name: 'copy-wasm',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      await mkdir('dist/wasm', { recursive: true });
      for (const file of (await readdir('grammars')).filter((f) => f.endsWith('.wasm'))) {
        await copyFile(`grammars/${file}`, `dist/wasm/${file}`);
      }
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  // web-tree-sitter's ESM entry needs import.meta.url, which is empty in a CJS bundle: use its CJS build.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  legalComments: 'none',
  define: { HCIAC_VERSION: JSON.stringify(version) },
};

const contexts = await Promise.all([
  context({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] }),
  context({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server/server.js', plugins: [copyWasm] }),
  context({ ...common, entryPoints: ['cli/hciac.ts'], outfile: 'dist/cli/hciac.js', banner: { js: '#!/usr/bin/env node' } }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  await chmod('dist/cli/hciac.js', 0o755);
  console.log(`built dist/ (${production ? 'production' : 'development'})`);
}
