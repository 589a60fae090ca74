import { documentMarkersIn } from '../../server/src/parsing/yaml-stream';
import { pick, plannedChange, randomChange, restoreChange, YAML_SNIPPETS, type PlannedChange } from './random-edits';

/** Fragments that make, unmake and bend document markers (typed in addition to YAML_SNIPPETS). */
export const YAML_PIECE_SNIPPETS: readonly string[] = ['---', '--- ', '...', '\n---\n', '\r\n---\r\n', '\n...\n', '-', '.', '\n--', '%', '--- |\n  x\n', 'apiVersion: v1\nkind: Pod\n'];

/** Documents pasted into streams (each preceded by a marker line when pasted). */
export const PASTED_DOCUMENTS: readonly string[] = [
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pasted\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext: {privileged: true}\n',
  'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: hunter2\n',
  'kind: List\napiVersion: v1\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: svc}\n',
];

/** The line break a text mostly uses. */
function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The start of a random line of `text`. */
function randomLineStart(random: () => number, text: string): number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return pick(random, starts);
}

/**
 * One random change to a YAML stream: most often a character-level edit (random-edits.ts), else a
 * document pasted at a line start (with its marker line), a marker line deleted, or an undo back to
 * the original text.
 */
export function randomStreamChange(random: () => number, text: string, original: string): PlannedChange {
  const roll = random();
  const eol = lineBreakOf(original);
  if (roll < 0.1 && text !== original) return restoreChange(text, original);
  if (roll < 0.2 && text.length < original.length * 2) {
    const at = randomLineStart(random, text);
    const doc = `---${eol}${pick(random, PASTED_DOCUMENTS).replace(/\n/g, eol)}`;
    return plannedChange(text, at, at, doc, `paste a document at ${at}`);
  }
  if (roll < 0.3) {
    const markers = documentMarkersIn(text, 0, text.length);
    if (text.startsWith('---') || text.startsWith('...')) markers.unshift(0);
    if (markers.length > 0) {
      const at = pick(random, markers);
      let end = at;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      end = text.startsWith('\r\n', end) ? end + 2 : Math.min(text.length, end + 1);
      return plannedChange(text, at, end, '', `delete the marker line at ${at}`);
    }
  }
  return randomChange(random, text, { text: original, snippets: [...YAML_SNIPPETS, ...YAML_PIECE_SNIPPETS] });
}
