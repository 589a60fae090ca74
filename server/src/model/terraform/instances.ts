import { collectionElements, evaluateDetailed, type Evaluated, type Origin, type Value } from './evaluate';
import { memoWithLookups, type MemoEntry } from './lookups';
import type { Located, TfModule } from './module';
import type { TfBlock } from './types';
import { blockExpressions } from './walk';

/** Above this many instances a block is judged once, with `count.index` / `each.*` unknown. */
export const MAX_INSTANCES = 64;

/** One instance of a block with `count` or `for_each`: what `count.index` or `each.key`/`each.value` are. */
export interface ResourceInstance {
  readonly block: TfBlock;
  /** The instance key as Terraform writes it in addresses: `[0]`, `["prod"]`. */
  readonly key: string;
  /** `count` → `{ index }`, `each` → `{ key, value }`. */
  readonly symbols: ReadonlyMap<'count' | 'each', Evaluated>;
}

/**
 * How many times a block is judged. `single`: once — no `count`/`for_each`, one that cannot be
 * resolved, or instances that cannot differ because the block never reads `count.index`/`each.*`.
 * `none`: `count = 0` or an empty `for_each` — Terraform creates nothing, so nothing is judged.
 * `instances`: once per instance, with its symbols bound.
 */
export type InstanceExpansion =
  | { readonly kind: 'single' }
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'instances'; readonly instances: readonly ResourceInstance[] };

const SINGLE: InstanceExpansion = { kind: 'single' };
const memo = new WeakMap<TfModule, WeakMap<TfBlock, MemoEntry<InstanceExpansion>>>();

/**
 * The instances of a resource, data source or module block, memoised per module version (so every
 * rule shares one binding object per instance, and with it the evaluation cache).
 */
export function expandInstances(located: Located<TfBlock>, address: string, module: TfModule): InstanceExpansion {
  let perModule = memo.get(module);
  if (perModule === undefined) memo.set(module, (perModule = new WeakMap()));
  return memoWithLookups(perModule, located.node, () => computeExpansion(located, address, module));
}

function computeExpansion(located: Located<TfBlock>, address: string, module: TfModule): InstanceExpansion {
  const block = located.node;
  const count = block.attributes.get('count');
  const forEach = block.attributes.get('for_each');
  if (count !== undefined) {
    const n = evaluateDetailed(count.expr, module);
    const value = typeof n.value === 'string' && /^\d+$/.test(n.value) ? Number(n.value) : n.value;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return SINGLE;
    if (value === 0) return { kind: 'none', reason: 'count = 0' };
    if (value > MAX_INSTANCES || !readsInstanceSymbols(block)) return SINGLE;
    return {
      kind: 'instances',
      instances: Array.from({ length: value }, (_, i) => ({ block, key: `[${i}]`, symbols: new Map([['count', { value: { index: i } }]]) })),
    };
  }
  if (forEach !== undefined) {
    const collection = evaluateDetailed(forEach.expr, module);
    const elements = collectionElements(collection, true);
    if (elements === undefined) return SINGLE;
    if (elements.length === 0) return { kind: 'none', reason: 'for_each is empty' };
    if (elements.length > MAX_INSTANCES || !readsInstanceSymbols(block)) return SINGLE;
    const origin: Origin = collection.origin ?? { uri: located.uri, span: forEach.span, description: `for_each of ${address}` };
    return {
      kind: 'instances',
      instances: elements.map((element) => {
        const each: Value = { key: element.key, value: element.value };
        return { block, key: `[${JSON.stringify(element.key)}]`, symbols: new Map([['each', { value: each, origin, ...(collection.lenient ? { lenient: true as const } : {}) }]]) };
      }),
    };
  }
  return SINGLE;
}

/** True when an expression of the block reads `count.*` or `each.*` (so its instances may differ). */
export function readsInstanceSymbols(block: TfBlock): boolean {
  for (const expr of blockExpressions(block)) {
    if (expr.kind !== 'reference') continue;
    const root = expr.path[0];
    if (root !== undefined && 'name' in root && (root.name === 'count' || root.name === 'each')) return true;
  }
  return false;
}

