import { readFileSync } from 'node:fs';
import { Placeholder, SnippetParser, Variable } from 'monaco-editor-core/esm/vs/editor/contrib/snippet/browser/snippetParser.js';

/** One entry of a VS Code `.code-snippets` file, parsed with VS Code's own snippet parser. */
export interface ParsedSnippet {
  /** The entry's key: the name VS Code shows in the suggestion list. */
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  /** The body as VS Code joins it (an array of lines is joined with `\n`). */
  readonly body: string;
  /** The text VS Code inserts when every placeholder keeps its default (a choice its first option). */
  readonly expanded: string;
  /** Tab stops in the order Tab visits them ($0 last), each with its default text. Mirrors are listed once. */
  readonly tabStops: readonly { readonly index: number; readonly defaultText: string; readonly choices?: readonly string[] }[];
  /** Tab stop indices in the order they first appear in the text (an enclosing placeholder before the ones it nests). */
  readonly textOrder: readonly number[];
  /** Names of the snippet variables (`$TM_FILENAME`, `${UUID}`) used by the body. */
  readonly variables: readonly string[];
}

/**
 * Reads a `.code-snippets` file (plain JSON: an object of entries with `prefix`, `body`,
 * `description`) and parses every body with VS Code's snippet parser. A malformed entry throws,
 * naming the entry.
 */
export function readSnippetFile(file: string): ParsedSnippet[] {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(json)) throw new Error(`${file}: a snippet file is a JSON object of entries`);
  return Object.entries(json).map(([name, entry]) => parseEntry(file, name, entry));
}

function parseEntry(file: string, name: string, entry: unknown): ParsedSnippet {
  if (!isRecord(entry)) throw new Error(`${file}: entry "${name}" is not an object`);
  const { prefix, body, description } = entry;
  if (typeof prefix !== 'string') throw new Error(`${file}: entry "${name}" needs one string prefix`);
  if (typeof description !== 'string') throw new Error(`${file}: entry "${name}" needs a string description`);
  const lines = typeof body === 'string' ? [body] : Array.isArray(body) && body.every((l) => typeof l === 'string') ? (body as string[]) : undefined;
  if (lines === undefined) throw new Error(`${file}: entry "${name}" needs a body (a string or an array of strings)`);
  return { name, prefix, description, ...expandSnippet(lines.join('\n')) };
}

/** Expands a snippet body as VS Code inserts it when the user accepts every default (variables resolve to their default text, or nothing). */
export function expandSnippet(body: string): Pick<ParsedSnippet, 'body' | 'expanded' | 'tabStops' | 'textOrder' | 'variables'> {
  const snippet = new SnippetParser().parse(body, true);
  const tabStops = new Map<number, { index: number; defaultText: string; choices?: readonly string[] }>();
  const variables: string[] = [];
  snippet.walk((marker) => {
    if (marker instanceof Placeholder && !tabStops.has(marker.index)) {
      const choice = marker.choice;
      tabStops.set(marker.index, { index: marker.index, defaultText: marker.toString(), ...(choice ? { choices: choice.options.map((o) => o.value) } : {}) });
    }
    if (marker instanceof Variable) variables.push(marker.name);
    return true;
  });
  const textOrder = [...tabStops.keys()];
  const ordered = [...tabStops.values()].sort((a, b) => (a.index === 0 ? 1 : b.index === 0 ? -1 : a.index - b.index));
  return { body, expanded: snippet.toString(), tabStops: ordered, textOrder, variables };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
