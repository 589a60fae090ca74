import type { Resolved } from './terraform/evaluate';
import { evaluateCached } from './terraform/evaluate';
import { isolatedLookups, recordLookup } from './terraform/lookups';
import type { TfModule } from './terraform/module';
import type { TfExpr } from './terraform/types';

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
export type ModuleFact<V> = Fact<TfModule, V>;

interface Definition {
  fingerprint(subject: object): string;
}

const definitions = new Map<string, Definition>();

/**
 * A fact about one subject (a module version, a parsed Kubernetes file) with early cutoff: reading
 * it records only `fact:<name>`; between two subjects the key counts as changed only when the
 * fingerprints differ. The fingerprint must capture everything readers use of the value.
 */
export interface Fact<S extends object, V> {
  readonly key: string;
  /** The fact for `subject` (computed once per subject); records `key`. */
  get(subject: S): V;
}

export function defineFact<S extends object, V>(name: string, compute: (subject: S) => V, fingerprint: (value: V) => string): Fact<S, V> {
  const key = `fact:${name}`;
  if (definitions.has(key)) throw new Error(`fact defined twice: ${name}`);
  const memo = new WeakMap<S, { readonly value: V; print?: string }>();
  const entry = (subject: S): { readonly value: V; print?: string } => {
    let e = memo.get(subject);
    if (e === undefined) memo.set(subject, (e = { value: isolatedLookups(() => compute(subject)) }));
    return e;
  };
  definitions.set(key, {
    fingerprint: (subject) => {
      const e = entry(subject as S);
      e.print ??= fingerprint(e.value);
      return e.print;
    },
  });
  return {
    key,
    get(subject) {
      recordLookup(key);
      return entry(subject).value;
    },
  };
}

export function defineModuleFact<V>(name: string, compute: (scope: ModuleScope) => V, fingerprint: (value: V) => string): ModuleFact<V> {
  return defineFact<TfModule, V>(name, (module) => compute({ module, evaluate: (expr) => evaluateCached(expr, module) }), fingerprint);
}

/** True when fact `key` (a `fact:<name>` lookup key) may answer differently for `after` than for `before` (two versions of one subject). */
export function factChanged(key: string, before: object, after: object): boolean {
  const definition = definitions.get(key);
  return definition === undefined || definition.fingerprint(before) !== definition.fingerprint(after);
}
