import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { isScanWorkerData, serveScanPool, type ScanWorkerData } from '../server/src/workspace/parallel-scan';
import { runEvidence } from './commands/evidence';
import { runRules } from './commands/rules';
import { EXIT, runScan } from './commands/scan';
import { unitRunner, UsageError, type ScanSetup } from './project';
import { toolVersion } from './report';
import { tuneForBatchRun } from './batch-tuning';

const USAGE = `hciac — Healthcare IaC Compliance (offline; nothing leaves this machine)

Usage:
  hciac scan [paths…] [--format text|json|sarif|junit|markdown] [--output FILE]
             [--fail-on critical|high|medium|low|none] [--framework ID]… [--config FILE]
             [--today YYYY-MM-DD] [--jobs N] [--stats]
  hciac evidence [paths…] [--output-dir DIR | --format markdown|json|sarif [--output FILE]]
             [--fail-on …] [--framework ID]… [--config FILE] [--today YYYY-MM-DD] [--jobs N]
  hciac rules [--format text|json]
  hciac --version | --help

scan      Analyse Terraform (.tf, .tfvars) and Kubernetes YAML under the paths (default: .).
evidence  Write the compliance evidence (Markdown, JSON, SARIF; default folder: hciac-evidence):
          tool and rule-set version, Git commit and whether the files equal it, per-control
          status with evidence locations, findings, suppressions with reasons and expiries.
rules     List the rules with their metadata and controls.

--config FILE     The repository configuration for every path (default: each directory's own
                  .hciac.yaml; for file arguments, the one in the current directory).
--framework ID    Report and check these frameworks only (hipaa, hitrust, soc2, nist-800-53,
                  cis-kubernetes, nsa-cisa-kubernetes); repeat or separate with commas.
--today DATE      Judge suppression expiries as of this day (default: today, UTC).
--jobs N          Load and analyse on N threads (default: the number of CPU cores).

Exit codes: 0 no finding at or above --fail-on (default: high for scan, none for evidence);
            1 findings at or above it (suppressed findings do not count);
            2 usage error, unreadable input, or errors in a .hciac.yaml.`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      framework: { type: 'string', multiple: true },
      config: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'output-dir': { type: 'string' },
      today: { type: 'string' },
      stats: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.version) {
    process.stdout.write(`${toolVersion}\n`);
    return EXIT.ok;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE + '\n');
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const wasmDir = path.join(__dirname, '..', 'wasm');
  const docsDir = path.join(__dirname, '..', '..', 'docs', 'rules');
  const common = {
    paths: rest.length > 0 ? rest : ['.'],
    configPath: values.config,
    frameworks: values.framework ?? [],
    today: values.today,
    wasmDir,
    docsDir,
    jobs: jobsOf(values.jobs),
    // Scan workers start this very script (the bundle), which then serves the scan below.
    workerScript: __filename,
    output: values.output,
  };
  switch (command) {
    case 'scan':
      return runScan({ ...common, format: values.format ?? 'text', failOn: values['fail-on'] ?? 'high', stats: values.stats === true });
    case 'evidence':
      return runEvidence({ ...common, format: values.format, failOn: values['fail-on'] ?? 'none', outputDir: values['output-dir'] ?? 'hciac-evidence' });
    case 'rules':
      return runRules({ format: values.format ?? 'text' });
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

function jobsOf(value: string | undefined): number {
  if (value === undefined) return Math.max(1, availableParallelism());
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError('--jobs takes a whole number from 1 to 64');
  return jobs;
}

if (!isMainThread && isScanWorkerData(workerData)) {
  void serveScanPool(workerData as ScanWorkerData<ScanSetup>, parentPort!, unitRunner);
} else {
  tuneForBatchRun();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Usage errors, unreadable input and internal failures alike: no verdict was reached.
      process.stderr.write(`hciac: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
