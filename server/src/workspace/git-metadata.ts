import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, type PathLike } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * The Git state an evidence export names, read from the `.git` files directly: no `git` process is
 * started (a repository's config can make `git status` run programs, e.g. core.fsmonitor).
 */
export interface GitState {
  /** The commit HEAD points to; null when the folder is not in a Git work tree or HEAD has no commit yet. */
  readonly commit: string | null;
  /** The checked-out branch; null for a detached HEAD. */
  readonly branch: string | null;
  /**
   * True when a scanned file differs from its committed version at HEAD or is not committed; false
   * when every scanned file equals its committed version; null when that cannot be decided (see `dirtyBasis`).
   */
  readonly dirty: boolean | null;
  /** How `dirty` was decided, in words, for the report. */
  readonly dirtyBasis: string;
  /** Scanned files (paths relative to the work tree) that are changed or not committed; empty when clean. */
  readonly changedFiles: readonly string[];
}

const BASIS = 'each scanned file compared byte for byte (line endings normalised) with its blob in the HEAD commit, read from .git without running git';

/**
 * Reads HEAD (commit, branch) of the work tree that contains `folder`, and whether the given files
 * (absolute paths, the files the evidence was computed from) equal their committed versions.
 * Never throws: what cannot be read is reported as unknown with the reason.
 */
export async function readGitState(folder: string, files: readonly string[]): Promise<GitState> {
  const repo = await findRepository(folder);
  if (repo === undefined) return { commit: null, branch: null, dirty: null, dirtyBasis: 'not a Git work tree', changedFiles: [] };
  try {
    const head = (await readFile(path.join(repo.gitDir, 'HEAD'), 'utf8')).trim();
    const symbolic = /^ref:\s*(\S+)$/.exec(head);
    const branch = symbolic?.[1]?.startsWith('refs/heads/') ? symbolic[1].slice('refs/heads/'.length) : null;
    const commit = symbolic === null ? head : await resolveRef(repo, symbolic[1]!);
    if (commit === undefined || !/^[0-9a-f]{40}$/.test(commit)) {
      return { commit: null, branch, dirty: null, dirtyBasis: commit === undefined ? 'HEAD has no commit yet' : 'unsupported object format (only SHA-1 repositories are read)', changedFiles: [] };
    }
    const objects = new ObjectStore(repo.commonDir);
    const tree = /^tree ([0-9a-f]{40})$/m.exec((await objects.read(commit, 'commit')).toString('latin1'))?.[1];
    if (tree === undefined) throw new Error('HEAD commit has no tree');
    const changed: string[] = [];
    for (const file of [...files].sort()) {
      const rel = path.relative(repo.workTree, file).split(path.sep).join('/');
      if (rel.startsWith('../')) continue;
      const blob = await objects.blobAt(tree, rel);
      const bytes = await readFile(file).catch(() => undefined);
      if (blob === undefined || bytes === undefined || !(await sameContent(objects, blob, bytes))) changed.push(rel);
    }
    return { commit, branch, dirty: changed.length > 0, dirtyBasis: BASIS, changedFiles: changed };
  } catch (error) {
    return { commit: null, branch: null, dirty: null, dirtyBasis: `the repository could not be read (${error instanceof Error ? error.message : String(error)})`, changedFiles: [] };
  }
}

interface Repository {
  readonly workTree: string;
  /** Where HEAD is (a linked work tree has its own). */
  readonly gitDir: string;
  /** Where objects and refs are shared. */
  readonly commonDir: string;
}

async function findRepository(folder: string): Promise<Repository | undefined> {
  let dir = path.resolve(folder);
  for (;;) {
    const dotGit = path.join(dir, '.git');
    const info = await stat(dotGit).catch(() => undefined);
    if (info?.isDirectory()) return { workTree: dir, gitDir: dotGit, commonDir: dotGit };
    if (info?.isFile()) {
      // A linked work tree or a submodule: `.git` is a file naming the real git dir.
      const target = /^gitdir:\s*(.+)$/m.exec(await readFile(dotGit, 'utf8'))?.[1]?.trim();
      if (target === undefined) return undefined;
      const gitDir = path.resolve(dir, target);
      const common = await readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
      return { workTree: dir, gitDir, commonDir: common === undefined ? gitDir : path.resolve(gitDir, common.trim()) };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function resolveRef(repo: Repository, ref: string): Promise<string | undefined> {
  for (const dir of [repo.gitDir, repo.commonDir]) {
    const loose = await readFile(path.join(dir, ref), 'utf8').catch(() => undefined);
    if (loose !== undefined) return loose.trim();
  }
  const packed = await readFile(path.join(repo.commonDir, 'packed-refs'), 'utf8').catch(() => '');
  for (const line of packed.split('\n')) {
    const m = /^([0-9a-f]{40,64}) (\S+)$/.exec(line.trim());
    if (m !== null && m[2] === ref) return m[1];
  }
  return undefined;
}

/** Loose objects and pack files (index v2, with offset and reference deltas). */
class ObjectStore {
  private packs: Promise<Pack[]> | undefined;

  constructor(private readonly gitDir: string) {}

  async object(sha: string): Promise<{ type: string; data: Buffer }> {
    const object = (await this.readLoose(sha)) ?? (await this.readPacked(sha));
    if (object === undefined) throw new Error(`object ${sha} is not in the repository`);
    return object;
  }

  async read(sha: string, expected: string): Promise<Buffer> {
    const object = await this.object(sha);
    if (object.type !== expected) throw new Error(`object ${sha} is a ${object.type}, not a ${expected}`);
    return object.data;
  }

  /** The blob id at a path of a tree, or undefined when the path is not committed. */
  async blobAt(tree: string, rel: string): Promise<string | undefined> {
    let current = tree;
    const parts = rel.split('/');
    for (let i = 0; i < parts.length; i++) {
      const entry = parseTree(await this.read(current, 'tree')).get(parts[i]!);
      if (entry === undefined) return undefined;
      const isTree = entry.mode === '40000';
      if (i < parts.length - 1 ? !isTree : isTree) return undefined;
      current = entry.sha;
    }
    return current;
  }

  private async readLoose(sha: string): Promise<{ type: string; data: Buffer } | undefined> {
    const raw = await readFile(path.join(this.gitDir, 'objects', sha.slice(0, 2), sha.slice(2))).catch(() => undefined);
    if (raw === undefined) return undefined;
    const inflated = inflateSync(raw);
    const nul = inflated.indexOf(0);
    const [type] = inflated.subarray(0, nul).toString('latin1').split(' ');
    return { type: type!, data: inflated.subarray(nul + 1) };
  }

  private async readPacked(sha: string): Promise<{ type: string; data: Buffer } | undefined> {
    this.packs ??= loadPacks(path.join(this.gitDir, 'objects', 'pack'));
    for (const pack of await this.packs) {
      const offset = pack.offsetOf(sha);
      if (offset !== undefined) return pack.objectAt(offset, (base) => this.object(base));
    }
    return undefined;
  }
}

const TYPES = ['', 'commit', 'tree', 'blob', 'tag', '', 'ofs-delta', 'ref-delta'];

class Pack {
  constructor(
    private readonly packPath: PathLike,
    private readonly idx: Buffer,
  ) {}

  offsetOf(sha: string): number | undefined {
    const target = Buffer.from(sha, 'hex');
    const fanout = (i: number) => (i < 0 ? 0 : this.idx.readUInt32BE(8 + i * 4));
    const count = fanout(255);
    let low = fanout(target[0]! - 1);
    let high = fanout(target[0]!) - 1;
    const shaAt = 8 + 256 * 4;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const cmp = this.idx.compare(target, 0, 20, shaAt + mid * 20, shaAt + mid * 20 + 20);
      if (cmp === 0) {
        const offsets = shaAt + count * 24;
        const small = this.idx.readUInt32BE(offsets + mid * 4);
        if ((small & 0x80000000) === 0) return small;
        const large = offsets + count * 4 + (small & 0x7fffffff) * 8;
        return Number(this.idx.readBigUInt64BE(large));
      }
      if (cmp > 0) high = mid - 1;
      else low = mid + 1;
    }
    return undefined;
  }

  async objectAt(offset: number, readBase: (sha: string) => Promise<{ type: string; data: Buffer }>): Promise<{ type: string; data: Buffer }> {
    const header = this.readBytes(offset, 32);
    let i = 0;
    let byte = header[i++]!;
    const type = TYPES[(byte >> 4) & 7]!;
    let size = byte & 15;
    let shift = 4;
    while (byte & 0x80) {
      byte = header[i++]!;
      size += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    let base: Promise<{ type: string; data: Buffer }> | undefined;
    if (type === 'ofs-delta') {
      byte = header[i++]!;
      let back = byte & 0x7f;
      while (byte & 0x80) {
        byte = header[i++]!;
        back = (back + 1) * 128 + (byte & 0x7f);
      }
      base = this.objectAt(offset - back, readBase);
    } else if (type === 'ref-delta') {
      base = readBase(header.subarray(i, i + 20).toString('hex'));
      i += 20;
    }
    const data = inflateSync(this.readBytes(offset + i, Math.max(size * 2 + 1024, 65536)));
    if (base === undefined) return { type, data };
    const resolved = await base;
    return { type: resolved.type, data: applyDelta(resolved.data, data) };
  }

  private readBytes(at: number, length: number): Buffer {
    const fd = openSync(this.packPath, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const read = readSync(fd, buffer, 0, length, at);
      return buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  }
}

async function loadPacks(dir: string): Promise<Pack[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const packs: Pack[] = [];
  for (const name of names.filter((n) => n.endsWith('.idx')).sort()) {
    const idx = await readFile(path.join(dir, name));
    if (idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) continue; // only index v2
    packs.push(new Pack(path.join(dir, name.replace(/\.idx$/, '.pack')), idx));
  }
  return packs;
}

function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let i = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = delta[i++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  varint(); // base size
  const out = Buffer.alloc(varint());
  let at = 0;
  while (i < delta.length) {
    const op = delta[i++]!;
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      for (let b = 0; b < 4; b++) if (op & (1 << b)) offset += delta[i++]! * 2 ** (8 * b);
      for (let b = 0; b < 3; b++) if (op & (0x10 << b)) size += delta[i++]! * 2 ** (8 * b);
      if (size === 0) size = 0x10000;
      base.copy(out, at, offset, offset + size);
      at += size;
    } else if (op > 0) {
      delta.copy(out, at, i, i + op);
      at += op;
      i += op;
    } else {
      throw new Error('invalid delta');
    }
  }
  return out;
}

function parseTree(data: Buffer): Map<string, { mode: string; sha: string }> {
  const entries = new Map<string, { mode: string; sha: string }>();
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    const nul = data.indexOf(0, space);
    entries.set(data.subarray(space + 1, nul).toString('utf8'), { mode: data.subarray(i, space).toString('latin1'), sha: data.subarray(nul + 1, nul + 21).toString('hex') });
    i = nul + 21;
  }
  return entries;
}

function blobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Equal to the committed blob, also when Git converted line endings on checkout (core.autocrlf, text=auto). */
async function sameContent(objects: ObjectStore, blob: string, bytes: Buffer): Promise<boolean> {
  if (blobId(bytes) === blob) return true;
  if (!bytes.includes(0x0d)) return false;
  const committed = await objects.read(blob, 'blob');
  return committed.equals(Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1'));
}
