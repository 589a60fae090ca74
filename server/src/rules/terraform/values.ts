import { UNKNOWN, type Resolved, type Value } from '../../model/terraform/evaluate';
import type { Related } from '../types';

/** Terraform's own conversion: the strings "true"/"false" are booleans where a bool is expected. */
export function asBool(value: Value): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function asNumber(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

export function asString(value: Value): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Known string items of a list value (unknown items are skipped; `complete` says whether any were). */
export function asStringList(value: Value): { items: string[]; complete: boolean } {
  if (!Array.isArray(value)) {
    const s = asString(value as Value);
    return s === undefined ? { items: [], complete: false } : { items: [s], complete: true };
  }
  const items: string[] = [];
  let complete = true;
  for (const item of value as readonly Value[]) {
    const s = item === UNKNOWN ? undefined : asString(item);
    if (s === undefined) complete = false;
    else items.push(s);
  }
  return { items, complete };
}

/** The related location for a value that came from a variable default, tfvars or a local. */
export function originRelated(resolved: Resolved): Related[] {
  if (!resolved.known || resolved.origin === undefined) return [];
  return [{ uri: resolved.origin.uri, span: resolved.origin.span, message: `Where the value comes from: ${resolved.origin.description}` }];
}

/** " (from the default of variable "x")" — appended to messages when the value is not written at the use site. */
export function originSuffix(resolved: Resolved): string {
  return resolved.known && resolved.origin !== undefined ? ` (${resolved.origin.description})` : '';
}
