import * as path from 'node:path';
import { Grammars } from '../../server/src/parsing/grammars';

/** Repository root, from out/test/harness (compiled) or test/harness (source). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const wasmDir = path.join(repoRoot, 'grammars');

let loaded: Promise<Grammars> | undefined;

/** The real grammars, loaded once per test process. */
export function grammars(): Promise<Grammars> {
  loaded ??= Grammars.load({ wasmDir });
  return loaded;
}
