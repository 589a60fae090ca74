import type { Location, Span } from '../../model/span';
import { UNKNOWN, type Resolved, type Value } from '../../model/terraform/evaluate';
import type { Located, TfModule } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import type { Related, TerraformContext } from '../types';

/**
 * Reads IAM-style policy documents (IAM, S3 bucket, KMS key policies) however they are written in
 * Terraform, into one normalised list of statements:
 *
 * - `jsonencode({ … })`, read structurally so every element keeps its own span;
 * - JSON strings: quoted, heredoc, templates with interpolations (known parts are rendered, unknown
 *   ones stay symbolic, e.g. `${aws_s3_bucket.phi.arn}/*`), variable defaults and tfvars values;
 * - `data "aws_iam_policy_document"` referenced as `data.aws_iam_policy_document.<name>.json`
 *   (statement blocks, dynamic statements, source/override documents merged by sid);
 * - locals holding any of these, and conditionals whose condition is known.
 *
 * Nothing is guessed. Unknown values become terms without a value; what cannot be read at all
 * (`file()`, `templatefile()`, attributes of other resources, module outputs, invalid JSON) is a gap
 * with a reason, for the rule's cannotDetermine. The server never reads other files for rules.
 */

/** A string in a policy: its value when known; `text` reads like the source (`${…}` around unknown parts). */
export interface Term {
  readonly value: string | undefined;
  readonly text: string;
  readonly at: Location;
}

/** A list of terms (`Action`, `Resource`, `identifiers`, condition values). */
export interface Terms {
  readonly items: readonly Term[];
  /** False when the list may hold items not in `items` (an unknown list, a splice, a nested list). */
  readonly complete: boolean;
  readonly at: Location;
}

/** One principal type with its identifiers. `"Principal": "*"` is `{ type: "*", ids: ["*"] }`. */
export interface Principal {
  readonly type: Term;
  readonly ids: Terms;
}

export interface Principals {
  readonly entries: readonly Principal[];
  readonly complete: boolean;
  readonly at: Location;
}

/** `"Condition": { "<operator>": { "<key>": <values> } }` or a `condition { test, variable, values }` block. */
export interface Condition {
  readonly operator: Term;
  readonly key: Term;
  readonly values: Terms;
  readonly at: Location;
}

export interface PolicyStatement {
  readonly at: Location;
  readonly sid?: Term;
  /** Absent in JSON means an invalid statement; a data source statement without `effect` is Allow. */
  readonly effect?: Term;
  readonly principals?: Principals;
  readonly notPrincipals?: Principals;
  readonly actions?: Terms;
  readonly notActions?: Terms;
  readonly resources?: Terms;
  readonly notResources?: Terms;
  readonly conditions: readonly Condition[];
  /** False when conditions may exist that are not in `conditions` (unknown or dynamic). */
  readonly conditionsComplete: boolean;
  /** False when the statement may not exist (a dynamic statement block whose for_each is unknown). */
  readonly certain: boolean;
  /** `data.aws_iam_policy_document.<name>` when the statement is a statement block of that data source. */
  readonly dataSource?: string;
}

/** A part of the policy that cannot be read statically. */
export interface Gap {
  readonly at: Location;
  readonly reason: string;
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
  /** Empty when every statement is known to be in `statements`. */
  readonly gaps: readonly Gap[];
}

/** What the reader needs from a rule context. */
export interface PolicyContext {
  readonly module: TfModule;
  readonly text: string;
  readonly file: { readonly uri: string };
  evaluate(expr: TfExpr): Resolved;
}

export const POLICY_DOCUMENT = 'aws_iam_policy_document';
const MAX_DEPTH = 8;

// ---------------------------------------------------------------------------------------------
// Entry points

/** Reads a policy-valued attribute (`policy = …`) written at `uri`. */
export function readPolicy(ctx: PolicyContext, uri: string, expr: TfExpr, depth = 0): PolicyDocument {
  const at: Location = { uri, span: expr.span };
  if (depth > MAX_DEPTH) return gap(at, 'the policy is nested too deeply to resolve');
  switch (expr.kind) {
    case 'call': {
      if (expr.name === 'jsonencode' && expr.args.length === 1) return documentOf(structural(ctx, uri, expr.args[0]!, depth + 1));
      if (['file', 'templatefile', 'filebase64'].includes(expr.name)) return gap(at, `the policy is rendered by ${expr.name}() at plan time; files are not read`);
      break;
    }
    case 'reference':
    case 'other': {
      const data = dataDocumentRef(expr);
      if (data !== undefined) {
        const found = ctx.module.dataSource(POLICY_DOCUMENT, data);
        if (found === undefined) return gap(at, `data.${POLICY_DOCUMENT}.${data} is not declared in this module`);
        return readDataDocument(ctx, found, true, depth + 1);
      }
      const local = localRef(expr);
      if (local !== undefined) {
        const decl = ctx.module.local(local);
        if (decl === undefined) return gap(at, `local.${local} is not declared in this module`);
        return readPolicy(ctx, decl.uri, decl.node.expr, depth + 1);
      }
      break;
    }
    case 'conditional': {
      const c = ctx.evaluate(expr.condition);
      if (c.known && typeof c.value === 'boolean') return readPolicy(ctx, uri, c.value ? expr.then : expr.otherwise, depth + 1);
      return gap(at, 'the policy is chosen by a condition that cannot be resolved statically');
    }
    default:
      break;
  }
  const json = jsonText(ctx, uri, expr);
  if ('reason' in json) return gap(json.at, json.reason);
  let root: JNode;
  try {
    root = new JsonReader(json.text).read();
  } catch {
    return gap(json.fallback, 'the policy is not valid JSON once rendered (or interpolations make it unreadable)');
  }
  return documentOf(fromJson(root, json));
}

/**
 * Reads a `data "aws_iam_policy_document"` block. With `merge`, the statements of
 * `source_policy_documents`/`source_json` and `override_policy_documents`/`override_json` are merged
 * in as Terraform does (later statements replace earlier ones with the same non-empty sid).
 */
export function readDataDocument(ctx: PolicyContext, data: Located<TfBlock>, merge: boolean, depth = 0): PolicyDocument {
  const address = `data.${POLICY_DOCUMENT}.${resourceName(data.node)}`;
  const gaps: Gap[] = [];
  const own: PolicyStatement[] = [];
  for (const child of data.node.blocks) {
    if (child.type === 'statement') own.push(statementOfBlock(ctx, data.uri, child, true, address));
    else if (child.type === 'dynamic' && child.labels[0] === 'statement') {
      const forEach = child.attributes.get('for_each');
      const count = forEach === undefined ? undefined : collectionSize(ctx.evaluate(forEach.expr));
      if (count === 0) continue;
      const contents = child.blocks.filter((b) => b.type === 'content');
      for (const content of contents) own.push(statementOfBlock(ctx, data.uri, content, count !== undefined, address));
      if (contents.length === 0) gaps.push({ at: { uri: data.uri, span: child.headerSpan }, reason: 'a dynamic statement block has no content' });
    }
  }
  if (!merge) return { statements: own, gaps };
  const documents = (names: readonly string[]): PolicyDocument[] => {
    const out: PolicyDocument[] = [];
    for (const name of names) {
      const attr = data.node.attributes.get(name);
      if (attr === undefined) continue;
      const at: Location = { uri: data.uri, span: attr.expr.span };
      if (attr.expr.kind === 'tuple') {
        for (const item of attr.expr.items) out.push(readPolicy(ctx, data.uri, item, depth + 1));
        continue;
      }
      const resolved = ctx.evaluate(attr.expr);
      if (resolved.known && (resolved.value === null || (Array.isArray(resolved.value) && resolved.value.length === 0))) continue;
      if (name.endsWith('_json')) out.push(readPolicy(ctx, data.uri, attr.expr, depth + 1));
      else out.push(gap(at, `${name} cannot be resolved statically`));
    }
    return out;
  };
  const sources = documents(['source_policy_documents', 'source_json']);
  const overrides = documents(['override_policy_documents', 'override_json']);
  let statements: PolicyStatement[] = [];
  for (const d of sources) {
    statements.push(...d.statements);
    gaps.push(...d.gaps);
  }
  statements = overlay(statements, own, gaps);
  for (const d of overrides) {
    statements = overlay(statements, d.statements, gaps);
    gaps.push(...d.gaps);
  }
  return { statements, gaps };
}

/** `data.aws_iam_policy_document.<name>.json` (also `[index]`, `.minified_json`) → name. */
export function dataDocumentRef(expr: TfExpr): string | undefined {
  const text = expr.kind === 'reference' || expr.kind === 'other' ? expr.text : expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object' ? textOf(expr.parts[0]) : undefined;
  const m = text === undefined ? null : /^data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)\s*(\[[^\]]*\])?\.(json|minified_json)$/.exec(text.trim());
  return m === null ? undefined : m[1];
}

function textOf(expr: TfExpr): string | undefined {
  return expr.kind === 'reference' || expr.kind === 'other' ? expr.text : undefined;
}

function localRef(expr: TfExpr): string | undefined {
  if (expr.kind !== 'reference' || expr.path.length !== 2) return undefined;
  const [a, b] = expr.path;
  return a !== undefined && b !== undefined && 'name' in a && a.name === 'local' && 'name' in b ? b.name : undefined;
}

function gap(at: Location, reason: string): PolicyDocument {
  return { statements: [], gaps: [{ at, reason }] };
}

function collectionSize(resolved: Resolved): number | undefined {
  if (!resolved.known) return undefined;
  const v = resolved.value;
  if (Array.isArray(v)) return (v as readonly Value[]).length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  return undefined;
}

function overlay(base: readonly PolicyStatement[], top: readonly PolicyStatement[], gaps: Gap[]): PolicyStatement[] {
  const out = [...base];
  for (const s of top) {
    const sid = s.sid;
    if (sid !== undefined && sid.value === undefined && out.length > 0) {
      gaps.push({ at: sid.at, reason: 'a statement sid cannot be resolved statically; it may replace another statement' });
    }
    const i = sid?.value ? out.findIndex((b) => b.sid?.value === sid.value) : -1;
    if (i >= 0) out[i] = s;
    else out.push(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A structural, span-keeping view of a policy (from jsonencode or from parsed JSON)

type PNode =
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, PNode>; readonly unknownKeys: boolean; readonly at: Location }
  | { readonly kind: 'list'; readonly items: readonly PNode[]; readonly at: Location }
  | { readonly kind: 'scalar'; readonly value: string | undefined; readonly text: string; readonly at: Location }
  | { readonly kind: 'null'; readonly at: Location }
  | { readonly kind: 'unknown'; readonly text: string; readonly at: Location };

function structural(ctx: PolicyContext, uri: string, expr: TfExpr, depth: number): PNode {
  const at: Location = { uri, span: expr.span };
  if (depth > MAX_DEPTH) return { kind: 'unknown', text: '${…}', at };
  switch (expr.kind) {
    case 'object': {
      const entries = new Map<string, PNode>();
      let unknownKeys = false;
      for (const e of expr.entries) {
        if (e.key === undefined) unknownKeys = true;
        else entries.set(e.key, structural(ctx, uri, e.value, depth + 1));
      }
      return { kind: 'object', entries, unknownKeys, at };
    }
    case 'tuple':
      return { kind: 'list', items: expr.items.map((i) => structural(ctx, uri, i, depth + 1)), at };
    case 'literal':
      return expr.value === null ? { kind: 'null', at } : { kind: 'scalar', value: String(expr.value), text: String(expr.value), at };
    case 'conditional': {
      const c = ctx.evaluate(expr.condition);
      if (c.known && typeof c.value === 'boolean') return structural(ctx, uri, c.value ? expr.then : expr.otherwise, depth + 1);
      break;
    }
    case 'reference': {
      const local = localRef(expr);
      if (local !== undefined) {
        const decl = ctx.module.local(local);
        if (decl !== undefined) return structural(ctx, decl.uri, decl.node.expr, depth + 1);
      }
      break;
    }
    default:
      break;
  }
  const resolved = ctx.evaluate(expr);
  if (!resolved.known) return unknownNode(ctx, expr, at);
  return fromValue(resolved.value, at, symbolic(ctx, expr));
}

/**
 * An expression whose value is unknown: a string when it is a template or an attribute that is
 * always a string (`aws_s3_bucket.phi.arn`, `each.value.id`), otherwise of unknown shape.
 */
function unknownNode(ctx: PolicyContext, expr: TfExpr, at: Location): PNode {
  const text = symbolic(ctx, expr);
  if (expr.kind === 'template' || /^\$\{((data\.)?aws_[a-z0-9_]+\.[\w-]+(\[[^\]]*\])?|each\.value)\.(arn|id|bucket|name|account_id|partition|key_id)\}$/.test(text)) {
    return { kind: 'scalar', value: undefined, text, at };
  }
  return { kind: 'unknown', text, at };
}

function fromValue(value: Value, at: Location, text: string): PNode {
  if (value === UNKNOWN) return { kind: 'unknown', text, at };
  if (value === null) return { kind: 'null', at };
  if (Array.isArray(value)) return { kind: 'list', items: (value as readonly Value[]).map((v) => fromValue(v, at, '${…}')), at };
  if (typeof value === 'object') {
    const entries = new Map<string, PNode>();
    for (const [k, v] of Object.entries(value as Record<string, Value>)) entries.set(k, fromValue(v, at, '${…}'));
    return { kind: 'object', entries, unknownKeys: false, at };
  }
  return { kind: 'scalar', value: String(value), text: String(value), at };
}

/** How an expression reads with its unknown parts kept as `${…}`: `${aws_s3_bucket.phi.arn}/*`. */
function symbolic(ctx: PolicyContext, expr: TfExpr): string {
  switch (expr.kind) {
    case 'literal':
      return String(expr.value);
    case 'reference':
    case 'other':
      return '${' + expr.text + '}';
    case 'template':
      return expr.parts
        .map((p) => {
          if (typeof p === 'string') return p;
          const v = ctx.evaluate(p);
          return v.known && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean') ? String(v.value) : symbolic(ctx, p);
        })
        .join('');
    case 'call':
      return '${' + expr.name + '(…)}';
    default:
      return '${…}';
  }
}

// ---------------------------------------------------------------------------------------------
// JSON strings

const PH_OPEN = '\uE000';
const PH_CLOSE = '\uE001';

interface JsonSource {
  readonly text: string;
  /** Symbolic text of each unknown interpolation, by placeholder index. */
  readonly placeholders: readonly string[];
  /** Literal runs of `text` found verbatim in the analysed file. */
  readonly segments: readonly { readonly from: number; readonly to: number; readonly src: number }[];
  readonly uri: string;
  readonly fallback: Location;
}

function jsonText(ctx: PolicyContext, uri: string, expr: TfExpr): JsonSource | { at: Location; reason: string } {
  const fallback: Location = { uri, span: expr.span };
  const inFile = uri === ctx.file.uri;
  const segments: { from: number; to: number; src: number }[] = [];
  let cursor = expr.span.start;
  const literal = (s: string, text: string): void => {
    if (!inFile || s === '') return;
    const i = ctx.text.indexOf(s, cursor);
    if (i >= 0 && i + s.length <= expr.span.end) {
      segments.push({ from: text.length, to: text.length + s.length, src: i });
      cursor = i + s.length;
    }
  };
  if (expr.kind === 'literal' && typeof expr.value === 'string') {
    literal(expr.value, '');
    return { text: expr.value, placeholders: [], segments, uri, fallback };
  }
  if (expr.kind === 'template') {
    let text = '';
    const placeholders: string[] = [];
    for (const part of expr.parts) {
      if (typeof part === 'string') {
        literal(part, text);
        text += part;
        continue;
      }
      cursor = Math.max(cursor, part.span.end);
      const v = ctx.evaluate(part);
      if (v.known && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean')) text += String(v.value);
      else {
        text += `${PH_OPEN}${placeholders.length}${PH_CLOSE}`;
        placeholders.push(symbolic(ctx, part));
      }
    }
    return { text, placeholders, segments, uri, fallback };
  }
  const resolved = ctx.evaluate(expr);
  if (!resolved.known) return { at: fallback, reason: `the policy ${resolved.text} cannot be resolved statically` };
  if (typeof resolved.value !== 'string') return { at: fallback, reason: 'the policy is not a JSON string' };
  const where: Location = resolved.origin ? { uri: resolved.origin.uri, span: resolved.origin.span } : fallback;
  return { text: resolved.value, placeholders: [], segments: [], uri: where.uri, fallback: where };
}

type JNode =
  | { readonly t: 'object'; readonly entries: readonly { readonly key: string | undefined; readonly value: JNode }[]; readonly start: number; readonly end: number }
  | { readonly t: 'array'; readonly items: readonly JNode[]; readonly start: number; readonly end: number }
  | { readonly t: 'string'; readonly value: string | undefined; readonly text: string; readonly start: number; readonly end: number }
  | { readonly t: 'scalar'; readonly value: string | null; readonly start: number; readonly end: number }
  | { readonly t: 'placeholder'; readonly index: number; readonly start: number; readonly end: number };

/** A strict JSON reader that keeps offsets and understands interpolation placeholders. */
class JsonReader {
  private pos = 0;
  constructor(private readonly s: string) {}

  read(): JNode {
    const v = this.value();
    this.ws();
    if (this.pos !== this.s.length) throw new Error('trailing text');
    return v;
  }

  private ws(): void {
    while (this.pos < this.s.length && ' \t\r\n'.includes(this.s[this.pos]!)) this.pos++;
  }

  private value(): JNode {
    this.ws();
    const start = this.pos;
    const c = this.s[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === PH_OPEN) return { t: 'placeholder', index: this.placeholder(), start, end: this.pos };
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { t: 'scalar', value: word === 'null' ? null : word, start, end: this.pos };
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.pos, this.pos + 64));
    if (m === null || m[0] === '') throw new Error('unexpected character');
    this.pos += m[0].length;
    return { t: 'scalar', value: String(Number(m[0])), start, end: this.pos };
  }

  private placeholder(): number {
    const close = this.s.indexOf(PH_CLOSE, this.pos);
    const index = Number(this.s.slice(this.pos + 1, close));
    this.pos = close + 1;
    return index;
  }

  private object(): JNode {
    const start = this.pos++;
    const entries: { key: string | undefined; value: JNode }[] = [];
    this.ws();
    if (this.s[this.pos] === '}') return { t: 'object', entries, start, end: ++this.pos };
    for (;;) {
      this.ws();
      const key = this.s[this.pos] === PH_OPEN ? (this.placeholder(), undefined) : this.expectString();
      this.ws();
      if (this.s[this.pos++] !== ':') throw new Error('expected :');
      entries.push({ key: key?.t === 'string' ? key.value : undefined, value: this.value() });
      this.ws();
      const c = this.s[this.pos++];
      if (c === '}') return { t: 'object', entries, start, end: this.pos };
      if (c !== ',') throw new Error('expected , or }');
    }
  }

  private array(): JNode {
    const start = this.pos++;
    const items: JNode[] = [];
    this.ws();
    if (this.s[this.pos] === ']') return { t: 'array', items, start, end: ++this.pos };
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.s[this.pos++];
      if (c === ']') return { t: 'array', items, start, end: this.pos };
      if (c !== ',') throw new Error('expected , or ]');
    }
  }

  private expectString(): Extract<JNode, { t: 'string' }> {
    if (this.s[this.pos] !== '"') throw new Error('expected a string');
    return this.string();
  }

  private string(): Extract<JNode, { t: 'string' }> {
    const start = this.pos++;
    let value = '';
    let text = '';
    let known = true;
    for (;;) {
      const c = this.s[this.pos];
      if (c === undefined) throw new Error('unterminated string');
      if (c === '"') {
        this.pos++;
        return { t: 'string', value: known ? value : undefined, text, start, end: this.pos };
      }
      if (c === PH_OPEN) {
        known = false;
        text += `${PH_OPEN}${this.placeholder()}${PH_CLOSE}`;
        continue;
      }
      if (c < ' ') throw new Error('control character in string');
      if (c === '\\') {
        const e = this.s[this.pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        let ch: string;
        if (e !== undefined && e in simple) {
          ch = simple[e]!;
          this.pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.pos + 2, this.pos + 6))) {
          ch = String.fromCharCode(parseInt(this.s.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else throw new Error('bad escape');
        value += ch;
        text += ch;
        continue;
      }
      value += c;
      text += c;
      this.pos++;
    }
  }
}

function fromJson(node: JNode, src: JsonSource): PNode {
  const at = locate(node.start, node.end, src);
  switch (node.t) {
    case 'object': {
      const entries = new Map<string, PNode>();
      let unknownKeys = false;
      for (const e of node.entries) {
        if (e.key === undefined) unknownKeys = true;
        else entries.set(e.key, fromJson(e.value, src));
      }
      return { kind: 'object', entries, unknownKeys, at };
    }
    case 'array':
      return { kind: 'list', items: node.items.map((i) => fromJson(i, src)), at };
    case 'string': {
      const text = node.text.replace(new RegExp(`${PH_OPEN}(\\d+)${PH_CLOSE}`, 'g'), (_m, i: string) => src.placeholders[Number(i)] ?? '${…}');
      return { kind: 'scalar', value: node.value, text, at };
    }
    case 'scalar':
      return node.value === null ? { kind: 'null', at } : { kind: 'scalar', value: node.value, text: node.value, at };
    case 'placeholder':
      return { kind: 'unknown', text: src.placeholders[node.index] ?? '${…}', at };
  }
}

/** The source span of text offsets [start, end) when both ends lie in literal runs found in the file. */
function locate(start: number, end: number, src: JsonSource): Location {
  const map = (o: number): number | undefined => {
    const seg = src.segments.find((s) => s.from <= o && o < s.to);
    return seg === undefined ? undefined : seg.src + (o - seg.from);
  };
  const a = map(start);
  const b = end > start ? map(end - 1) : undefined;
  if (a === undefined || b === undefined || b < a) return src.fallback;
  const span: Span = { start: a, end: b + 1 };
  return { uri: src.uri, span };
}

// ---------------------------------------------------------------------------------------------
// Normalising statements

function documentOf(root: PNode): PolicyDocument {
  if (root.kind === 'unknown') return gap(root.at, `the policy ${root.text} cannot be resolved statically`);
  if (root.kind !== 'object') return gap(root.at, 'the policy is not a JSON object');
  const gaps: Gap[] = [];
  const statement = root.entries.get('Statement');
  if (statement === undefined) {
    if (root.unknownKeys) gaps.push({ at: root.at, reason: 'the policy has keys that cannot be resolved statically' });
    return { statements: [], gaps };
  }
  const items = statement.kind === 'list' ? statement.items : [statement];
  const statements: PolicyStatement[] = [];
  for (const item of items) {
    if (item.kind === 'object') statements.push(statementOfObject(item));
    else if (item.kind === 'unknown') gaps.push({ at: item.at, reason: `the statement ${item.text} cannot be resolved statically` });
  }
  return { statements, gaps };
}

function termOf(node: PNode): Term | undefined {
  switch (node.kind) {
    case 'scalar':
      return { value: node.value, text: node.text, at: node.at };
    case 'unknown':
      return { value: undefined, text: node.text, at: node.at };
    default:
      return undefined;
  }
}

function termsOf(node: PNode | undefined): Terms | undefined {
  if (node === undefined || node.kind === 'null') return undefined;
  if (node.kind === 'scalar') return { items: [termOf(node)!], complete: true, at: node.at };
  if (node.kind === 'unknown') return { items: [termOf(node)!], complete: false, at: node.at };
  if (node.kind === 'object') return { items: [], complete: false, at: node.at };
  const items: Term[] = [];
  let complete = true;
  for (const item of node.items) {
    const t = item.kind === 'null' ? undefined : termOf(item);
    if (t !== undefined) items.push(t);
    // An item of unknown shape may be a list spliced in (a JSON interpolation) or a nested list.
    if (item.kind === 'unknown' || item.kind === 'list' || item.kind === 'object') complete = false;
  }
  return { items, complete, at: node.at };
}

function principalsOf(node: PNode | undefined): Principals | undefined {
  if (node === undefined || node.kind === 'null') return undefined;
  if (node.kind === 'scalar' || node.kind === 'unknown') {
    const t = termOf(node)!;
    return { entries: [{ type: t, ids: { items: [t], complete: node.kind === 'scalar', at: node.at } }], complete: node.kind === 'scalar', at: node.at };
  }
  if (node.kind === 'list') return { entries: [], complete: false, at: node.at };
  const entries: Principal[] = [];
  for (const [type, ids] of node.entries) {
    const terms = termsOf(ids) ?? { items: [], complete: true, at: ids.at };
    entries.push({ type: { value: type, text: type, at: ids.at }, ids: terms });
  }
  return { entries, complete: !node.unknownKeys, at: node.at };
}

function statementOfObject(o: Extract<PNode, { kind: 'object' }>): PolicyStatement {
  const field = (name: string): PNode | undefined => o.entries.get(name);
  const conditions: Condition[] = [];
  let conditionsComplete = !o.unknownKeys;
  const cond = field('Condition');
  if (cond !== undefined && cond.kind !== 'null') {
    if (cond.kind !== 'object') conditionsComplete = false;
    else {
      if (cond.unknownKeys) conditionsComplete = false;
      for (const [operator, keys] of cond.entries) {
        if (keys.kind !== 'object') {
          conditionsComplete = false;
          continue;
        }
        if (keys.unknownKeys) conditionsComplete = false;
        for (const [key, values] of keys.entries) {
          conditions.push({
            operator: { value: operator, text: operator, at: keys.at },
            key: { value: key, text: key, at: values.at },
            values: termsOf(values) ?? { items: [], complete: true, at: values.at },
            at: values.at,
          });
        }
      }
    }
  }
  const sid = field('Sid');
  const effect = field('Effect');
  const principals = principalsOf(field('Principal'));
  const notPrincipals = principalsOf(field('NotPrincipal'));
  const actions = termsOf(field('Action'));
  const notActions = termsOf(field('NotAction'));
  const resources = termsOf(field('Resource'));
  const notResources = termsOf(field('NotResource'));
  const sidTerm = sid === undefined ? undefined : termOf(sid);
  const effectTerm = effect === undefined ? undefined : termOf(effect);
  return {
    at: o.at,
    ...(sidTerm ? { sid: sidTerm } : {}),
    ...(effectTerm ? { effect: effectTerm } : o.unknownKeys ? { effect: { value: undefined, text: '${…}', at: o.at } } : {}),
    ...(principals ? { principals } : {}),
    ...(notPrincipals ? { notPrincipals } : {}),
    ...(actions ? { actions } : {}),
    ...(notActions ? { notActions } : {}),
    ...(resources ? { resources } : {}),
    ...(notResources ? { notResources } : {}),
    conditions,
    conditionsComplete,
    certain: true,
  };
}

function statementOfBlock(ctx: PolicyContext, uri: string, block: TfBlock, certain: boolean, dataSource: string): PolicyStatement {
  const header: Location = { uri, span: block.headerSpan };
  const term = (b: TfBlock, name: string): Term | undefined => {
    const attr = b.attributes.get(name);
    return attr === undefined ? undefined : exprTerm(ctx, uri, attr.expr);
  };
  const terms = (b: TfBlock, name: string): Terms | undefined => {
    const attr = b.attributes.get(name);
    return attr === undefined ? undefined : exprTerms(ctx, uri, attr.expr);
  };
  const principalBlocks = (type: string): Principals | undefined => {
    const found = nested(block, type);
    if (found.blocks.length === 0 && found.complete) return undefined;
    const entries: Principal[] = [];
    let complete = found.complete;
    for (const p of found.blocks) {
      const t = term(p, 'type');
      const ids = terms(p, 'identifiers');
      if (t === undefined || ids === undefined) complete = false;
      else entries.push({ type: t, ids });
    }
    return { entries, complete, at: { uri, span: (found.blocks[0] ?? block).headerSpan } };
  };
  const found = nested(block, 'condition');
  const conditions: Condition[] = [];
  let conditionsComplete = found.complete;
  for (const c of found.blocks) {
    const operator = term(c, 'test');
    const key = term(c, 'variable');
    const values = terms(c, 'values');
    if (operator === undefined || key === undefined || values === undefined) conditionsComplete = false;
    else conditions.push({ operator, key, values, at: { uri, span: c.headerSpan } });
  }
  const sid = term(block, 'sid');
  const effect = term(block, 'effect') ?? { value: 'Allow', text: 'Allow', at: header };
  const principals = principalBlocks('principals');
  const notPrincipals = principalBlocks('not_principals');
  const actions = terms(block, 'actions');
  const notActions = terms(block, 'not_actions');
  const resources = terms(block, 'resources');
  const notResources = terms(block, 'not_resources');
  return {
    at: header,
    ...(sid ? { sid } : {}),
    effect,
    ...(principals ? { principals } : {}),
    ...(notPrincipals ? { notPrincipals } : {}),
    ...(actions ? { actions } : {}),
    ...(notActions ? { notActions } : {}),
    ...(resources ? { resources } : {}),
    ...(notResources ? { notResources } : {}),
    conditions,
    conditionsComplete,
    certain,
    dataSource,
  };
}

/** Static nested blocks of `type`; dynamic ones make the list incomplete (they may or may not exist). */
function nested(block: TfBlock, type: string): { blocks: TfBlock[]; complete: boolean } {
  const blocks: TfBlock[] = [];
  let complete = true;
  for (const child of block.blocks) {
    if (child.type === type) blocks.push(child);
    else if (child.type === 'dynamic' && child.labels[0] === type) complete = false;
  }
  return { blocks, complete };
}

function exprTerm(ctx: PolicyContext, uri: string, expr: TfExpr): Term | undefined {
  const at: Location = { uri, span: expr.span };
  const v = ctx.evaluate(expr);
  if (v.known && v.value === null) return undefined;
  if (v.known && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean')) return { value: String(v.value), text: String(v.value), at };
  return { value: undefined, text: symbolic(ctx, expr), at };
}

function exprTerms(ctx: PolicyContext, uri: string, expr: TfExpr): Terms | undefined {
  const at: Location = { uri, span: expr.span };
  if (expr.kind === 'tuple') {
    const items: Term[] = [];
    let complete = true;
    for (const item of expr.items) {
      const v = ctx.evaluate(item);
      if (v.known && (Array.isArray(v.value) || (v.value !== null && typeof v.value === 'object'))) complete = false;
      else {
        const t = exprTerm(ctx, uri, item);
        if (t !== undefined) items.push(t);
      }
    }
    return { items, complete, at };
  }
  const v = ctx.evaluate(expr);
  if (v.known && v.value === null) return undefined;
  const node = v.known ? fromValue(v.value, at, symbolic(ctx, expr)) : unknownNode(ctx, expr, at);
  return termsOf(node);
}

// ---------------------------------------------------------------------------------------------
// Judging statements (three-valued: true, false, or undefined when it cannot be known)

export type Tri = boolean | undefined;

/** Conjunction: false when any part is false, true when all are true, else unknown. */
export function all(...parts: readonly Tri[]): Tri {
  if (parts.some((p) => p === false)) return false;
  return parts.every((p) => p === true) ? true : undefined;
}

export function effectIs(statement: PolicyStatement, effect: 'Allow' | 'Deny'): Tri {
  if (statement.effect === undefined) return false;
  return statement.effect.value === undefined ? undefined : statement.effect.value === effect;
}

/**
 * The first item of `terms` satisfying `test`: true with where it is; unknown when the list is
 * incomplete or an unknown item may satisfy it (`could`, given the item's symbolic text; default: yes).
 */
export function anyTerm(terms: Terms | undefined, test: (value: string) => boolean, could: (text: string) => boolean = () => true): { result: Tri; at?: Location } {
  if (terms === undefined) return { result: false };
  const hit = terms.items.find((t) => t.value !== undefined && test(t.value));
  if (hit !== undefined) return { result: true, at: hit.at };
  return { result: terms.complete && terms.items.every((t) => t.value !== undefined || !could(t.text)) ? false : undefined };
}

/** An item of `terms` equal to `value` (`"*"`); unknown items are judged by what their text allows. */
export function anyTermEquals(terms: Terms | undefined, value: string): { result: Tri; at?: Location } {
  return anyTerm(terms, (v) => v === value, (text) => mayEqual(text, value));
}

/**
 * Whether a symbolic text (`arn:aws:s3:::${var.name}/*`) may render as `value`. Unknown parts may be
 * anything, except attributes of AWS resources and data sources (ARNs, ids, names), which are never
 * a bare wildcard.
 */
export function mayEqual(text: string, value: string): boolean {
  let pattern = renderings.get(text);
  if (pattern === undefined) {
    // Policies repeat the same few texts across statements, resources and module-call instances.
    if (renderings.size >= MAX_RENDERINGS) renderings.clear();
    renderings.set(text, (pattern = renderingPattern(text)));
  }
  return pattern.test(value);
}

/** The values a symbolic text may render as, by text (bounded: the server lives long). */
const renderings = new Map<string, RegExp>();
const MAX_RENDERINGS = 4096;

function renderingPattern(text: string): RegExp {
  let pattern = '';
  let rest = text;
  for (;;) {
    const i = rest.indexOf('${');
    const j = i < 0 ? -1 : rest.indexOf('}', i);
    if (i < 0 || j < 0) {
      pattern += escapeRegExp(rest);
      break;
    }
    pattern += escapeRegExp(rest.slice(0, i));
    const inner = rest.slice(i + 2, j).trim();
    pattern += /^(data\.)?aws_[a-z0-9_]+\.[\w-]+(\[[^\]]*\])?\.[\w.]+$/.test(inner) ? '[^*?]+' : '[\\s\\S]*';
    rest = rest.slice(j + 1);
  }
  return new RegExp(`^${pattern}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether the statement names every principal: `"Principal": "*"`, `{"AWS": "*"}` (or a
 * `principals` block of type "*" or AWS with identifier "*"), or a `NotPrincipal` (which names
 * everyone except the listed principals).
 */
export function wildcardPrincipal(statement: PolicyStatement): { result: Tri; at?: Location } {
  if (statement.notPrincipals !== undefined) return { result: true, at: statement.notPrincipals.at };
  const p = statement.principals;
  if (p === undefined) return { result: false };
  let unknown = !p.complete;
  for (const entry of p.entries) {
    const type = entry.type.value;
    if (type === undefined) unknown = true;
    else if (type === '*') return { result: true, at: entry.ids.items.find((i) => i.value === '*')?.at ?? entry.type.at };
    else if (type === 'AWS') {
      const star = anyTermEquals(entry.ids, '*');
      if (star.result === true) return star;
      if (star.result === undefined) unknown = true;
    }
  }
  return { result: unknown ? undefined : false };
}

/** Whether the statement has a condition on one of `keys` (condition keys are case-insensitive). */
export function hasConditionKey(statement: PolicyStatement, keys: readonly string[]): Tri {
  const wanted = keys.map((k) => k.toLowerCase());
  if (statement.conditions.some((c) => c.key.value !== undefined && wanted.includes(c.key.value.toLowerCase()))) return true;
  if (!statement.conditionsComplete || statement.conditions.some((c) => c.key.value === undefined)) return undefined;
  return false;
}

export function not(value: Tri): Tri {
  return value === undefined ? undefined : !value;
}

export interface WildcardGrant {
  readonly statement: PolicyStatement;
  /** The wildcard principal (or NotPrincipal) of the statement. */
  readonly at: Location;
}

/**
 * The Allow statements that grant to any principal without a condition on one of `exemptKeys`.
 * `unknown` is the first statement (or gap) that may do so but cannot be decided.
 */
export function wildcardGrants(document: PolicyDocument, exemptKeys: readonly string[]): { grants: WildcardGrant[]; unknown?: Gap } {
  const grants: WildcardGrant[] = [];
  let unknown: Gap | undefined = document.gaps[0];
  for (const s of document.statements) {
    const principal = wildcardPrincipal(s);
    const result = all(effectIs(s, 'Allow'), principal.result, not(hasConditionKey(s, exemptKeys)), s.certain ? true : undefined);
    if (result === true) grants.push({ statement: s, at: principal.at ?? s.at });
    else if (result === undefined) unknown ??= { at: s.at, reason: 'a policy statement cannot be resolved statically (effect, principal, conditions or its existence)' };
  }
  return unknown === undefined ? { grants } : { grants, unknown };
}

// ---------------------------------------------------------------------------------------------
// Where findings are shown

/**
 * Places a finding about a policy element at `element` when it is written inside `resource` in the
 * analysed file (e.g. in its jsonencode or heredoc policy); otherwise at `fallback` (the policy
 * attribute's value) with the element as a related location.
 */
export function placeFinding(resource: Located<TfBlock>, element: Location, fallback: Span, message: string): { at: Span; related: Related[] } {
  const s = resource.node.span;
  if (element.uri === resource.uri && element.span.start >= s.start && element.span.end <= s.end) return { at: element.span, related: [] };
  return { at: fallback, related: [{ uri: element.uri, span: element.span, message }] };
}

/**
 * Reports (`wildcard`) every Allow statement of the resource's `policy` that grants to any principal
 * without a condition on one of `exemptKeys`; an undecidable policy is "cannot determine".
 */
export function reportWildcardPrincipalGrants(resource: Located<TfBlock>, ctx: TerraformContext<'wildcard', never>, exemptKeys: readonly string[]): void {
  const attr = resource.node.attributes.get('policy');
  if (attr === undefined) return;
  const value = ctx.evaluate(attr.expr);
  if (value.known && value.value === null) return;
  const document = readPolicy(ctx, resource.uri, attr.expr);
  const { grants, unknown } = wildcardGrants(document, exemptKeys);
  for (const grant of grants) {
    const { at, related } = placeFinding(resource, grant.at, attr.expr.span, 'The statement allowing any principal');
    ctx.report({
      messageId: 'wildcard',
      at,
      related,
      data: {
        resource: resourceType(resource.node),
        name: resourceName(resource.node),
        principal: grant.statement.notPrincipals !== undefined ? 'every principal not listed in NotPrincipal' : 'any principal ("*")',
      },
    });
  }
  if (grants.length === 0 && unknown !== undefined) ctx.cannotDetermine(attr.expr.span, unknown.reason);
}
