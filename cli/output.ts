import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Writes a rendered report to a file (creating its folder), or to stdout without one. */
export async function writeOutput(content: string, file: string | undefined): Promise<void> {
  if (file === undefined) {
    process.stdout.write(content);
    return;
  }
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, content, 'utf8');
}
