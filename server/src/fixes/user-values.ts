import type { FixEdit } from './fix-edit';
import { eolOf, indentUnitOf } from './text-layout';

/**
 * A value only the user can choose: a KMS key, a log bucket, a CIDR range. A fix never invents one.
 * It writes `var.<variable>` (declaring the variable when the module does not have it yet), and
 * where the client supports snippet edits the reference is a placeholder the cursor jumps to.
 */
export interface UserValue {
  /** The Terraform variable the value is read from, e.g. `dynamodb_kms_key_arn`. */
  readonly variable: string;
  /** What the value is; becomes the variable's description. */
  readonly description: string;
  /** The variable's Terraform type (default `string`). */
  readonly type?: string;
}

// Private-use characters delimit a user value inside the text a fix builds; finishUserValues removes them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKED = /\uE000([^\uE001]*)\uE001/g;

/** The text to write where the value goes: `var.<variable>`, marked for `finishUserValues`. */
export function userValueRef(value: UserValue): string {
  return markUserValue(`var.${value.variable}`);
}

/**
 * Marks `text` as a value only the user can choose, inside the text a fix builds: `finishMarkedEdits`
 * turns it into a snippet placeholder (Terraform: `userValueRef`; YAML: yaml-user-values.ts).
 */
export function markUserValue(text: string): string {
  return `${OPEN}${text}${CLOSE}`;
}

export interface UserValueContext {
  readonly text: string;
  /** True when the module already declares the variable (it is then only referenced). */
  isDeclared(variable: string): boolean;
}

/**
 * Finishes the edits of a fix that writes user values (`userValueRef`): each marked reference becomes
 * `var.<variable>` in `newText` and the numbered placeholder `${n:var.<variable>}` in `snippet` (the
 * same variable has the same number, so VS Code edits all its occurrences at once). Each variable an
 * edit writes and the module does not declare gets one `variable` block at the end of the file, with
 * its description and type and no default, so `terraform plan` asks for it until someone decides.
 */
export function finishUserValues(ctx: UserValueContext, uri: string, values: readonly UserValue[], edits: readonly FixEdit[]): FixEdit[] {
  const numbers = new Map(values.map((v, i) => [`var.${v.variable}`, i + 1]));
  const finished = finishMarkedEdits(edits, (value) => numbers.get(value) ?? values.length + 1);
  const written = edits.map((e) => e.newText).join('');
  const missing = values.filter(
    (v, i) => written.includes(userValueRef(v)) && !ctx.isDeclared(v.variable) && values.findIndex((w) => w.variable === v.variable) === i,
  );
  if (missing.length === 0) return finished;
  return [...finished, declareVariables(ctx.text, uri, missing)];
}

/**
 * Each marked value (`markUserValue`) becomes its plain text in `newText` and the numbered placeholder
 * `${n:<text>}` in `snippet`; the rest of the snippet is escaped. `numberOf` gives a value's placeholder
 * number (default: the order in which values first appear in the edits). The same value has the same
 * number, so VS Code edits all its occurrences at once. Edits without marked values are returned as they are.
 */
export function finishMarkedEdits(edits: readonly FixEdit[], numberOf?: (value: string) => number): FixEdit[] {
  const firstSeen: string[] = [];
  for (const edit of edits) for (const m of edit.newText.matchAll(MARKED)) if (!firstSeen.includes(m[1]!)) firstSeen.push(m[1]!);
  const number = numberOf ?? ((value: string) => firstSeen.indexOf(value) + 1);
  return edits.map((edit): FixEdit => {
    if (!edit.newText.includes(OPEN)) return edit;
    const snippet = edit.newText
      .split(MARKED)
      .map((part, i) => (i % 2 === 1 ? `\${${number(part)}:${escapeSnippet(part)}}` : escapeSnippet(part)))
      .join('');
    return { ...edit, newText: edit.newText.replace(MARKED, '$1'), snippet };
  });
}

/** `variable "<name>" { description = … type = … }` blocks appended at the end of the file. */
function declareVariables(text: string, uri: string, values: readonly UserValue[]): FixEdit {
  const eol = eolOf(text);
  const unit = indentUnitOf(text);
  const blocks = values.map((v) =>
    [`variable "${v.variable}" {`, `${unit}description = ${JSON.stringify(v.description)}`, `${unit}type        = ${v.type ?? 'string'}`, '}'].join(eol),
  );
  // One blank line between the last block and the declarations.
  // Only the file's end matters: testing the tail keeps this O(1) in the file's length (a `$`-anchored
  // regex over the whole text is tried at every line break).
  const tail = text.slice(-256);
  const lead = text.trim() === '' || /\n[ \t]*\r?\n$/.test(tail) ? '' : text.endsWith('\n') ? eol : eol + eol;
  return { uri, span: { start: text.length, end: text.length }, newText: lead + blocks.join(eol + eol) + eol };
}

/** Escapes the characters that have a meaning in LSP snippet syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
