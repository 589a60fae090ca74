import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runParseWorker, type ParseWorkerData } from '../server/src/workspace/parallel-parse';
import { runRules } from './commands/rules';
import { runScan } from './commands/scan';

const USAGE = `hciac — Healthcare IaC Compliance (offline; nothing leaves this machine)

Usage:
  hciac scan [paths…] [--format text|json] [--fail-on critical|high|medium|low|none] [--jobs N]
  hciac rules [--format text|json]
  hciac --version | --help

scan      Analyse Terraform (.tf, .tfvars) and Kubernetes YAML under the paths (default: .).
          --jobs N parses on N worker threads (default: the number of CPU cores).
rules     List the rules with their metadata and controls.

Exit codes: 0 no finding at or above --fail-on (default: high); 1 findings at or above it;
            2 usage error or unreadable input.`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'high' },
      stats: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.version) {
    process.stdout.write(`${typeof HCIAC_VERSION === 'string' ? HCIAC_VERSION : 'dev'}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }
  const wasmDir = path.join(__dirname, '..', 'wasm');
  switch (command) {
    case 'scan':
      return runScan({ paths: rest.length > 0 ? rest : ['.'], format: values.format ?? 'text', failOn: values['fail-on'] ?? 'high', wasmDir, stats: values.stats === true, jobs: values.jobs });
    case 'rules':
      return runRules({ format: values.format ?? 'text' });
    default:
      process.stderr.write(`hciac: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

declare const HCIAC_VERSION: string | undefined;

if (!isMainThread && (workerData as ParseWorkerData | undefined)?.role === 'hciac-parse-worker') {
  void runParseWorker(workerData as ParseWorkerData, (msg) => parentPort!.postMessage(msg));
} else {
  main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hciac: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
  );
}
