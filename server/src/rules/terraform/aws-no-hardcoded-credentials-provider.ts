/**
 * aws-no-hardcoded-credentials-provider — no AWS access key or secret key is written in Terraform.
 *
 * Dispatched on `provider "aws"` blocks, `backend "s3"` blocks and on every .tf and .tfvars file as a
 * whole (engine keys `provider.aws`, `backend.s3`, `*.tf`, `*.tfvars`; the catalog's scope).
 *
 * Logic (catalog fail_if_any):
 * - `access_key` / `secret_key` of a provider "aws" or backend "s3" block is a non-empty literal, or
 *   resolves to one through a variable default, tfvars or a local (the value is then committed in one
 *   of the module's files). A variable without a value (set through TF_VAR_… or -var at run time) is
 *   not hard-coded. Exempt: mock credentials of a local emulator (LocalStack and the like) — the block
 *   sets `skip_credentials_validation = true` and custom `endpoints`, and the value is not shaped like
 *   a real key.
 * - Anywhere in a .tf or .tfvars file (string literals, heredocs, comments): an AWS access key ID
 *   (`AKIA…`, `ASIA…`, `A3T…`, `ABIA…`, `ACCA…` + 16 characters), and a 40-character secret access key
 *   next to an `aws…secret`/`aws…private` name. AWS's documentation example keys are ignored.
 * Messages never contain the value.
 *
 * Findings: at the value (in the provider/backend block, with the variable/tfvars it came from as
 * related location; or at the literal or comment anywhere in the file). Fix: `review` (catalog
 * autofix.safe: false) for literals in a provider/backend block only — removes the literal
 * access_key/secret_key so Terraform uses the default credential chain. The key stays in the VCS
 * history: it must be revoked whatever the fix.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { originalBlock } from '../../model/terraform/incremental';
import { resourceName, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { removeAttribute } from './helpers';
import { asBool, originRelated, originSuffix } from './values';

const KEY_ATTRIBUTES = ['access_key', 'secret_key'];
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/;
const SECRET_SHAPE = /^[0-9a-zA-Z/+]{40}$/;
/** The catalog's context regex, split at the literal: `aws…secret|private…` before a quoted 40-character value. */
const SECRET_CONTEXT_BEFORE = /aws.{0,20}(?:secret|private).{0,20}["']?\s*[=:]\s*$/i;
/** The same inside a string or heredoc (credentials files, scripts): `aws_secret_access_key = wJalr…`. */
const SECRET_IN_CONTENT = /aws.{0,20}(?:secret|private).{0,20}?[=:]\s*['"]?([0-9a-zA-Z/+]{40})(?![0-9a-zA-Z/+])/i;
const EXAMPLE_ACCESS_KEY = /EXAMPLE$/;
const EXAMPLE_SECRET = /EXAMPLEKEY$/;

const messages = {
  literalKey: '{block} sets {attribute} to a hard-coded credential{origin}; keys in source control must be treated as leaked.',
  accessKeyId: '{where} contains an AWS access key ID in plaintext; keys in source control must be treated as leaked.',
  secretKey: '{where} contains what looks like an AWS secret access key in plaintext; keys in source control must be treated as leaked.',
};
const fixes = {
  removeKeys: { title: 'Remove the hard-coded access_key/secret_key (use the default credential chain; revoke the key as well)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-no-hardcoded-credentials-provider',
  resourceTypes: ['provider.aws', 'backend.s3', '*.tf', '*.tfvars'],
  messages,
  fixes,
  check(target, ctx) {
    const block = target.node;
    if (block.type === 'provider' || block.type === 'backend') checkCredentialBlock(target, ctx);
    else scanFile(block, ctx);
  },
});

function checkCredentialBlock(target: Located<TfBlock>, ctx: Ctx): void {
  const block = target.node;
  const label = `${block.type} "${block.labels[0] ?? ''}"`;
  const mock = isEmulator(block, ctx);
  const removable = KEY_ATTRIBUTES.map((n) => block.attributes.get(n)).filter((a) => a !== undefined && isNonEmptyLiteral(a.expr));
  const fix: FixEdit[] = removable.map((a) => removeAttribute(target.uri, ctx.text, a!));
  for (const name of KEY_ATTRIBUTES) {
    const attr = block.attributes.get(name);
    if (attr === undefined) continue;
    const value = ctx.evaluate(attr.expr);
    if (!value.known || typeof value.value !== 'string' || value.value.trim() === '') continue; // not in the code, or empty
    if (mock && !looksLikeRealKey(value.value)) continue;
    ctx.report({
      messageId: 'literalKey',
      at: attr.expr.span,
      data: { block: label, attribute: name, origin: originSuffix(value) },
      related: originRelated(value),
      ...(isNonEmptyLiteral(attr.expr) ? { fix: { fixId: 'removeKeys' as const, edits: fix } } : {}),
    });
  }
}

function isNonEmptyLiteral(expr: TfExpr): boolean {
  return expr.kind === 'literal' && typeof expr.value === 'string' && expr.value.trim() !== '';
}

/** A local AWS emulator: credential validation skipped and custom endpoints configured. */
function isEmulator(block: TfBlock, ctx: Ctx): boolean {
  const skip = block.attributes.get('skip_credentials_validation');
  const skipValue = skip === undefined ? undefined : ctx.evaluate(skip.expr);
  if (skipValue === undefined || !skipValue.known || asBool(skipValue.value) !== true) return false;
  return block.blocks.some((b) => b.type === 'endpoints') || block.attributes.has('endpoint') || block.attributes.has('endpoints');
}

function looksLikeRealKey(value: string): boolean {
  return ACCESS_KEY_ID.test(value) || SECRET_SHAPE.test(value);
}

// ---------------------------------------------------------------------------------------------
// Whole-file scan

interface Scan {
  /** The file's text: the source line before a literal gives the secret-key context. */
  readonly text: string;
  report(messageId: 'accessKeyId' | 'secretKey', at: Span, where: string): void;
}

function scanFile(file: TfBlock, ctx: Ctx): void {
  const seen = new Set<number>();
  const scan: Scan = {
    text: ctx.text,
    report(messageId, at, where) {
      if (seen.has(at.start)) return;
      seen.add(at.start);
      ctx.report({ messageId, at, data: { where } });
    },
  };
  for (const [name, attr] of file.attributes) scanExpr(attr.expr, `The value of ${name} in ${file.labels[0] ?? 'this file'}`, scan);
  for (const block of file.blocks) scanTopLevelBlock(block, scan);
  for (const comment of ctx.file.comments) {
    if (hasAccessKeyId(comment.text)) scan.report('accessKeyId', comment.span, 'A comment');
  }
}

/**
 * What the scan of a top-level block reported, by the block it was read from (model/terraform/
 * incremental.ts: a block reused while the file is edited is the same text), with the offset it had:
 * typing elsewhere in a large file does not rescan every block. Only blocks that start a line are
 * remembered (the scan reads the line before a literal, which then lies inside the block).
 */
const topLevelScans = new WeakMap<TfBlock, { readonly start: number; readonly found: readonly { messageId: 'accessKeyId' | 'secretKey'; at: Span; where: string }[] }>();

function scanTopLevelBlock(block: TfBlock, scan: Scan): void {
  const startsLine = block.span.start === 0 || scan.text[block.span.start - 1] === '\n';
  if (!startsLine) return scanBlock(block, describe(block), scan, false);
  const key = originalBlock(block);
  let memo = topLevelScans.get(key);
  if (memo === undefined) {
    const found: { messageId: 'accessKeyId' | 'secretKey'; at: Span; where: string }[] = [];
    scanBlock(block, describe(block), { text: scan.text, report: (messageId, at, where) => found.push({ messageId, at, where }) }, false);
    memo = { start: block.span.start, found };
    topLevelScans.set(key, memo);
  }
  const delta = block.span.start - memo.start;
  for (const f of memo.found) scan.report(f.messageId, delta === 0 ? f.at : { start: f.at.start + delta, end: f.at.end + delta }, f.where);
}

function describe(block: TfBlock): string {
  if (block.type === 'resource') return `${block.labels[0] ?? ''} "${resourceName(block)}"`;
  if (block.type === 'data') return `data ${block.labels[0] ?? ''} "${resourceName(block)}"`;
  if (block.labels[0] === undefined) return block.type;
  return `${block.type} "${block.labels[0]}"`;
}

function scanBlock(block: TfBlock, where: string, scan: Scan, inTerraform: boolean): void {
  if (block.hasErrors) return;
  // access_key/secret_key of provider "aws" and backend "s3" are judged (once) on those blocks.
  const judged = (block.type === 'provider' && block.labels[0] === 'aws') || (inTerraform && block.type === 'backend' && block.labels[0] === 's3');
  for (const [name, attr] of block.attributes) {
    if (judged && KEY_ATTRIBUTES.includes(name)) continue;
    scanExpr(attr.expr, where, scan);
  }
  for (const child of block.blocks) scanBlock(child, where, scan, block.type === 'terraform');
}

function scanExpr(expr: TfExpr, where: string, scan: Scan): void {
  switch (expr.kind) {
    case 'literal':
      if (typeof expr.value === 'string') scanString(expr.value, expr.span, where, scan, true);
      return;
    case 'template':
      for (const part of expr.parts) {
        if (typeof part === 'string') scanString(part, expr.span, where, scan, false);
        else scanExpr(part, where, scan);
      }
      return;
    case 'tuple':
      for (const item of expr.items) scanExpr(item, where, scan);
      return;
    case 'object':
      for (const entry of expr.entries) scanExpr(entry.value, where, scan);
      return;
    case 'call':
      for (const arg of expr.args) scanExpr(arg, where, scan);
      return;
    case 'conditional':
      scanExpr(expr.condition, where, scan);
      scanExpr(expr.then, where, scan);
      scanExpr(expr.otherwise, where, scan);
      return;
    case 'operation':
      for (const operand of expr.operands) scanExpr(operand, where, scan);
      return;
    case 'for':
    case 'other':
      if (hasAccessKeyId(expr.text)) scan.report('accessKeyId', expr.span, where);
      else if (secretInContent(expr.text)) scan.report('secretKey', expr.span, where);
      return;
    case 'reference':
      return;
  }
}

/** `whole`: the string is one whole literal, so the source line before it can give the secret-key context. */
function scanString(value: string, at: Span, where: string, scan: Scan, whole: boolean): void {
  if (hasAccessKeyId(value)) scan.report('accessKeyId', at, where);
  else if (secretInContent(value)) scan.report('secretKey', at, where);
  else if (whole && SECRET_SHAPE.test(value) && !EXAMPLE_SECRET.test(value)) {
    const before = scan.text.slice(scan.text.lastIndexOf('\n', at.start - 1) + 1, at.start);
    if (SECRET_CONTEXT_BEFORE.test(before)) scan.report('secretKey', at, where);
  }
}

function hasAccessKeyId(text: string): boolean {
  for (const m of text.matchAll(new RegExp(ACCESS_KEY_ID.source, 'g'))) if (!EXAMPLE_ACCESS_KEY.test(m[0])) return true;
  return false;
}

function secretInContent(text: string): boolean {
  const m = SECRET_IN_CONTENT.exec(text);
  return m !== null && !EXAMPLE_SECRET.test(m[1]!);
}
