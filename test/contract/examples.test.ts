import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/assets';

interface CliFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly resource: string;
  readonly fix?: { readonly safety: string };
}

const examplesDir = path.join(repoRoot, 'examples');

/** One finding as the contract states it: `file:line rule resource severity`, file relative to examples/. */
function key(file: string, line: number, rule: string, resource: string, severity: string): string {
  return `${file}:${line} ${rule} ${resource} ${severity}`;
}

/**
 * The rows of the "Intended findings" table of examples/README.md. Each row is
 * `| \`file\` | line | \`rule\` | \`resource\` | severity | what is wrong |`.
 */
function intendedFindings(readme: string): string[] {
  const section = /^## Intended findings$([\s\S]*?)(?=^## )/m.exec(readme);
  assert.ok(section, 'examples/README.md has an "## Intended findings" section');
  const rows = section[1]!.split('\n').filter((line) => line.startsWith('| `'));
  return rows.map((row) => {
    const cells = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const [file, line, rule, resource, severity] = cells.map((cell) => cell.replace(/^`|`$/g, ''));
    assert.ok(file && line && /^\d+$/.test(line) && rule && resource && severity, `malformed row in examples/README.md: ${row}`);
    return key(file, Number(line), rule, resource, severity);
  });
}

/** The examples contract: the table in examples/README.md is exactly what the bundled CLI reports. */
describe('examples/README.md lists exactly the findings of `hciac scan examples`', function () {
  this.timeout(60000);

  const scan = (): CliFinding[] => {
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli', 'hciac.js'), 'scan', 'examples', '--format', 'json', '--fail-on', 'none'], { cwd: repoRoot, encoding: 'utf8' });
    return (JSON.parse(out) as { findings: CliFinding[] }).findings;
  };

  it('every finding in the examples can be fixed in one step (a safe or review quick fix)', () => {
    const findings = scan();
    assert.ok(findings.length > 0);
    const unfixable = findings.filter((f) => f.fix === undefined).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    assert.deepEqual(unfixable, [], 'findings of examples/ without a quick fix');
  });

  it('every intended finding is reported, and nothing else', () => {
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'dist', 'cli', 'hciac.js'), 'scan', 'examples', '--format', 'json', '--fail-on', 'none'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const reported = (JSON.parse(out) as { findings: CliFinding[] }).findings.map((f) =>
      key(path.relative(examplesDir, path.join(repoRoot, f.file)).split(path.sep).join('/'), f.line, f.ruleId, f.resource, f.severity),
    );
    const intended = intendedFindings(readFileSync(path.join(examplesDir, 'README.md'), 'utf8'));
    assert.ok(intended.length > 0, 'the table lists the intentional findings');
    assert.deepEqual(
      [...reported].sort(),
      [...intended].sort(),
      'regenerate the "Intended findings" table of examples/README.md from `node dist/cli/hciac.js scan examples --format json --fail-on none`, after checking each new finding is a true positive',
    );
  });
});
