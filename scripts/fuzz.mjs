// `npm run fuzz [-- --long | --edits N] [--seed S]`: the protocol fuzz test (test/protocol/fuzz.test.ts)
// with a chosen size and seed. The default run (20,000 edits) is part of `npm test`; --long is 250,000.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const valueOf = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const known = new Set(['--long', '--edits', '--seed']);
const unknown = args.filter((a, i) => a.startsWith('--') && !known.has(a) && !known.has(args[i - 1] ?? ''));
if (unknown.length > 0) {
  console.error(`fuzz: unknown option ${unknown.join(' ')} (use --long, --edits N, --seed S)`);
  process.exit(2);
}
const edits = valueOf('--edits') ?? (args.includes('--long') ? '250000' : process.env.HCIAC_FUZZ_EDITS ?? '20000');
const seed = valueOf('--seed') ?? process.env.HCIAC_FUZZ_SEED;
const env = { ...process.env, HCIAC_FUZZ_EDITS: edits, ...(seed !== undefined ? { HCIAC_FUZZ_SEED: seed } : {}) };
const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const result = spawnSync(
  process.execPath,
  [mocha, '--no-config', '--require', 'out/test/harness/root-hooks.js', '--reporter', './scripts/mocha-summary-reporter.cjs', 'out/test/protocol/fuzz.test.js'],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
