/**
 * What a rule read of its module, recorded while it runs, so the engine can reuse its result when
 * nothing it read changed (engine/result-reuse.ts). Keys: `type:<resource type>`, `res:<type>.<name>`, `data:<type>`,
 * `block:<top-level block type>`, `var:<name>`, `local:<name>`, `tfvars:<name>`, `input:<name>`,
 * `file` (the analysed file as a whole) and `*` (every file of the module).
 *
 * Memos that live longer than one rule run (evaluation, instance expansion, companion targets)
 * remember the lookups of their computation and replay them on every hit (`memoWithLookups`), so a
 * memo hit records the same dependencies as the computation it saves.
 */
let frame: Set<string> | undefined;

export function recordLookup(key: string): void {
  frame?.add(key);
}

/** Runs `run` recording its lookups (nested recordings also add to the enclosing one). */
export function recordingLookups<T>(run: () => T): { readonly value: T; readonly lookups: ReadonlySet<string> } {
  const outer = frame;
  const mine = new Set<string>();
  frame = mine;
  try {
    return { value: run(), lookups: mine };
  } finally {
    frame = outer;
    if (outer !== undefined) for (const k of mine) outer.add(k);
  }
}

export interface MemoEntry<V> {
  readonly value: V;
  readonly lookups: ReadonlySet<string>;
}

/** A Map or WeakMap of memo entries. */
export interface MemoStore<K, V> {
  get(key: K): MemoEntry<V> | undefined;
  set(key: K, entry: MemoEntry<V>): unknown;
}

/**
 * `memo.get(key)`, or computes, stores and returns it; either way the lookups are recorded. Every memo
 * of module-derived facts that outlives one rule run must go through here (a plain memo would hide
 * its lookups from the results that hit it, and those results would be reused when they must not).
 */
export function memoWithLookups<K, V>(memo: MemoStore<K, V>, key: K, compute: () => V): V {
  const hit = memo.get(key);
  if (hit !== undefined) {
    if (frame !== undefined) for (const k of hit.lookups) frame.add(k);
    return hit.value;
  }
  const entry = recordingLookups(compute);
  memo.set(key, entry);
  return entry.value;
}

/** The lookup keys whose answer a top-level block contributes to (see the key list above). */
export function lookupKeysOfBlock(block: { readonly type: string; readonly labels: readonly string[]; readonly attributes: ReadonlyMap<string, unknown> }): string[] {
  const keys = [`block:${block.type}`];
  if (block.type === 'resource') keys.push(`type:${block.labels[0] ?? ''}`, `res:${block.labels[0] ?? ''}.${block.labels[1] ?? ''}`);
  else if (block.type === 'data') keys.push(`data:${block.labels[0] ?? ''}`);
  else if (block.type === 'variable') keys.push(`var:${block.labels[0] ?? ''}`);
  else if (block.type === 'locals') for (const name of block.attributes.keys()) keys.push(`local:${name}`);
  return keys;
}

/** Runs `run` recording its lookups apart: nothing reaches the enclosing recording. */
export function isolatedLookups<T>(run: () => T): T {
  const outer = frame;
  frame = new Set();
  try {
    return run();
  } finally {
    frame = outer;
  }
}
