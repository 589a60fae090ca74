import type { Node, Tree } from 'web-tree-sitter';
import { MAX_MODEL_NESTING, NestingTooDeep } from '../nesting';
import type { Span } from '../span';
import type { Operator, RefStep, TfAttribute, TfBlock, TfComment, TfExpr, TfFile, TfForExpr, TfObjectEntry } from './types';

/**
 * Tree → TfFile. This is the only code that knows the node types of the HCL/Terraform grammar
 * (@tree-sitter-grammars/tree-sitter-hcl). Syntax errors never throw: erroneous blocks are kept
 * with `hasErrors`, and unknown expression shapes become `{ kind: 'other' }`. Only nesting deeper than
 * MAX_MODEL_NESTING throws (NestingTooDeep): the file is then not analysed at all.
 */
export function extractTerraform(uri: string, kind: TfFile['kind'], tree: Tree, text: string): TfFile {
  const root = tree.rootNode;
  const comments: TfComment[] = [];
  const body = root.namedChildren.find((n) => n.type === 'body');
  for (const child of root.namedChildren) if (child.type === 'comment') comments.push(comment(child, text));
  const { attributes, blocks } = body ? readBody(body, text, comments) : { attributes: new Map<string, TfAttribute>(), blocks: [] };
  // Source order (root-level comments were read first): the incremental extractor produces the same.
  comments.sort((a, b) => a.span.start - b.span.start);
  return { uri, kind, blocks, attributes, comments, hasErrors: root.hasError };
}

/** What the top-level nodes in one region of a file say (see model/terraform/incremental.ts). */
export interface TopLevelItems {
  readonly blocks: TfBlock[];
  readonly attributes: TfAttribute[];
  readonly comments: TfComment[];
}

/**
 * The top-level nodes of `tree` (children of the root and of the file's body), in source order:
 * the incremental extractor re-reads only those overlapping an edited region. Each node is read
 * exactly as extractTerraform reads it.
 */
export function topLevelNodes(tree: Tree): { readonly nodes: readonly Node[]; readonly hasErrors: boolean } {
  const root = tree.rootNode;
  const nodes: Node[] = [];
  for (const child of root.namedChildren) {
    if (child.type === 'comment') nodes.push(child);
    else if (child.type === 'body') nodes.push(...child.namedChildren);
  }
  nodes.sort((a, b) => a.startIndex - b.startIndex);
  return { nodes, hasErrors: root.hasError };
}

/** Reads top-level nodes (from topLevelNodes) into blocks, attributes (all of them, duplicates included) and comments. */
export function readTopLevel(nodes: readonly Node[], text: string): TopLevelItems {
  const items: TopLevelItems = { blocks: [], attributes: [], comments: [] };
  for (const node of nodes) {
    switch (node.type) {
      case 'attribute': {
        const attribute = readAttribute(node, text);
        if (attribute !== undefined) items.attributes.push(attribute);
        break;
      }
      case 'block': {
        const block = readBlock(node, text, items.comments);
        if (block !== undefined) items.blocks.push(block);
        break;
      }
      case 'comment':
        items.comments.push(comment(node, text));
        break;
      default:
        break;
    }
  }
  return items;
}

/** How deep the expression or block being read is nested (extraction is synchronous and never re-entered). */
let nesting = 0;

/** Every recursion of the extractor passes here (readPrimary, readBlock): too deep a file throws NestingTooDeep. */
function nested<T>(read: () => T): T {
  if (nesting >= MAX_MODEL_NESTING) throw new NestingTooDeep();
  nesting++;
  try {
    return read();
  } finally {
    nesting--;
  }
}

function spanOf(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}

function comment(node: Node, text: string): TfComment {
  // The grammar's `#`/`//` comments run to the \n, so in CRLF files they include the \r: leave it out.
  let end = node.endIndex;
  while (end > node.startIndex && text[end - 1] === '\r') end--;
  return { text: text.slice(node.startIndex, end), span: { start: node.startIndex, end } };
}

function readBody(body: Node, text: string, comments: TfComment[]): { attributes: Map<string, TfAttribute>; blocks: TfBlock[] } {
  const attributes = new Map<string, TfAttribute>();
  const blocks: TfBlock[] = [];
  for (const child of body.namedChildren) {
    switch (child.type) {
      case 'attribute': {
        const attribute = readAttribute(child, text);
        if (attribute !== undefined && !attributes.has(attribute.name)) attributes.set(attribute.name, attribute);
        break;
      }
      case 'block': {
        const block = readBlock(child, text, comments);
        if (block !== undefined) blocks.push(block);
        break;
      }
      case 'comment':
        comments.push(comment(child, text));
        break;
      default:
        break; // ERROR nodes and anything unexpected are skipped; the enclosing block has hasErrors.
    }
  }
  return { attributes, blocks };
}

function readAttribute(node: Node, text: string): TfAttribute | undefined {
  const name = node.namedChildren.find((n) => n.type === 'identifier');
  const value = node.namedChildren.find((n) => n.type === 'expression');
  if (name === undefined) return undefined;
  return {
    name: text.slice(name.startIndex, name.endIndex),
    nameSpan: spanOf(name),
    span: spanOf(node),
    expr: value === undefined ? { kind: 'other', text: '', span: { start: node.endIndex, end: node.endIndex } } : readExpression(value, text),
  };
}

function readBlock(node: Node, text: string, comments: TfComment[]): TfBlock | undefined {
  return nested(() => readBlockNode(node, text, comments));
}

function readBlockNode(node: Node, text: string, comments: TfComment[]): TfBlock | undefined {
  let type: string | undefined;
  const labels: string[] = [];
  let headerEnd = node.startIndex;
  let bodyStart = node.endIndex;
  let closeBrace = node.endIndex;
  let bodyNode: Node | undefined;
  for (const child of node.children) {
    switch (child.type) {
      case 'identifier':
        if (type === undefined) type = text.slice(child.startIndex, child.endIndex);
        else labels.push(text.slice(child.startIndex, child.endIndex));
        headerEnd = child.endIndex;
        break;
      case 'string_lit':
        labels.push(stringContent(child, text));
        headerEnd = child.endIndex;
        break;
      case 'block_start':
        bodyStart = child.endIndex;
        break;
      case 'body':
        bodyNode = child;
        break;
      case 'block_end':
        if (!child.isMissing) closeBrace = child.startIndex;
        break;
      case 'comment':
        comments.push(comment(child, text));
        break;
      default:
        break;
    }
  }
  if (type === undefined) return undefined;
  const { attributes, blocks } = bodyNode ? readBody(bodyNode, text, comments) : { attributes: new Map<string, TfAttribute>(), blocks: [] };
  return {
    type,
    labels,
    span: spanOf(node),
    headerSpan: { start: node.startIndex, end: headerEnd },
    attributes,
    blocks,
    bodyStart,
    closeBrace,
    hasErrors: node.hasError,
  };
}

/** The value of a `"…"` string literal (escapes decoded; interpolations kept as written). */
function stringContent(node: Node, text: string): string {
  const raw = text.slice(node.startIndex, node.endIndex);
  return decodeEscapes(raw.startsWith('"') ? raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined) : raw);
}

function decodeEscapes(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(["\\nrt]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g, (_m, c: string) =>
    c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c.length > 1 ? codePoint(parseInt(c.slice(1), 16)) : c,
  );
}

function codePoint(n: number): string {
  return n <= 0x10ffff ? String.fromCodePoint(n) : '\uFFFD';
}

/** `$${` and `%%{` are the template escapes for a literal `${` and `%{`. */
function decodeTemplateEscapes(s: string): string {
  return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

interface TemplateBody {
  readonly start: number;
  readonly end: number;
  /** The value of the literal text in [from, to): escapes decoded, heredoc indentation removed. */
  literal(from: number, to: number): string;
}

/** Where the literal content of a quoted or heredoc template lies, and how to read it. */
function templateBody(tpl: Node, text: string): TemplateBody | undefined {
  if (tpl.type === 'quoted_template') {
    const open = tpl.children.find((n) => n.type === 'quoted_template_start');
    const close = tpl.children.find((n) => n.type === 'quoted_template_end');
    if (open === undefined || close === undefined) return undefined;
    return { start: open.endIndex, end: close.startIndex, literal: (from, to) => decodeTemplateEscapes(decodeEscapes(text.slice(from, to))) };
  }
  if (tpl.type !== 'heredoc_template') return undefined;
  const ids = tpl.children.filter((n) => n.type === 'heredoc_identifier');
  const heredocStart = tpl.children.find((n) => n.type === 'heredoc_start');
  const open = ids[0];
  const close = ids[ids.length - 1];
  if (open === undefined || close === undefined || ids.length < 2) return undefined;
  // The content starts on the line after `<<EOT` and ends with the line break before the closing marker.
  let start = open.endIndex;
  if (text.startsWith('\r\n', start)) start += 2;
  else if (text[start] === '\n') start += 1;
  let end = close.startIndex;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  // `<<-EOT`: the smallest indentation of the non-blank lines is removed from every line.
  const removed: { start: number; end: number }[] = [];
  if (heredocStart !== undefined && text.slice(heredocStart.startIndex, heredocStart.endIndex).includes('-')) {
    const lines: { start: number; indent: number; blank: boolean }[] = [];
    for (let at = start; at < end; ) {
      let i = at;
      while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
      const blank = i >= end || text[i] === '\n' || text[i] === '\r';
      lines.push({ start: at, indent: i - at, blank });
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= end) break;
      at = nl + 1;
    }
    const indents = lines.filter((l) => !l.blank).map((l) => l.indent);
    const strip = indents.length > 0 ? Math.min(...indents) : 0;
    for (const l of lines) if (strip > 0) removed.push({ start: l.start, end: l.start + Math.min(strip, l.indent) });
  }
  return {
    start,
    end,
    literal: (from, to) => {
      let out = '';
      let at = from;
      for (const r of removed) {
        if (r.end <= at || r.start >= to) continue;
        out += text.slice(at, Math.max(at, r.start));
        at = Math.max(at, r.end);
      }
      if (at < to) out += text.slice(at, to);
      return decodeTemplateEscapes(out);
    },
  };
}

function readExpression(node: Node, text: string): TfExpr {
  const span = spanOf(node);
  const raw = (): TfExpr => ({ kind: 'other', text: text.slice(node.startIndex, node.endIndex), span });
  // A half-typed expression is not known: error recovery may have invented tokens (e.g. `x =` becomes `x = {}`).
  if (node.hasError) return raw();
  if (node.type !== 'expression') return readPrimary(node, text) ?? raw();
  return readTerm(node.namedChildren, text) ?? raw();
}

/**
 * An expression term written as a run of sibling nodes: the grammar inlines traversals
 * (`variable_expr get_attr index …`) into their parent, e.g. into the operands of an operation.
 */
function readTerm(nodes: readonly Node[], text: string): TfExpr | undefined {
  const head = nodes[0];
  const last = nodes[nodes.length - 1];
  if (head === undefined || last === undefined) return undefined;
  const span = { start: head.startIndex, end: last.endIndex };
  if (nodes.some((n) => n.hasError)) return { kind: 'other', text: text.slice(span.start, span.end), span };
  if (head.type === 'variable_expr') {
    const path: RefStep[] = [{ name: text.slice(head.startIndex, head.endIndex) }];
    for (const step of nodes.slice(1)) {
      if (!appendStep(step, text, path)) return { kind: 'other', text: text.slice(span.start, span.end), span };
    }
    return { kind: 'reference', path, text: text.slice(span.start, span.end), span };
  }
  if (nodes.length > 1) return { kind: 'other', text: text.slice(span.start, span.end), span };
  return readPrimary(head, text);
}

const BINARY_OPERATORS: ReadonlySet<string> = new Set(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);

/** `!a`, `-a`, `a op b`; operands are runs of sibling nodes around the operator token. */
function readOperation(node: Node, text: string): TfExpr | undefined {
  const op = node.namedChildren[0];
  if (op === undefined) return undefined;
  const span = spanOf(node);
  const children = op.children;
  if (op.type === 'unary_operation') {
    const token = children[0];
    if (token === undefined || (token.type !== '!' && token.type !== '-')) return undefined;
    const operand = readTerm(children.slice(1).filter((c) => c.isNamed), text);
    return operand === undefined ? undefined : { kind: 'operation', operator: token.type === '!' ? '!' : 'neg', operands: [operand], text: text.slice(span.start, span.end), span };
  }
  if (op.type !== 'binary_operation') return undefined;
  const at = children.findIndex((c) => !c.isNamed && BINARY_OPERATORS.has(c.type));
  if (at < 0) return undefined;
  const left = readTerm(children.slice(0, at).filter((c) => c.isNamed), text);
  const right = readTerm(children.slice(at + 1).filter((c) => c.isNamed), text);
  if (left === undefined || right === undefined) return undefined;
  return { kind: 'operation', operator: children[at]!.type as Operator, operands: [left, right], text: text.slice(span.start, span.end), span };
}

/** `[for k, v in coll : value if cond]` and `{for k, v in coll : key => value... if cond}`. */
function readFor(node: Node, text: string): TfForExpr | undefined {
  const form = node.namedChildren[0];
  if (form === undefined || (form.type !== 'for_tuple_expr' && form.type !== 'for_object_expr')) return undefined;
  const intro = form.namedChildren.find((n) => n.type === 'for_intro');
  const symbols = intro?.namedChildren.filter((n) => n.type === 'identifier').map((n) => text.slice(n.startIndex, n.endIndex)) ?? [];
  const collectionNode = intro?.namedChildren.find((n) => n.type === 'expression');
  const bodies = form.namedChildren.filter((n) => n.type === 'expression').map((n) => readExpression(n, text));
  const condNode = form.namedChildren.find((n) => n.type === 'for_cond')?.namedChildren.find((n) => n.type === 'expression');
  const object = form.type === 'for_object_expr';
  if (collectionNode === undefined || symbols.length < 1 || symbols.length > 2 || bodies.length !== (object ? 2 : 1)) return undefined;
  const valueVar = symbols[symbols.length - 1]!;
  return {
    kind: 'for',
    ...(symbols.length === 2 ? { keyVar: symbols[0]! } : {}),
    valueVar,
    collection: readExpression(collectionNode, text),
    object,
    ...(object ? { key: bodies[0]! } : {}),
    value: bodies[bodies.length - 1]!,
    ...(condNode !== undefined ? { condition: readExpression(condNode, text) } : {}),
    grouping: form.children.some((c) => c.type === 'ellipsis'),
    text: text.slice(node.startIndex, node.endIndex),
    span: spanOf(node),
  };
}

function appendStep(step: Node, text: string, path: RefStep[]): boolean {
  switch (step.type) {
    case 'get_attr': {
      const id = step.namedChildren.find((n) => n.type === 'identifier');
      if (id === undefined) return false;
      path.push({ name: text.slice(id.startIndex, id.endIndex) });
      return true;
    }
    case 'index': {
      const inner = step.namedChildren[0];
      if (inner === undefined) return false;
      if (inner.type === 'legacy_index') {
        path.push({ index: Number(text.slice(inner.startIndex, inner.endIndex).replace(/^\./, '')) });
        return true;
      }
      const e = inner.namedChildren.find((n) => n.type === 'expression');
      if (e === undefined) return false;
      const v = readExpression(e, text);
      if (v.kind === 'literal' && (typeof v.value === 'string' || typeof v.value === 'number')) path.push({ index: v.value });
      else path.push({ computed: v });
      return true;
    }
    case 'splat': {
      path.push({ splat: true });
      const inner = step.namedChildren[0];
      for (const s of inner?.namedChildren ?? []) if (!appendStep(s, text, path)) return false;
      return true;
    }
    default:
      return false;
  }
}

function readPrimary(node: Node, text: string): TfExpr | undefined {
  return nested(() => readPrimaryNode(node, text));
}

function readPrimaryNode(node: Node, text: string): TfExpr | undefined {
  const span = spanOf(node);
  switch (node.type) {
    case 'literal_value': {
      const lit = node.namedChildren[0];
      if (lit === undefined) return undefined;
      const t = text.slice(lit.startIndex, lit.endIndex);
      if (lit.type === 'numeric_lit') return { kind: 'literal', value: Number(t), span };
      if (lit.type === 'bool_lit') return { kind: 'literal', value: t === 'true', span };
      if (lit.type === 'null_lit') return { kind: 'literal', value: null, span };
      if (lit.type === 'string_lit') return lit.hasError ? undefined : { kind: 'literal', value: decodeTemplateEscapes(stringContent(lit, text)), span };
      return undefined;
    }
    case 'template_expr': {
      const tpl = node.namedChildren[0];
      if (tpl === undefined || tpl.hasError) return undefined;
      const body = templateBody(tpl, text);
      if (body === undefined) return undefined;
      // Literal parts are the text between interpolations, not the template_literal nodes: the grammar
      // leaves leading and trailing spaces of a literal run out of those nodes.
      const parts: (string | TfExpr)[] = [];
      let cursor = body.start;
      const literalUpTo = (end: number): void => {
        const s = end > cursor ? body.literal(cursor, end) : '';
        if (s !== '') parts.push(s);
      };
      for (const part of tpl.namedChildren) {
        if (part.type === 'template_interpolation') {
          const e = part.namedChildren.find((n) => n.type === 'expression');
          if (e === undefined) return undefined;
          literalUpTo(part.startIndex);
          parts.push(readExpression(e, text));
          cursor = part.endIndex;
        } else if (part.type === 'template_directive') return undefined;
      }
      literalUpTo(body.end);
      if (parts.every((p) => typeof p === 'string')) return { kind: 'literal', value: parts.join(''), span };
      return { kind: 'template', parts, span };
    }
    case 'collection_value': {
      const c = node.namedChildren[0];
      if (c === undefined) return undefined;
      if (c.type === 'tuple') {
        return { kind: 'tuple', items: c.namedChildren.filter((n) => n.type === 'expression').map((n) => readExpression(n, text)), span };
      }
      if (c.type === 'object') {
        const entries: TfObjectEntry[] = [];
        for (const elem of c.namedChildren) {
          if (elem.type !== 'object_elem') continue;
          const k = elem.childForFieldName('key');
          const v = elem.childForFieldName('val');
          if (k === null || v === null) continue;
          const keyExpr = readExpression(k, text);
          const key =
            keyExpr.kind === 'literal' && typeof keyExpr.value === 'string'
              ? keyExpr.value
              : keyExpr.kind === 'reference' && keyExpr.path.length === 1 && 'name' in keyExpr.path[0]!
                ? keyExpr.path[0].name
                : undefined;
          entries.push({ key, keySpan: spanOf(k), value: readExpression(v, text) });
        }
        return { kind: 'object', entries, span };
      }
      return undefined;
    }
    case 'function_call': {
      const id = node.namedChildren.find((n) => n.type === 'identifier');
      const args = node.namedChildren.find((n) => n.type === 'function_arguments');
      if (id === undefined) return undefined;
      return {
        kind: 'call',
        name: text.slice(id.startIndex, id.endIndex),
        args: (args?.namedChildren ?? []).filter((n) => n.type === 'expression').map((n) => readExpression(n, text)),
        span,
      };
    }
    case 'conditional': {
      const parts = node.namedChildren.filter((n) => n.type === 'expression');
      if (parts.length !== 3) return undefined;
      return { kind: 'conditional', condition: readExpression(parts[0]!, text), then: readExpression(parts[1]!, text), otherwise: readExpression(parts[2]!, text), span };
    }
    case 'operation':
      return readOperation(node, text);
    case 'for_expr':
      return readFor(node, text);
    case 'expression':
      return readExpression(node, text);
    default:
      return undefined;
  }
}
