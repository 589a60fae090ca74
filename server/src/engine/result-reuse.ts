import type { FixEdit } from '../fixes/fix-edit';
import { eolOf, indentUnitOf } from '../fixes/text-layout';
import type { Span } from '../model/span';
import { originalBlock } from '../model/terraform/incremental';
import { lookupKeysOfBlock } from '../model/terraform/lookups';
import { factChanged } from '../model/facts';
import type { TfBlock, TfFile } from '../model/terraform/types';
import type { Evaluation, Finding } from './finding';

/**
 * Reuse of rule results between two analyses of one file while it is edited. The engine records,
 * per dispatch target (a resource, data source, provider, backend block, or a Kubernetes object),
 * the findings and evaluations of all its rules together with what they read of the module
 * (model/terraform/lookups.ts). The next analysis of the same file takes a target's results instead
 * of running its rules when:
 *
 * - the target's text is the same (the same key and the same characters),
 * - nothing it read changed (no lookup key among the keys of the top-level blocks that differ),
 * - the file's line ending and indentation unit are the same (fixes are written with them),
 * - every place the results point to is inside the target, at the end of the file with the same
 *   last characters (a variable declaration a fix appends), or in another file.
 *
 * The results are then moved to the target's new offset. Anything else runs the rules again, so a
 * reused result always equals what the rules would say (test/unit/engine/result-reuse.test.ts
 * compares every analysis of random edit sequences with a fresh one).
 */
export interface TargetResults {
  readonly findings: readonly Finding[];
  readonly evaluations: readonly Evaluation[];
}

interface StoredTarget extends TargetResults {
  readonly text: string;
  readonly start: number;
  /** An object that stands for the target's text (originalBlock of a Terraform block): same object, same text. */
  readonly identity: object | undefined;
  readonly lookups: ReadonlySet<string>;
}

/** Reused results, with what they read (kept again for the analysis after). */
export interface ReusedTarget extends TargetResults {
  readonly lookups: ReadonlySet<string>;
}

/** What one analysis leaves for the next: the results of each target, by target key. */
export class StoredResults<M = unknown> {
  readonly targets = new Map<string, StoredTarget[]>();
  readonly layout: string;

  constructor(
    readonly text: string,
    /** The file's model the results were computed from. */
    readonly model: M,
    /** Identity of everything else the analysis read (other files of the module, workspace objects, rules). */
    readonly context: readonly unknown[],
    /** What facts were read of (the Terraform module, the Kubernetes file): compared across versions. */
    readonly factSubject?: object,
    /** The other Terraform files of the module with their text, by URI (a change there is diffed, not a reason to start over). */
    readonly siblings?: ReadonlyMap<string, Sibling>,
  ) {
    this.layout = layoutOf(text);
  }

  keep(key: string, extent: Span, results: TargetResults, lookups: ReadonlySet<string>, identity?: object): void {
    const list = this.targets.get(key) ?? [];
    list.push({ ...results, text: this.text.slice(extent.start, extent.end), start: extent.start, lookups, identity });
    this.targets.set(key, list);
  }
}

/** Another file of the module as one analysis read it. */
export interface Sibling {
  readonly file: TfFile;
  readonly text: string;
}

/**
 * What changed in the other files of a module between two analyses: the lookup keys of their changed
 * blocks and the files that changed (results pointing into them are not reused: their offsets may
 * have moved). Undefined when a file appeared or disappeared (the module's shape changed: start over).
 */
export function siblingChanges(before: ReadonlyMap<string, Sibling>, after: ReadonlyMap<string, Sibling>): { keys: Set<string>; uris: Set<string> } | undefined {
  if (before.size !== after.size) return undefined;
  const keys = new Set<string>();
  const uris = new Set<string>();
  for (const [uri, now] of after) {
    const then = before.get(uri);
    if (then === undefined) return undefined;
    if (then.file === now.file && then.text === now.text) continue;
    uris.add(uri);
    for (const k of changedTerraformKeys(then.file, then.text, now.file, now.text)) if (k !== 'file') keys.add(k);
  }
  return { keys, uris };
}

/** The previous analysis's results, offered to the next analysis of the same file. */
export class ReusableResults {
  private readonly taken = new Set<StoredTarget>();
  private readonly sameLayout: boolean;
  private readonly sameTail: boolean;

  constructor(
    private readonly previous: StoredResults,
    private readonly text: string,
    /** Lookup keys whose answer may differ from the previous analysis (see changedTerraformKeys). */
    private readonly changed: ReadonlySet<string>,
    /** What facts are read of now (see StoredResults.factSubject). */
    private readonly factSubject?: object,
    /** Other files that changed: results pointing into them are not reused. */
    private readonly changedUris: ReadonlySet<string> = new Set(),
  ) {
    this.sameLayout = previous.layout === layoutOf(text);
    this.sameTail = previous.text.slice(-256) === text.slice(-256);
  }

  /** True when `context` is the same as the previous analysis's (by identity, element by element). */
  static sameContext(a: readonly unknown[], b: readonly unknown[]): boolean {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  /** The target's previous results moved to `extent`, or undefined when they cannot be reused. */
  take(key: string, extent: Span, identity?: object): ReusedTarget | undefined {
    if (!this.sameLayout) return undefined;
    const candidates = this.previous.targets.get(key);
    if (candidates === undefined) return undefined;
    const length = extent.end - extent.start;
    for (const stored of candidates) {
      if (this.taken.has(stored) || stored.text.length !== length) continue;
      const same = identity !== undefined && identity === stored.identity ? true : stored.text === this.text.slice(extent.start, extent.end);
      if (!same) continue;
      if (this.changed.has('*') || (stored.lookups.has('*') && this.changed.size > 0)) return undefined;
      for (const k of stored.lookups) if (this.changed.has(k) || this.factChanged(k)) return undefined;
      const moved = this.move(stored, extent.start - stored.start);
      if (moved === undefined) return undefined;
      this.taken.add(stored);
      return { ...moved, lookups: stored.lookups };
    }
    return undefined;
  }

  private readonly facts = new Map<string, boolean>();

  /** For a `fact:` key: whether the fact's fingerprint differs between the two versions of its subject. */
  private factChanged(key: string): boolean {
    if (!key.startsWith('fact:')) return false;
    let changed = this.facts.get(key);
    if (changed === undefined) {
      const before = this.previous.factSubject;
      changed = before === undefined || this.factSubject === undefined || factChanged(key, before, this.factSubject);
      this.facts.set(key, changed);
    }
    return changed;
  }

  private move(stored: StoredTarget, delta: number): TargetResults | undefined {
    const oldEnd = this.previous.text.length;
    const from = stored.start;
    const to = stored.start + stored.text.length;
    let movable = true;
    const span = (s: Span): Span => {
      if (s.start >= from && s.end <= to) return delta === 0 ? s : { start: s.start + delta, end: s.end + delta };
      if (this.sameTail && s.start === oldEnd && s.end === oldEnd) return { start: this.text.length, end: this.text.length };
      movable = false;
      return s;
    };
    const uri = stored.findings[0]?.uri ?? stored.evaluations[0]?.uri;
    const located = <T extends { readonly uri: string; readonly span: Span }>(l: T): T => {
      if (l.uri === uri) return { ...l, span: span(l.span) };
      if (this.changedUris.has(l.uri)) movable = false;
      return l;
    };
    const edit = (e: FixEdit): FixEdit => located(e);
    const findings = stored.findings.map((f): Finding => ({
      ...f,
      span: span(f.span),
      extent: span(f.extent),
      related: f.related.map(located),
      ...(f.fix !== undefined ? { fix: { ...f.fix, edits: f.fix.edits.map(edit) } } : {}),
    }));
    const evaluations = stored.evaluations.map((e): Evaluation => ({ ...e, span: span(e.span) }));
    if (!movable) return undefined;
    // Unmoved and nothing at the end of the file: the same objects serve (they are immutable).
    if (delta === 0 && this.text.length === oldEnd) return stored;
    return { findings, evaluations };
  }
}

/** The line ending and indentation unit fixes are written with. */
function layoutOf(text: string): string {
  return `${eolOf(text)}|${indentUnitOf(text)}`;
}

/**
 * The lookup keys that may answer differently in `after` than in `before` (two versions of one
 * Terraform file, the rest of the module unchanged): the keys of every top-level block whose text
 * is not found unchanged, `file` whenever the text differs, and `*` when top-level attributes
 * exist or unchanged blocks changed order (first-declaration-wins lookups could then differ).
 */
export function changedTerraformKeys(before: TfFile, beforeText: string, after: TfFile, afterText: string): Set<string> {
  const keys = new Set<string>();
  if (beforeText !== afterText) keys.add('file');
  if (before.kind === 'terraform-vars' && after.kind === 'terraform-vars') {
    // A .tfvars file: each assignment whose text differs answers `tfvars:<name>` differently.
    const text = (file: TfFile, t: string, name: string): string | undefined => {
      const a = file.attributes.get(name);
      return a === undefined ? undefined : t.slice(a.span.start, a.span.end);
    };
    for (const name of new Set([...before.attributes.keys(), ...after.attributes.keys()])) {
      if (text(before, beforeText, name) !== text(after, afterText, name)) keys.add(`tfvars:${name}`);
    }
    if (before.blocks.length > 0 || after.blocks.length > 0) keys.add('*');
    return keys;
  }
  if (before.attributes.size > 0 || after.attributes.size > 0) keys.add('*');
  // Blocks the incremental extractor reused are matched by identity; the rest by text.
  const byIdentity = new Map<TfBlock, number>();
  before.blocks.forEach((block, index) => byIdentity.set(originalBlock(block), index));
  const identical = new Set<number>();
  const afterIdentity = after.blocks.map((block) => {
    const index = byIdentity.get(originalBlock(block));
    if (index !== undefined) identical.add(index);
    return index;
  });
  const unmatched = new Map<string, { index: number; block: TfBlock }[]>();
  before.blocks.forEach((block, index) => {
    if (identical.has(index)) return;
    const text = beforeText.slice(block.span.start, block.span.end);
    const list = unmatched.get(text) ?? [];
    list.push({ index, block });
    unmatched.set(text, list);
  });
  let lastMatched = -1;
  for (const [i, block] of after.blocks.entries()) {
    const known = afterIdentity[i];
    const same = known !== undefined ? { index: known } : unmatched.get(afterText.slice(block.span.start, block.span.end))?.shift();
    if (same === undefined) {
      for (const k of lookupKeysOfBlock(block)) keys.add(k);
      continue;
    }
    if (same.index < lastMatched) keys.add('*');
    lastMatched = same.index;
  }
  for (const list of unmatched.values()) for (const { block } of list) for (const k of lookupKeysOfBlock(block)) keys.add(k);
  return keys;
}
