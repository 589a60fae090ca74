import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfAttribute, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { insertCompanionAfter, noBucketCompanion } from './helpers';
import { all, anyTerm, effectIs, readPolicy, wildcardPrincipal, type Gap, type PolicyStatement, type Term, type Terms, type Tri } from './policy-documents';
import { asString } from './values';

/**
 * aws-s3-bucket-policy-deny-insecure-transport
 *
 * Logic (catalog): passes when the bucket's policy has Deny statement(s) for Principal "*" on
 * s3:* (or "*") with the only condition(s) Bool/BoolIfExists aws:SecureTransport = "false", whose
 * resources cover both the bucket ARN and its objects (`<bucket ARN>/*`; wildcards such as
 * `arn:aws:s3:::*` count). The bucket and object ARNs may be covered by different statements.
 * `NumericLessThanIfExists s3:TlsVersion` is accepted as the stronger variant. A plain
 * `NumericLessThan s3:TlsVersion` deny is NOT accepted: HTTP requests carry no s3:TlsVersion, so
 * that statement never matches them (reported with its own message). A deny narrowed by any other
 * condition (e.g. aws:SourceVpce) does not deny every insecure request. Fails when the bucket has no
 * policy or no such statement.
 *
 * Dispatched on `aws_s3_bucket` (legacy inline `policy`; otherwise the `aws_s3_bucket_policy`
 * companions of the module, joined on `bucket`) and on `aws_s3_bucket_policy` (judged on its own,
 * against the bucket its `bucket` designates). Policies are read by policy-documents.ts (jsonencode,
 * JSON/heredoc, variables, locals, data.aws_iam_policy_document.<name>.json; data sources are read
 * where used, not dispatched on). Bucket ARNs are matched literally (with the bucket's known name)
 * or symbolically (`aws_s3_bucket.<name>.arn`, `"${aws_s3_bucket.<name>.arn}/*"`,
 * `arn:…:s3:::${aws_s3_bucket.<name>.id}`, `each.value.arn` under `for_each = aws_s3_bucket.<name>`).
 * Anything unknown (file()/templatefile(), an unresolvable resource, condition or companion): cannot
 * determine.
 *
 * Findings: a bucket without any policy at its header; a policy without the deny at its `policy`
 * value. Fix (catalog autofix.safe: false): only for a bucket without any policy, a review fix
 * adds an aws_s3_bucket_policy with the deny statement (a bucket has one policy: it would replace
 * a policy set outside this configuration). Existing policies are never rewritten.
 */

const COMPANION = 'aws_s3_bucket_policy';
const PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn', 'aws-iso', 'aws-iso-b'];

const messages = {
  noPolicy: 'aws_s3_bucket "{name}" has no bucket policy, so nothing denies requests sent over plain HTTP.',
  noDeny: '{resource} "{name}" has a bucket policy without a Deny for requests where aws:SecureTransport is false, so plain HTTP requests are accepted.',
  tlsVersionOnly:
    '{resource} "{name}" denies old TLS versions with NumericLessThan s3:TlsVersion, which never matches plain HTTP requests (they carry no TLS version); add a Deny on aws:SecureTransport = false.',
  partial: '{resource} "{name}" denies insecure transport for {covered} but not for {missing}.',
};
const fixes = {
  addPolicy: { title: `Add an ${COMPANION} that denies requests not sent over TLS (review: it replaces any bucket policy set outside this configuration)`, safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

/** The bucket a policy applies to: its aws_s3_bucket resource name and/or its literal bucket name. */
interface Target {
  readonly resource?: string;
  readonly name?: string;
  /** The policy has `for_each = aws_s3_bucket.<resource>`: `each.value.arn` is the bucket's ARN. */
  readonly each: boolean;
}

export default defineTerraformRule({
  id: 'aws-s3-bucket-policy-deny-insecure-transport',
  resourceTypes: ['aws_s3_bucket', COMPANION],
  messages,
  fixes,
  check(resource, ctx) {
    const block = resource.node;
    if (resourceType(block) === COMPANION) {
      const policy = block.attributes.get('policy');
      if (policy !== undefined) judgePolicy(resource, policy, companionTarget(block, ctx), ctx);
      return;
    }
    const inline = block.attributes.get('policy');
    const inlineValue = inline === undefined ? undefined : ctx.evaluate(inline.expr);
    if (inline !== undefined && !(inlineValue?.known && (inlineValue.value === null || inlineValue.value === ''))) {
      // Legacy inline policy (AWS provider < 4).
      const name = literalName(block, ctx);
      judgePolicy(resource, inline, { resource: resourceName(block), ...(name !== undefined ? { name } : {}), each: false }, ctx);
      return;
    }
    if (!noBucketCompanion(ctx, resource, COMPANION, "be this bucket's policy")) return; // each policy is judged on its own
    ctx.report({ messageId: 'noPolicy', at: block.headerSpan, data: { name: resourceName(block) }, fix: { fixId: 'addPolicy', edits: [addPolicy(resource, ctx)] } });
  },
});

function judgePolicy(resource: Located<TfBlock>, policy: TfAttribute, target: Target, ctx: Ctx): void {
  const document = readPolicy(ctx, resource.uri, policy.expr);
  let unknown: Gap | undefined = document.gaps[0];
  let bucket: Tri = false;
  let objects: Tri = false;
  let tlsOnly = false;
  for (const s of document.statements) {
    const base = all(effectIs(s, 'Deny'), deniesEveryone(s), anyTerm(s.actions, (v) => coversPrefix(v.toLowerCase(), 's3:')).result, s.notResources === undefined ? true : undefined, s.certain ? true : undefined);
    const transport = transportCondition(s);
    if (transport === 'tlsOnly' && base !== false) tlsOnly = true;
    const qualifies = all(base, transport === 'denyHttp' ? true : transport === undefined ? undefined : false);
    if (qualifies === false) continue;
    const b = covers(s.resources, target, 'bucket');
    const o = covers(s.resources, target, 'objects');
    bucket = or(bucket, qualifies === true ? b : b === false ? false : undefined);
    objects = or(objects, qualifies === true ? o : o === false ? false : undefined);
    if (qualifies === undefined || b === undefined || o === undefined) unknown ??= { at: s.at, reason: 'a policy statement cannot be resolved statically (effect, principal, actions, resources or conditions)' };
  }
  if (bucket === true && objects === true) return;
  if (bucket === undefined || objects === undefined || unknown !== undefined) {
    ctx.cannotDetermine(policy.expr.span, unknown?.reason ?? 'whether the policy denies insecure transport cannot be resolved statically');
    return;
  }
  const data = { resource: resourceType(resource.node), name: resourceName(resource.node) };
  if (bucket === false && objects === false) {
    ctx.report({ messageId: tlsOnly ? 'tlsVersionOnly' : 'noDeny', at: policy.expr.span, data });
    return;
  }
  const [covered, missing] = bucket === true ? ['the bucket', 'its objects (<bucket ARN>/*)'] : ['its objects', 'the bucket ARN itself'];
  ctx.report({ messageId: 'partial', at: policy.expr.span, data: { ...data, covered, missing } });
}

function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : undefined;
}

/** Principal "*" / {"AWS": "*"}; a NotPrincipal exempts someone, so it does not deny everyone. */
function deniesEveryone(s: PolicyStatement): Tri {
  if (s.notPrincipals !== undefined) return false;
  return wildcardPrincipal(s).result;
}

/** 'denyHttp' when the conditions match every plain HTTP request and nothing narrows them. */
function transportCondition(s: PolicyStatement): 'denyHttp' | 'tlsOnly' | false | undefined {
  let denies = false;
  let tls = false;
  let unknown = !s.conditionsComplete;
  for (const c of s.conditions) {
    const op = c.operator.value;
    const key = c.key.value?.toLowerCase();
    if (op === undefined || key === undefined) {
      unknown = true;
      continue;
    }
    if ((op === 'Bool' || op === 'BoolIfExists') && key === 'aws:securetransport') {
      const r = anyTerm(c.values, (v) => v.toLowerCase() === 'false').result;
      if (r === true) denies = true;
      else if (r === undefined) unknown = true;
      else return false; // SecureTransport = true: a deny of HTTPS requests
    } else if (key === 's3:tlsversion' && op === 'NumericLessThanIfExists') denies = true;
    else if (key === 's3:tlsversion' && op === 'NumericLessThan') tls = true;
    else return false; // another condition narrows the deny
  }
  if (tls) return 'tlsOnly'; // ANDed with the rest, it never matches an HTTP request
  if (unknown) return undefined;
  return denies ? 'denyHttp' : false;
}

function covers(resources: Terms | undefined, target: Target, what: 'bucket' | 'objects'): Tri {
  if (resources === undefined) return false;
  let result: Tri = resources.complete ? false : undefined;
  for (const item of resources.items) {
    const r = coversTerm(item, target, what);
    if (r === true) return true;
    if (r === undefined) result = undefined;
  }
  return result;
}

function coversTerm(term: Term, target: Target, what: 'bucket' | 'objects'): Tri {
  const v = term.value;
  if (v !== undefined) {
    const test = (name: string): boolean =>
      PARTITIONS.some((p) => (what === 'bucket' ? glob(v, `arn:${p}:s3:::${name}`) : coversPrefix(v, `arn:${p}:s3:::${name}/`)));
    if (target.name !== undefined) return test(target.name);
    return test('\u0000') ? true : undefined; // unknown name: only a pattern that covers every bucket is certain
  }
  const t = term.text.trim();
  if (target.resource !== undefined) {
    const ref = `(?:aws_s3_bucket\\.${escapeRegExp(target.resource)}(?:\\[[^\\]]*\\])?${target.each ? '|each\\.value' : ''})`;
    const arn = `(?:\\$\\{${ref}\\.arn\\}|arn:[^:]+:s3:::\\$\\{${ref}\\.(?:id|bucket)\\})`;
    // The bucket's own ARN followed by a literal suffix: "" is the bucket, "/*" every object.
    const m = new RegExp(`^${arn}(.*)$`).exec(t);
    const suffix = m?.[1];
    if (suffix !== undefined && !suffix.includes('${')) return what === 'bucket' ? /^\*?$/.test(suffix) : coversPrefix(suffix, '/');
  }
  const other = /\$\{aws_s3_bucket\.([A-Za-z_][\w-]*)/.exec(t);
  if (other !== null && target.resource !== undefined && other[1] !== target.resource) return false; // another bucket's ARN
  return undefined;
}

/** IAM wildcard match: `*` any run of characters, `?` one character. */
function glob(pattern: string, value: string): boolean {
  const re = pattern
    .split('')
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : escapeRegExp(c)))
    .join('');
  return new RegExp(`^${re}$`).test(value);
}

/** Whether `pattern` matches every string that starts with `prefix` (it ends with `*` after a matching head). */
function coversPrefix(pattern: string, prefix: string): boolean {
  if (!pattern.endsWith('*')) return false;
  const head = pattern.replace(/\*+$/, '');
  for (let k = 0; k <= prefix.length; k++) if (glob(head, prefix.slice(0, k))) return true;
  return false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function literalName(bucket: TfBlock, ctx: Ctx): string | undefined {
  const attr = bucket.attributes.get('bucket');
  if (attr === undefined) return undefined;
  const v = ctx.evaluate(attr.expr);
  return v.known && v.value !== null ? asString(v.value) : undefined;
}

function refText(expr: TfExpr): string | undefined {
  if (expr.kind === 'reference' || expr.kind === 'other') return expr.text.trim();
  if (expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object') return refText(expr.parts[0]);
  return undefined;
}

/** The bucket an aws_s3_bucket_policy designates through `bucket`. */
function companionTarget(policy: TfBlock, ctx: Ctx): Target {
  const attr = policy.attributes.get('bucket');
  if (attr === undefined) return { each: false };
  const byResource = (n: string, each: boolean): Target => {
    const found = ctx.module.resource('aws_s3_bucket', n);
    const name = found === undefined ? undefined : literalName(found.node, ctx);
    return { resource: n, ...(name !== undefined ? { name } : {}), each };
  };
  const text = refText(attr.expr);
  const direct = text === undefined ? null : /^aws_s3_bucket\.([A-Za-z_][\w-]*)\s*(?:\[[^\]]*\])?\.(?:id|bucket)$/.exec(text);
  if (direct !== null) return byResource(direct[1]!, false);
  if (text !== undefined && /^each\.value\.(id|bucket)$/.test(text)) {
    const forEach = policy.attributes.get('for_each');
    const source = forEach === undefined ? undefined : refText(forEach.expr);
    const m = source === undefined ? null : /^aws_s3_bucket\.([A-Za-z_][\w-]*)$/.exec(source);
    return m !== null ? byResource(m[1]!, true) : { each: false };
  }
  const v = ctx.evaluate(attr.expr);
  if (!v.known || typeof v.value !== 'string') return { each: false };
  const name = v.value;
  const found = ctx.module.resourcesOfType('aws_s3_bucket').find((b) => literalName(b.node, ctx) === name);
  return found === undefined ? { name, each: false } : { resource: resourceName(found.node), name, each: false };
}

/** A new aws_s3_bucket_policy with only the deny statement, after the bucket (mirroring count/for_each). */
function addPolicy(resource: Located<TfBlock>, ctx: Ctx) {
  const n = `aws_s3_bucket.${resourceName(resource.node)}`;
  const arn = resource.node.attributes.has('for_each') ? 'each.value.arn' : resource.node.attributes.has('count') ? `${n}[count.index].arn` : `${n}.arn`;
  return insertCompanionAfter(ctx, resource, COMPANION, [], [
    'policy = jsonencode({',
    '  Version   = "2012-10-17"',
    '  Statement = [',
    '    {',
    '      Sid       = "DenyInsecureTransport"',
    '      Effect    = "Deny"',
    '      Principal = "*"',
    '      Action    = "s3:*"',
    `      Resource  = [${arn}, "\${${arn}}/*"]`,
    '      Condition = {',
    '        Bool = { "aws:SecureTransport" = "false" }',
    '      }',
    '    },',
    '  ]',
    '})',
  ]);
}
