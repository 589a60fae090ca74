import type { Resolved } from './evaluate';
import { evaluateCached } from './evaluate';
import { isolatedLookups, recordLookup } from './lookups';
import type { TfModule } from './module';
import type { TfExpr } from './types';

/** What a module fact is computed with: the module, evaluated without any resource instance bound. */
export interface ModuleScope {
  readonly module: TfModule;
  evaluate(expr: TfExpr): Resolved;
}

/**
 * A fact about a whole module that many results read (the buckets other buckets log to, the PHI
 * buckets a trail must record) and that a typical edit does not change. Reading it records one
 * lookup key, `fact:<name>`, instead of everything its computation read; between two versions of a
 * module that key counts as changed only when the fact's fingerprint differs (an "early cutoff",
 * engine/result-reuse.ts). The fingerprint must capture everything readers use of the value.
 *
 * Facts are evaluated at module level: a rule judging a block per instance (`count.index`,
 * `each.*` bound) must not read one where the instance binding could change the answer.
 */
export interface ModuleFact<V> {
  readonly key: string;
  /** The fact for `module` (computed once per module version); records `key`. */
  get(module: TfModule): V;
}

interface Definition {
  fingerprint(module: TfModule): string;
}

const definitions = new Map<string, Definition>();

export function defineModuleFact<V>(name: string, compute: (scope: ModuleScope) => V, fingerprint: (value: V) => string): ModuleFact<V> {
  const key = `fact:${name}`;
  if (definitions.has(key)) throw new Error(`module fact defined twice: ${name}`);
  const memo = new WeakMap<TfModule, { readonly value: V; print?: string }>();
  const entry = (module: TfModule): { readonly value: V; print?: string } => {
    let e = memo.get(module);
    if (e === undefined) {
      const scope: ModuleScope = { module, evaluate: (expr) => evaluateCached(expr, module) };
      memo.set(module, (e = { value: isolatedLookups(() => compute(scope)) }));
    }
    return e;
  };
  definitions.set(key, {
    fingerprint: (module) => {
      const e = entry(module);
      e.print ??= fingerprint(e.value);
      return e.print;
    },
  });
  return {
    key,
    get(module) {
      recordLookup(key);
      return entry(module).value;
    },
  };
}

/** True when fact `key` (a `fact:<name>` lookup key) may answer differently in `after` than in `before`. */
export function moduleFactChanged(key: string, before: TfModule, after: TfModule): boolean {
  const definition = definitions.get(key);
  return definition === undefined || definition.fingerprint(before) !== definition.fingerprint(after);
}
