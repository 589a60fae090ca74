/**
 * aws-compute-config-no-plaintext-secrets — Lambda environment variables and EC2 / launch template /
 * launch configuration user data contain no plaintext secret.
 *
 * Logic (catalog fail_if_any), on values written in the module (literals, and variables/locals/tfvars
 * that resolve to literals — those are committed too):
 * - aws_lambda_function `environment.variables`: a value that is an AWS access key ID, a private key,
 *   a well-known token format (GitHub, Slack, Stripe live, Google API key) or a URL with an embedded
 *   password; or a variable whose *name* says secret (password, passwd, secret, token, api_key,
 *   private_key, conn_str, connection_string, …) with a literal value. Allowed (catalog
 *   allow_if_value_is): Secrets Manager / SSM Parameter Store ARNs and parameter paths, names such as
 *   `DB_SECRET_ARN`/`…_NAME`/`…_ID`/`…_URL`, numbers and booleans (`TOKEN_TTL = "3600"`), and anything
 *   that is not a literal (a reference to a secret, a variable supplied at run time) — never guessed.
 * - `user_data` / `user_data_base64` (aws_launch_template's `user_data` is base64): literal text,
 *   heredocs, base64 literals (decoded), `base64encode()`/`base64gzip()` arguments, and the variables
 *   of `templatefile()`: an AWS access key ID, a `-----BEGIN … PRIVATE KEY-----` block, a
 *   `password=<literal>` assignment (shell variables and command substitutions are not literals), or a
 *   secret-named templatefile variable with a literal value. Content read from files (`file()`,
 *   `filebase64()`, the template of `templatefile()`) cannot be seen: "cannot determine".
 * Generic high-entropy detection is not used (hashes, ids and digests made it noisy); messages never
 * contain the value.
 *
 * Findings: at the value (the environment entry, the user data), with the variable/tfvars it came
 * from as related location. No fix (catalog autofix kind: manual): the code must read the secret at
 * run time from Secrets Manager or SSM, and the exposed value must be rotated.
 */
import type { Span } from '../../model/span';
import { UNKNOWN, type Resolved, type Value } from '../../model/terraform/evaluate';
import { resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Related, TerraformContext } from '../types';
import { nestedInstances, resourceReference } from './helpers';
import { originRelated, originSuffix } from './values';

const messages = {
  envSecret: 'aws_lambda_function "{name}" sets environment variable {key} to {what} in plaintext{origin}; pass a Secrets Manager or SSM Parameter Store reference instead.',
  userDataSecret: '{resource} "{name}" has {what} in plaintext in {attribute}{origin}; fetch it at boot from Secrets Manager or SSM Parameter Store instead.',
};
type Ctx = TerraformContext<keyof typeof messages, never>;

/** Names that say the value is a secret (catalog regex, plus common spellings); `TOKENIZER`, `SECRETARY` are not. */
const SECRET_NAME = /(password|passwd|passphrase|secret|token|api_?key|private_?key|access_?key|auth_?key|conn(ection)?_?str(ing)?|credentials?)(?![a-z])/i;
/** Names that hold a pointer to a secret, or a setting about secrets, rather than a secret. */
const POINTER_NAME =
  /(_|^)(arn|name|names|id|path|param|parameter|ssm|ref|key_id|url|uri|endpoint|header|file|ttl|expiry|expiration|lifetime|length|min_length|enabled|type|field|region|version|rotation(_\w+)?)$/i;

interface Detection {
  readonly what: string;
}

/** Well-known secret formats: precise enough to report whatever the variable is called. */
function detectFormat(value: string): Detection | undefined {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/.test(value)) return { what: 'a private key' };
  for (const m of value.matchAll(/(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g))
    if (!m[0].endsWith('EXAMPLE')) return { what: 'an AWS access key ID' };
  if (/\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{60,}/.test(value)) return { what: 'a GitHub token' };
  if (/\bxox[baprs]-[A-Za-z0-9-]{10,}/.test(value)) return { what: 'a Slack token' };
  if (/\b[sr]k_live_[A-Za-z0-9]{20,}/.test(value)) return { what: 'a Stripe live key' };
  if (/\bAIza[0-9A-Za-z_-]{35}\b/.test(value)) return { what: 'a Google API key' };
  const url = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s/@]+)@/i.exec(value);
  if (url !== null && isLiteralSecret(url[1]!)) return { what: 'a URL with an embedded password' };
  return undefined;
}

/** A value that may be a secret when a secret-named variable holds it: not a pointer, number, flag or placeholder. */
function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return false;
  if (/^(true|false|yes|no|on|off|null|none|enabled|disabled)$/i.test(v)) return false;
  if (/^-?\d+(\.\d+)?[smhd]?$/i.test(v)) return false;
  if (/^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/i.test(v)) return false;
  if (/^\/[\w.\-/]+$/.test(v)) return false; // an SSM parameter path
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i.test(v)) return false; // a URL without credentials
  if (/^(\$|%|\{\{|<)/.test(v)) return false; // a shell/templating placeholder
  return true;
}

export default defineTerraformRule({
  id: 'aws-compute-config-no-plaintext-secrets',
  resourceTypes: ['aws_lambda_function', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
  messages,
  fixes: {},
  check(resource, ctx) {
    const block = resource.node;
    if (resourceType(block) === 'aws_lambda_function') {
      const { present, uncertain } = nestedInstances(ctx, block, 'environment');
      for (const env of [...present, ...uncertain.map((u) => u.content)]) {
        const variables = env.attributes.get('variables');
        if (variables !== undefined) checkVariables(block, variables.expr, ctx);
      }
      return;
    }
    for (const attribute of ['user_data', 'user_data_base64']) {
      const attr = block.attributes.get(attribute);
      if (attr === undefined) continue;
      const base64 = attribute === 'user_data_base64' || resourceType(block) === 'aws_launch_template';
      checkUserData(block, attribute, attr.expr, base64, ctx);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Lambda environment variables

function checkVariables(fn: TfBlock, expr: TfExpr, ctx: Ctx): void {
  const name = resourceName(fn);
  const judge = (key: string, value: Value, at: Span, resolved: Resolved): void => {
    if (typeof value !== 'string') return;
    const what = detectFormat(value)?.what ?? (SECRET_NAME.test(key) && !POINTER_NAME.test(key) && isLiteralSecret(value) ? 'a literal value' : undefined);
    if (what === undefined) return;
    ctx.report({
      messageId: 'envSecret',
      at,
      data: { name, key, what, origin: originSuffix(resolved) },
      related: originRelated(resolved),
    });
  };
  if (expr.kind === 'object') {
    for (const entry of expr.entries) {
      if (entry.key === undefined) continue;
      const resolved = ctx.evaluate(entry.value);
      if (resolved.known) judge(entry.key, resolved.value, entry.value.span, resolved);
      else if (mayBeSecretLiteral(entry.key, entry.value)) ctx.cannotDetermine(entry.value.span, `${entry.key} = ${resolved.text} cannot be resolved statically`);
    }
    return;
  }
  if (expr.kind === 'call' && expr.name === 'merge') {
    for (const arg of expr.args) checkVariables(fn, arg, ctx);
    return;
  }
  const resolved = ctx.evaluate(expr);
  if (!resolved.known) {
    ctx.cannotDetermine(expr.span, `environment variables ${resolved.text} cannot be resolved statically`);
    return;
  }
  const value = resolved.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, v] of Object.entries(value as Record<string, Value>)) if (v !== UNKNOWN) judge(key, v, expr.span, resolved);
}

/**
 * A secret-named variable whose value is not known: a variable or local without a value, a template,
 * a function call. A reference to another resource or data source (a secret's ARN, a generated
 * password) is not a value written in the code.
 */
function mayBeSecretLiteral(key: string, expr: TfExpr): boolean {
  return SECRET_NAME.test(key) && !POINTER_NAME.test(key) && resourceReference(expr) === undefined;
}

// ---------------------------------------------------------------------------------------------
// User data

interface Fragment {
  readonly text: string;
  readonly at: Span;
  readonly resolved?: Resolved;
  /** A secret-named templatefile variable with a literal value. */
  readonly namedSecret?: boolean;
}

function checkUserData(block: TfBlock, attribute: string, expr: TfExpr, base64: boolean, ctx: Ctx): void {
  const fragments: Fragment[] = [];
  const unknown = collect(expr, base64, ctx, fragments, 0);
  for (const f of fragments) {
    const what = f.namedSecret ? 'a secret template variable' : detectUserData(f.text);
    if (what === undefined) continue;
    const related: Related[] = f.resolved === undefined ? [] : originRelated(f.resolved);
    ctx.report({
      messageId: 'userDataSecret',
      at: f.at,
      data: { resource: resourceType(block), name: resourceName(block), what, attribute, origin: f.resolved === undefined ? '' : originSuffix(f.resolved) },
      related,
    });
    return; // one finding per attribute
  }
  if (unknown !== undefined) ctx.cannotDetermine(unknown.at, unknown.reason);
}

function detectUserData(text: string): string | undefined {
  const format = detectFormat(text);
  if (format !== undefined) return format.what;
  for (const m of text.matchAll(/(?:password|passwd|pwd)\s*=\s*(["']?)([^\s"'`;|&]+)\1/gi)) {
    if (isLiteralSecret(m[2]!) && !/^\$/.test(m[2]!)) return 'a password';
  }
  return undefined;
}

/** Collects the text the user data will contain; returns where (and why) some of it cannot be known. */
function collect(expr: TfExpr, base64: boolean, ctx: Ctx, out: Fragment[], depth: number): { at: Span; reason: string } | undefined {
  if (depth > 8) return { at: expr.span, reason: 'user data is nested too deeply to read' };
  switch (expr.kind) {
    case 'literal':
      if (typeof expr.value === 'string') pushText(expr.value, expr.span, base64, out);
      return undefined;
    case 'template': {
      // Resolved as a whole when it can be, so `password=${var.pw}` is read with the variable's value.
      const whole = ctx.evaluate(expr);
      if (whole.known && typeof whole.value === 'string') {
        pushText(whole.value, expr.span, base64, out, whole);
        return undefined;
      }
      let unknown: { at: Span; reason: string } | undefined;
      for (const part of expr.parts) {
        if (typeof part === 'string') out.push({ text: part, at: expr.span });
        else unknown ??= collect(part, false, ctx, out, depth + 1);
      }
      return unknown;
    }
    case 'call': {
      if (['base64encode', 'base64gzip', 'trimspace', 'chomp', 'join', 'format', 'replace', 'textencodebase64'].includes(expr.name)) {
        let unknown: { at: Span; reason: string } | undefined;
        for (const arg of expr.args) unknown ??= collect(arg, false, ctx, out, depth + 1);
        return unknown;
      }
      if (expr.name === 'base64decode') {
        const arg = expr.args[0];
        return arg === undefined ? undefined : collect(arg, true, ctx, out, depth + 1);
      }
      if (expr.name === 'templatefile') {
        const vars = expr.args[1];
        if (vars !== undefined) templateVars(vars, ctx, out);
        return { at: expr.span, reason: 'the template file of templatefile() is not read' };
      }
      return { at: expr.span, reason: `${expr.name}() cannot be evaluated statically` };
    }
    case 'conditional': {
      const a = collect(expr.then, base64, ctx, out, depth + 1);
      const b = collect(expr.otherwise, base64, ctx, out, depth + 1);
      return a ?? b;
    }
    case 'operation':
    case 'for':
    case 'other':
      out.push({ text: expr.text, at: expr.span });
      return { at: expr.span, reason: 'user data cannot be evaluated statically' };
    default: {
      const resolved = ctx.evaluate(expr);
      if (!resolved.known) return { at: expr.span, reason: `${resolved.text} cannot be resolved statically` };
      if (typeof resolved.value === 'string') pushText(resolved.value, expr.span, base64, out, resolved);
      return undefined;
    }
  }
}

function pushText(text: string, at: Span, base64: boolean, out: Fragment[], resolved?: Resolved): void {
  const base = resolved === undefined ? { at } : { at, resolved };
  out.push({ text, ...base });
  if (base64) {
    const decoded = decodeBase64(text);
    if (decoded !== undefined) out.push({ text: decoded, ...base });
  }
}

function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The variables object of `templatefile(path, { … })`: secret formats anywhere, secret names with literal values. */
function templateVars(expr: TfExpr, ctx: Ctx, out: Fragment[]): void {
  if (expr.kind !== 'object') return;
  for (const entry of expr.entries) {
    const resolved = ctx.evaluate(entry.value);
    if (!resolved.known || typeof resolved.value !== 'string') continue;
    const named = entry.key !== undefined && SECRET_NAME.test(entry.key) && !POINTER_NAME.test(entry.key) && isLiteralSecret(resolved.value);
    out.push({ text: resolved.value, at: entry.value.span, resolved, ...(named ? { namedSecret: true } : {}) });
  }
}
