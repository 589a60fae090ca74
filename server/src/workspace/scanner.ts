import { readFileSync } from 'node:fs';
import { opendir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { fileKindOf, type FileKind } from '../parsing/file-kind';

export interface FoundFile {
  readonly path: string;
  readonly kind: FileKind;
}

export interface ScanOptions {
  readonly exclude: readonly string[];
  readonly maxFiles: number;
  /** Checked between directories; a cancelled scan returns what it found so far. */
  readonly isCancelled?: () => boolean;
}

/** Directories never worth entering. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.terraform']);

/**
 * Lists the IaC files under `root` (a file or a directory), depth-first in name order so results are
 * stable, skipping excluded globs (matched against the path relative to `root`). Never follows
 * symbolic links. Stops at `maxFiles` and reports whether it did.
 */
export async function findIacFiles(root: string, options: ScanOptions): Promise<{ files: FoundFile[]; truncated: boolean }> {
  const files: FoundFile[] = [];
  const info = await stat(root).catch(() => undefined);
  if (info === undefined) return { files, truncated: false };
  if (info.isFile()) {
    const kind = fileKindOf(root);
    return { files: kind ? [{ path: root, kind }] : [], truncated: false };
  }
  const excluded = (rel: string): boolean => options.exclude.some((g) => minimatch(rel, g, { dot: true }));
  const stack: string[] = [root];
  let truncated = false;
  while (stack.length > 0) {
    if (options.isCancelled?.()) break;
    const dir = stack.pop()!;
    const entries: { name: string; isDir: boolean; isFile: boolean }[] = [];
    try {
      const handle = await opendir(dir);
      for await (const entry of handle) entries.push({ name: entry.name, isDir: entry.isDirectory(), isFile: entry.isFile() });
    } catch {
      continue; // unreadable directory: skip it, keep scanning
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDir) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !excluded(rel) && !excluded(rel + '/')) subdirs.push(full);
      } else if (entry.isFile) {
        const kind = fileKindOf(entry.name);
        if (kind === undefined || excluded(rel)) continue;
        if (files.length >= options.maxFiles) {
          truncated = true;
          return { files, truncated };
        }
        files.push({ path: full, kind });
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
  return { files, truncated };
}

/** Reads a file as UTF-8 text (a BOM is dropped; invalid bytes become U+FFFD, which marks binary files). */
export async function readText(file: string): Promise<string> {
  return withoutBom(await readFile(file, 'utf8'));
}

/** `readText` for threads that only scan (the CLI and its workers); undefined when the file cannot be read. */
export function readTextSync(file: string): string | undefined {
  try {
    return withoutBom(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
