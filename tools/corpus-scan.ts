/**
 * `npm run corpus`: robustness on real code. Scans ../shared/corpus (real Terraform modules and
 * Kubernetes manifests from public repositories) with the same engine as the editor and the CLI, and
 * reports crashes (rules that threw), files with syntax errors, findings inside erroneous blocks
 * (must be zero), and the rules ranked by finding count.
 *
 * Usage: node out/tools/corpus-scan.js [--samples <rule-id>] [path]
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { defaultSettings } from '../common/settings';
import { LineIndex } from '../server/src/model/line-index';
import { Grammars } from '../server/src/parsing/grammars';
import { scanProject } from '../server/src/workspace/project-scan';

const repoRoot = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sampleRule = args.includes('--samples') ? args[args.indexOf('--samples') + 1] : undefined;
  const target = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--samples') ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
  if (!existsSync(target)) {
    console.log(`corpus: skipped — ${target} not found (the corpus is project material beside the checkout, not part of it)`);
    return;
  }
  const grammars = await Grammars.load({ wasmDir: path.join(repoRoot, 'grammars') });
  const crashes: string[] = [];
  const started = process.hrtime.bigint();
  const scan = await scanProject([target], grammars, { ...defaultSettings, maxFiles: 100000, maxFileSize: 16 * 1024 * 1024 }, (ruleId, error) => {
    crashes.push(`${ruleId}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const byRule = new Map<string, number>();
  let files = 0;
  let withErrors = 0;
  let findingsInErrors = 0;
  let notes = 0;
  let kubernetes = 0;
  let terraform = 0;
  const samples: string[] = [];
  for (const uri of scan.uris) {
    const source = scan.index.get(uri);
    if (source === undefined) continue;
    files++;
    if (source.model.kind === 'terraform') terraform++;
    if (source.model.kind === 'kubernetes') kubernetes++;
    const analysis = scan.index.analysis(uri);
    notes += analysis.notes.length;
    const erroneous = source.model.kind === 'none' ? [] : source.model.kind === 'terraform' ? source.model.file.blocks.filter((b) => b.hasErrors).map((b) => b.span) : source.model.file.objects.filter((o) => o.hasErrors).map((o) => o.span);
    if (source.model.kind !== 'none' && source.model.file.hasErrors) withErrors++;
    const lines = new LineIndex(source.text);
    for (const f of analysis.findings) {
      byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
      if (erroneous.some((s) => s.start <= f.span.start && f.span.end <= s.end)) findingsInErrors++;
      if (f.ruleId === sampleRule && samples.length < 40) {
        samples.push(`${path.relative(target, URI.parse(uri).fsPath)}:${lines.positionAt(f.span.start).line + 1}  ${f.message}`);
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`corpus: ${files} files (${terraform} Terraform, ${kubernetes} Kubernetes) in ${seconds.toFixed(1)} s`);
  console.log(`rule crashes: ${crashes.length}`);
  for (const c of crashes.slice(0, 20)) console.log(`  ${c}`);
  console.log(`files with syntax errors: ${withErrors}; findings inside erroneous blocks: ${findingsInErrors}; notes (not analysed): ${notes}`);
  console.log('\nfindings by rule:');
  for (const [rule, count] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(5)}  ${rule}`);
  if (sampleRule !== undefined) {
    console.log(`\nsamples of ${sampleRule}:`);
    for (const s of samples) console.log(`  ${s}`);
  }
  if (crashes.length > 0 || findingsInErrors > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
