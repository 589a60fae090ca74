import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runRules } from './commands/rules';
import { runScan } from './commands/scan';

const USAGE = `hciac — Healthcare IaC Compliance (offline; nothing leaves this machine)

Usage:
  hciac scan [paths…] [--format text|json] [--fail-on critical|high|medium|low|none]
  hciac rules [--format text|json]
  hciac --version | --help

scan      Analyse Terraform (.tf, .tfvars) and Kubernetes YAML under the paths (default: .).
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
      return runScan({ paths: rest.length > 0 ? rest : ['.'], format: values.format ?? 'text', failOn: values['fail-on'] ?? 'high', wasmDir });
    case 'rules':
      return runRules({ format: values.format ?? 'text' });
    default:
      process.stderr.write(`hciac: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

declare const HCIAC_VERSION: string | undefined;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hciac: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
