import type { TfBlock, TfFile } from './types';

/** Where a `module` block's `source` points. */
export type ModuleSource =
  /** `./x`, `../x`: a directory of the same workspace, relative to the calling module. */
  | { readonly kind: 'local'; readonly path: string }
  /** A registry address, git/http/s3/gcs URL, … — never fetched (the product is offline). */
  | { readonly kind: 'remote'; readonly address: string }
  /** No literal `source` (Terraform requires one): nothing to follow. */
  | { readonly kind: 'none' };

/** A `module "<name>" { source = … }` block. */
export interface ModuleCall {
  readonly name: string;
  readonly block: TfBlock;
  readonly source: ModuleSource;
}

/** Arguments of a `module` block that are not inputs of the child module. */
export const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** The module calls of a file, in source order; blocks with syntax errors are left out. */
export function moduleCalls(file: TfFile): ModuleCall[] {
  const calls: ModuleCall[] = [];
  if (file.kind !== 'terraform') return calls;
  for (const block of file.blocks) {
    if (block.type !== 'module' || block.labels[0] === undefined || block.hasErrors) continue;
    calls.push({ name: block.labels[0], block, source: moduleSource(block) });
  }
  return calls;
}

/** Terraform's rule: a local path starts with `./` or `../`; anything else is fetched by an installer. */
export function moduleSource(block: TfBlock): ModuleSource {
  const expr = block.attributes.get('source')?.expr;
  if (expr?.kind !== 'literal' || typeof expr.value !== 'string' || expr.value.trim() === '') return { kind: 'none' };
  const value = expr.value.trim();
  if (/^\.\.?([/\\]|$)/.test(value)) return { kind: 'local', path: value.replace(/\\/g, '/') };
  return { kind: 'remote', address: value };
}
