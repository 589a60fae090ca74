import type { Node, Tree } from 'web-tree-sitter';
import type { Span } from '../span';

/**
 * A YAML value with source spans. Built from the tree-sitter-yaml tree; this file and
 * extract.ts are the only code that knows that grammar's node types.
 */
export type YNode = YMap | YSeq | YScalar | YOpaque;

export interface YMap {
  readonly kind: 'map';
  readonly style: 'block' | 'flow';
  readonly entries: readonly YEntry[];
  readonly span: Span;
}

export interface YEntry {
  readonly key: string;
  readonly keySpan: Span;
  /** undefined when the value is empty (`key:` with nothing after it). */
  readonly value: YNode | undefined;
  readonly span: Span;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly style: 'block' | 'flow';
  readonly items: readonly YNode[];
  readonly span: Span;
}

export interface YScalar {
  readonly kind: 'scalar';
  /** The value under YAML 1.2 core schema (what the grammar reports). */
  readonly value: string | number | boolean | null;
  /** The text as written, without quotes. */
  readonly raw: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** An alias that could not be resolved, or a node the model does not interpret. */
export interface YOpaque {
  readonly kind: 'opaque';
  readonly span: Span;
}

export interface YDocument {
  readonly root: YNode | undefined;
  readonly span: Span;
  readonly hasErrors: boolean;
  /** The nodes an anchor names: the only nodes that may appear more than once under `root` (through aliases). */
  readonly anchored: readonly YNode[];
}

export interface YComment {
  readonly text: string;
  readonly span: Span;
}

const MAX_DEPTH = 256;

/**
 * The documents and comments of a YAML tree. The tree may be of a piece of `text` (a stream cut at
 * document markers, see parsing/yaml-stream.ts): its offsets are then relative to `offset`, the
 * piece ends at `end`, and the spans returned are offsets into `text`.
 */
export function extractYaml(tree: Tree, text: string, offset = 0, end = text.length): { documents: YDocument[]; comments: YComment[] } {
  const documents: YDocument[] = [];
  const comments: YComment[] = [];
  // Comments are extras that may sit anywhere: found by tree-sitter itself (no walk over every node from here).
  for (const comment of tree.rootNode.descendantsOfType('comment')) {
    const start = offset + comment.startIndex;
    const stop = offset + comment.endIndex;
    comments.push({ text: text.slice(start, stop), span: { start, end: stop } });
  }
  for (const doc of tree.rootNode.namedChildren) {
    if (doc.type !== 'document') continue;
    const reader = new Reader(text, offset, end);
    const body = doc.namedChildren.find((n) => n.type === 'block_node' || n.type === 'flow_node');
    documents.push({
      root: body ? reader.node(body, 0) : undefined,
      span: reader.span(doc),
      hasErrors: doc.hasError,
      anchored: reader.anchored,
    });
  }
  return { documents, comments };
}

/** Reads the nodes of one document (anchors are per document) of a tree whose offsets start at `offset` of `text`. */
class Reader {
  private readonly anchors = new Map<string, YNode>();
  /** Every node an anchor named, in document order (a name may be redefined: both count). */
  readonly anchored: YNode[] = [];

  constructor(
    private readonly text: string,
    private readonly offset: number,
    /** Where the parsed piece of `text` ends (what follows belongs to other documents). */
    private readonly end: number,
  ) {}

  span(node: Node): Span {
    return { start: this.offset + node.startIndex, end: this.offset + node.endIndex };
  }

  /** The text of `node`, trimmed by `trimStart` and `trimEnd` characters (quotes), never inverted. */
  private source(node: Node, trimStart = 0, trimEnd = 0): string {
    const start = this.offset + node.startIndex + trimStart;
    return this.text.slice(start, Math.max(start, this.offset + node.endIndex - trimEnd));
  }

  node(node: Node, depth: number): YNode {
    if (depth > MAX_DEPTH) return { kind: 'opaque', span: this.span(node) };
    let anchor: string | undefined;
    let content: Node | undefined;
    for (const child of node.namedChildren) {
      if (child.type === 'anchor') {
        const name = child.namedChildren.find((n) => n.type === 'anchor_name');
        if (name) anchor = this.source(name);
      } else if (child.type !== 'tag' && child.type !== 'comment') {
        content = child;
      }
    }
    const value: YNode = content === undefined ? { kind: 'scalar', value: null, raw: '', quoted: false, span: this.span(node) } : this.content(content, depth);
    if (anchor !== undefined) {
      this.anchors.set(anchor, value);
      this.anchored.push(value);
    }
    return value;
  }

  private content(node: Node, depth: number): YNode {
    const span = this.span(node);
    switch (node.type) {
      case 'block_mapping':
      case 'flow_mapping': {
        const entries: YEntry[] = [];
        for (const pair of node.namedChildren) {
          if (pair.type !== 'block_mapping_pair' && pair.type !== 'flow_pair') continue;
          const k = pair.childForFieldName('key');
          const v = pair.childForFieldName('value');
          if (k === null) continue;
          const keyNode = this.node(k, depth + 1);
          if (keyNode.kind !== 'scalar') continue;
          entries.push({ key: keyNode.raw, keySpan: keyNode.span, value: v === null ? undefined : this.node(v, depth + 1), span: this.span(pair) });
        }
        return { kind: 'map', style: node.type === 'block_mapping' ? 'block' : 'flow', entries, span };
      }
      case 'block_sequence':
      case 'flow_sequence': {
        const items: YNode[] = [];
        for (const item of node.namedChildren) {
          if (item.type === 'block_sequence_item') {
            const inner = item.namedChildren.find((n) => n.type === 'block_node' || n.type === 'flow_node');
            items.push(inner ? this.node(inner, depth + 1) : { kind: 'scalar', value: null, raw: '', quoted: false, span: this.span(item) });
          } else if (item.type === 'flow_node') {
            items.push(this.node(item, depth + 1));
          } else if (item.type === 'flow_pair') {
            items.push({ kind: 'opaque', span: this.span(item) });
          }
        }
        return { kind: 'seq', style: node.type === 'block_sequence' ? 'block' : 'flow', items, span };
      }
      case 'plain_scalar': {
        const inner = node.namedChildren[0];
        const raw = foldLines(this.source(node), false);
        let value: string | number | boolean | null = raw;
        switch (inner?.type) {
          case 'integer_scalar':
          case 'float_scalar': {
            const n = Number(raw);
            value = Number.isNaN(n) ? raw : n;
            break;
          }
          case 'boolean_scalar':
            value = raw.toLowerCase() === 'true';
            break;
          case 'null_scalar':
            value = null;
            break;
          default:
            break;
        }
        return { kind: 'scalar', value, raw, quoted: false, span };
      }
      case 'double_quote_scalar': {
        const raw = decodeDoubleQuoted(foldLines(this.source(node, 1, 1), true));
        return { kind: 'scalar', value: raw, raw, quoted: true, span };
      }
      case 'single_quote_scalar': {
        const raw = foldLines(this.source(node, 1, 1), false).replace(/''/g, "'");
        return { kind: 'scalar', value: raw, raw, quoted: true, span };
      }
      case 'block_scalar': {
        const raw = blockScalarValue(this.source(node), this.text.slice(span.end, this.end));
        return { kind: 'scalar', value: raw, raw, quoted: true, span };
      }
      case 'alias': {
        const name = node.namedChildren.find((n) => n.type === 'alias_name');
        const target = name ? this.anchors.get(this.source(name)) : undefined;
        return target ?? { kind: 'opaque', span };
      }
      case 'block_node':
      case 'flow_node':
        return this.node(node, depth + 1);
      default:
        return { kind: 'opaque', span };
    }
  }
}

function decodeDoubleQuoted(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(["\\/nrt0]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case '0': return '\0';
      case 'x':
      case 'u': return String.fromCharCode(parseInt(e.slice(1), 16));
      default: return e;
    }
  });
}

/**
 * Line folding of multi-line plain and quoted scalars (YAML 1.2 §7.3, §7.4): a line break between two
 * lines becomes a space, each empty line a \n, and the spaces around the breaks go. In double-quoted
 * scalars an escaped line break (`\` at the end of a line) joins the lines without a space.
 */
function foldLines(s: string, doubleQuoted: boolean): string {
  if (!/[\r\n]/.test(s)) return s;
  const lines = s.split(/\r\n|\r|\n/);
  const escapedBreak = (line: string): boolean => doubleQuoted && /(^|[^\\])(\\\\)*\\$/.test(line);
  let out = '';
  let empties = 0;
  let joinRaw = false;
  lines.forEach((line, i) => {
    const first = i === 0;
    const last = i === lines.length - 1;
    let content = first ? line : line.replace(/^[ \t]+/, '');
    const escaped = !last && escapedBreak(content);
    if (!last && !escaped) content = content.replace(/[ \t]+$/, '');
    if (!first && !last && content === '' && !escaped) {
      empties++;
      return;
    }
    if (!first) out += joinRaw ? '\n'.repeat(empties) : empties > 0 ? '\n'.repeat(empties) : ' ';
    empties = 0;
    joinRaw = escaped;
    out += escaped ? content.slice(0, -1) : content;
  });
  return out;
}

/**
 * The value of a `|` (literal) or `>` (folded) block scalar, with its chomping indicator (`-` strip,
 * `+` keep, default clip: one final line break). `after` is the text following the node, which holds
 * the trailing empty lines that `+` keeps (the node ends with the last non-empty line).
 */
function blockScalarValue(raw: string, after: string): string {
  const [header = '', ...lines] = raw.split(/\r\n|\r|\n/);
  const indicators = header.replace(/\s#.*$/, '');
  const folded = indicators.startsWith('>');
  const chomping = indicators.includes('-') ? 'strip' : indicators.includes('+') ? 'keep' : 'clip';
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  const content = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
  let out = '';
  let empties = 0;
  let seen = false;
  let moreIndented = false;
  for (const line of content) {
    if (line === '') {
      empties++;
      continue;
    }
    if (!folded) out += '\n'.repeat(seen ? 1 + empties : empties);
    else if (/^[ \t]/.test(line)) {
      // more-indented lines keep their line breaks
      out += '\n'.repeat(seen ? 1 + empties : empties);
      moreIndented = true;
    } else if (moreIndented) {
      out += '\n'.repeat(1 + empties);
      moreIndented = false;
    } else if (empties > 0) out += '\n'.repeat(empties);
    else if (seen) out += ' ';
    out += line;
    empties = 0;
    seen = true;
  }
  if (chomping === 'clip') return seen ? out + '\n' : out;
  if (chomping === 'strip') return out;
  const trailing = /^[ \t]*(?:\r\n|\r|\n)((?:[ \t]*(?:\r\n|\r|\n))*)/.exec(after);
  const extra = trailing ? (trailing[1]!.match(/\r\n|\r|\n/g) ?? []).length : 0;
  return out + '\n'.repeat((seen ? 1 : 0) + empties + extra);
}

/** Looks a key up in a map; undefined for anything that is not a map. */
export function get(node: YNode | undefined, key: string): YNode | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.entries.find((e) => e.key === key)?.value;
}

export function entry(node: YNode | undefined, key: string): YEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.entries.find((e) => e.key === key);
}

/** Follows a dotted path of map keys. */
export function getPath(node: YNode | undefined, path: readonly string[]): YNode | undefined {
  let current = node;
  for (const key of path) current = get(current, key);
  return current;
}

export function scalarString(node: YNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

/**
 * Booleans as Kubernetes reads them: sigs.k8s.io/yaml decodes YAML 1.1, where unquoted
 * yes/no/on/off/y/n are booleans too. Quoted strings are never booleans.
 */
export function asBoolean(node: YNode | undefined): boolean | undefined {
  if (node?.kind !== 'scalar') return undefined;
  if (typeof node.value === 'boolean') return node.value;
  if (node.quoted) return undefined;
  if (/^(y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE)$/.test(node.raw)) return true;
  if (/^(n|N|no|No|NO|off|Off|OFF|false|False|FALSE)$/.test(node.raw)) return false;
  return undefined;
}

export function asNumber(node: YNode | undefined): number | undefined {
  if (node?.kind !== 'scalar') return undefined;
  if (typeof node.value === 'number') return node.value;
  if (!node.quoted && /^-?\d+$/.test(node.raw)) return Number(node.raw);
  return undefined;
}
