import Ajv, { type ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Settings } from '../../../common/settings';
import type { AnalysisProblem } from '../engine/finding';
import { DEFAULT_POLICY, type SuppressionPolicy } from '../engine/suppressions';
import type { Span } from '../model/span';
import schema from './hciac-config.schema.json';

/** The repository configuration file, looked up at the root of each workspace folder / scanned root. */
export const CONFIG_FILE_NAME = '.hciac.yaml';

/** The settings keys a repository file may set (the same keys as `healthcareIac.*`). */
export type FileSettings = { -readonly [K in keyof Settings]?: Settings[K] };

/** A parsed and validated `.hciac.yaml`. Invalid values are left out; the problems say which and where. */
export interface ConfigFile {
  readonly settings: FileSettings;
  /** The suppression policy; only the repository file sets it (editor settings cannot). */
  readonly policy: SuppressionPolicy;
  readonly problems: readonly AnalysisProblem[];
  /** Where each key is written, by JSON pointer (`/rules/aws-efs-encrypted`, `/exclude`): for later problems. */
  readonly keySpans: ReadonlyMap<string, Span>;
}

/** Which ids exist, for the checks a schema cannot express (rule ids, control ids). */
export interface KnownIds {
  isRule(id: string): boolean;
  isControl(id: string): boolean;
}

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(value: unknown): readonly ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(schema);
  return validator(value) ? [] : (validator.errors ?? []);
}

/**
 * Reads a repository configuration file. Never throws: YAML syntax errors and schema violations
 * become problems with the span they are about; an unknown key is a warning; an invalid value is
 * an error and is left out (the editor setting or default applies instead).
 */
export function readConfigFile(text: string, known: KnownIds): ConfigFile {
  const problems: AnalysisProblem[] = [];
  const problem = (severity: AnalysisProblem['severity'], message: string, span: Span) => problems.push({ code: 'hciac-config', severity, message, span });
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problem('error', `${CONFIG_FILE_NAME} is not valid YAML: ${firstLine(e.message)} The file is ignored until it parses.`, { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) });
    return { settings: {}, policy: DEFAULT_POLICY, problems, keySpans: new Map() };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (error) {
    problem('error', `${CONFIG_FILE_NAME} cannot be read: ${error instanceof Error ? firstLine(error.message) : String(error)} The file is ignored.`, { start: 0, end: 0 });
    return { settings: {}, policy: DEFAULT_POLICY, problems, keySpans: new Map() };
  }

  const pruned = new Set<string>();
  for (const error of validate(value)) {
    const { pointer, span, message, severity } = describe(error, doc);
    problem(severity, message, span);
    pruned.add(pointer);
  }
  // Leaving out an invalid item can break the container's own constraint (an empty `frameworks`):
  // drop what is still invalid without reporting it twice.
  let clean = prune(value, pruned);
  for (let round = 0; round < 3; round++) {
    const left = validate(clean);
    if (left.length === 0) break;
    clean = prune(clean, new Set(left.map((e) => pointerOf(e))));
  }
  const file = (isRecord(clean) ? clean : {}) as FileSettings & { policy?: Partial<SuppressionPolicy> };

  const keySpans = collectKeySpans(doc);
  for (const id of Object.keys(file.rules ?? {})) {
    if (!known.isRule(id)) problem('warning', `Unknown rule id "${id}": this entry has no effect (\`hciac rules\` lists the rule ids).`, keySpans.get(`/rules/${escapePointer(id)}`) ?? zero);
  }
  (file.policy?.forbidSuppression ?? []).forEach((id, i) => {
    if (!known.isRule(id) && !known.isControl(id)) problem('warning', `policy.forbidSuppression: "${id}" is neither a rule id nor a control id of the catalog.`, nodeSpan(doc, ['policy', 'forbidSuppression', i]) ?? zero);
  });

  const { policy: rawPolicy, ...settings } = file;
  const policy: SuppressionPolicy = {
    forbidSuppression: rawPolicy?.forbidSuppression ?? DEFAULT_POLICY.forbidSuppression,
    requireExpiry: rawPolicy?.requireExpiry ?? DEFAULT_POLICY.requireExpiry,
    maxExpiryDays: rawPolicy?.maxExpiryDays ?? DEFAULT_POLICY.maxExpiryDays,
  };
  return { settings, policy, problems: problems.sort((a, b) => a.span.start - b.span.start), keySpans };
}

const zero: Span = { start: 0, end: 0 };

/** The JSON pointer of what an error is about (for an unknown key: the key itself). */
function pointerOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escapePointer(String((error.params as { additionalProperty: string }).additionalProperty))}`;
  return error.instancePath;
}

function describe(error: ErrorObject, doc: Document): { pointer: string; span: Span; message: string; severity: AnalysisProblem['severity'] } {
  const pointer = pointerOf(error);
  const path = parsePointer(pointer);
  const where = path.length === 0 ? 'The file' : label(path);
  if (error.keyword === 'additionalProperties') {
    const parent = parsePointer(error.instancePath);
    const allowed = allowedKeys(parent);
    const at = keySpan(doc, path) ?? zero;
    const hint = allowed.length > 0 ? ` Known keys here: ${allowed.join(', ')}.` : '';
    return { pointer, span: at, severity: 'warning', message: `Unknown key ${label(path)}: it is ignored.${hint}` };
  }
  const span = nodeSpan(doc, path) ?? zero;
  const params = error.params as Record<string, unknown>;
  let expected: string;
  switch (error.keyword) {
    case 'enum':
      expected = `one of ${(params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}`;
      break;
    case 'type':
      expected = `a value of type ${String(params.type)}`;
      break;
    case 'minimum':
      expected = `a number ≥ ${String(params.limit)}`;
      break;
    case 'minItems':
      expected = `at least ${String(params.limit)} item(s)`;
      break;
    case 'uniqueItems':
      expected = 'no duplicate items';
      break;
    case 'minLength':
      expected = 'a non-empty string';
      break;
    default:
      expected = error.message ?? 'a valid value';
  }
  return { pointer, span, severity: 'error', message: `${where} must be ${expected}; the value is ignored.` };
}

/** Keys the schema allows at a path (for unknown-key hints). */
function allowedKeys(path: readonly (string | number)[]): string[] {
  let node: { properties?: Record<string, unknown> } | undefined = schema as { properties?: Record<string, unknown> };
  for (const step of path) node = node?.properties?.[String(step)] as typeof node;
  return Object.keys(node?.properties ?? {});
}

function label(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function parsePointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A copy of `value` without the values at the given JSON pointers. */
function prune(value: unknown, pointers: ReadonlySet<string>, at = ''): unknown {
  if (pointers.has(at)) return undefined;
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      const kept = prune(item, pointers, `${at}/${i}`);
      return kept === undefined ? [] : [kept];
    });
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = prune(v, pointers, `${at}/${escapePointer(k)}`);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

/** The span of the value at `path` (a map value, a sequence item or the root). */
function nodeSpan(doc: Document, path: readonly (string | number)[]): Span | undefined {
  const node = path.length === 0 ? doc.contents : (doc.getIn(path, true) as YamlNode | undefined);
  if (node === undefined || node === null || !('range' in node) || node.range == null) return path.length > 0 ? keySpan(doc, path) : undefined;
  return { start: node.range[0], end: node.range[1] };
}

/** The span of the key of the map entry at `path`. */
function keySpan(doc: Document, path: readonly (string | number)[]): Span | undefined {
  const parent = path.length <= 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const name = String(path[path.length - 1]);
  for (const pair of parent.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === name && pair.key.range) return { start: pair.key.range[0], end: pair.key.range[1] };
  }
  return undefined;
}

/** Key spans of the first two levels (`/severity/high`, `/rules/<id>`, `/policy/requireExpiry`, …). */
function collectKeySpans(doc: Document): Map<string, Span> {
  const spans = new Map<string, Span>();
  const visit = (node: unknown, at: string, depth: number): void => {
    if (!isMap(node) || depth > 2) return;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.range == null) continue;
      const pointer = `${at}/${escapePointer(String(pair.key.value))}`;
      const end = (pair.value as YamlNode | null)?.range?.[1] ?? pair.key.range[1];
      spans.set(pointer, { start: pair.key.range[0], end });
      if (isMap(pair.value)) visit(pair.value, pointer, depth + 1);
    }
  };
  visit(doc.contents, '', 1);
  return spans;
}

function firstLine(message: string): string {
  const line = (message.split('\n')[0] ?? message).trim().replace(/[.:]$/, '');
  return `${line}.`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
