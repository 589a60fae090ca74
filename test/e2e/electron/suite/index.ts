import * as path from 'node:path';
import Mocha from 'mocha';

/** Entry point @vscode/test-electron calls inside the extension host: runs the suite with mocha. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: path.join(__dirname, '..', '..', '..', '..', '..', 'scripts', 'mocha-summary-reporter.cjs') });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
  });
}
