/**
 * Merging what a rule concluded about each instance of a block with `count`/`for_each` (or about each
 * instance of a module call) into one result per block: a finding produced by every instance is
 * reported once as it is; a finding produced by some instances is reported once, naming them.
 */

/** What one instance run concluded: its findings (or reports) and, when it has none, pass or unknown. */
export interface InstanceRun<T> {
  /** The instance key as Terraform writes it: `[0]`, `["prod"]`. */
  readonly key: string;
  readonly items: readonly T[];
  readonly status: 'fail' | 'pass' | 'unknown';
}

export interface MergedItem<T> {
  /** The item as the first instance producing it reported it. */
  readonly item: T;
  /** The keys of the instances producing it, in instance order. */
  readonly keys: readonly string[];
  /** True when every instance produces it. */
  readonly all: boolean;
}

/**
 * Groups equal items across runs (`keyOf` says which are equal; an item reported twice by one
 * instance stays two items), in the order they first appear.
 */
export function mergeInstanceRuns<T>(runs: readonly InstanceRun<T>[], keyOf: (item: T) => string): MergedItem<T>[] {
  const groups = new Map<string, { item: T; keys: string[] }>();
  for (const run of runs) {
    const seen = new Map<string, number>();
    for (const item of run.items) {
      const base = keyOf(item);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const key = `${base}#${n}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, { item, keys: [run.key] });
      else group.keys.push(run.key);
    }
  }
  return [...groups.values()].map((g) => ({ item: g.item, keys: g.keys, all: g.keys.length === runs.length }));
}

/**
 * `Failing instances: ["prod"], ["qa"]; passing: ["dev"]; cannot be determined: ["test"].` — the
 * instances that fail in another way are left out (they have their own finding).
 */
export function instancesSentence<T>(failing: readonly string[], runs: readonly InstanceRun<T>[]): string {
  const passing = runs.filter((r) => r.status === 'pass').map((r) => r.key);
  const unknown = runs.filter((r) => r.status === 'unknown').map((r) => r.key);
  const parts = [`Failing instances: ${failing.join(', ')}`];
  if (passing.length > 0) parts.push(`passing: ${passing.join(', ')}`);
  if (unknown.length > 0) parts.push(`cannot be determined: ${unknown.join(', ')}`);
  return `${parts.join('; ')}.`;
}

/** Appends a sentence to a message that may or may not end with a full stop. */
export function appendSentence(text: string, sentence: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? `${text.trimEnd()} ${sentence}` : `${text.trimEnd()}. ${sentence}`;
}
