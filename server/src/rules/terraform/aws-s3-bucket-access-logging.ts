import { memoWithLookups, type MemoEntry } from '../../model/terraform/lookups';
import { defineModuleFact } from '../../model/facts';
import type { Located, TfModule } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import { findCompanions, insertCompanionAfter, noBucketCompanion, withUserValues, type Evaluator } from './helpers';
import { asString } from './values';

/**
 * aws-s3-bucket-access-logging
 *
 * Logic (catalog): passes when the legacy inline `logging { target_bucket = … }` block is present,
 * or when an `aws_s3_bucket_logging` (AWS provider v4+) anywhere in the module points at the bucket
 * with a `target_bucket`. Fails when no logging is configured.
 *
 * Exempt (catalog exempt_if, "the bucket is itself the log target"): a bucket that another logging
 * configuration of the module delivers to; a bucket whose ACL is `log-delivery-write` (inline or
 * `aws_s3_bucket_acl`); and, by naming convention, a bucket whose resource name or literal bucket
 * name has a `log`, `logs` or `logging` word, or a tag value with a `log`/`logs` word.
 *
 * Findings: a bucket with no logging is reported at its header; a logging block or companion
 * without a target_bucket at that block's header. A companion whose `bucket` cannot be resolved
 * may configure any bucket: cannot determine.
 *
 * Fix (catalog autofix.safe: false): the target log bucket is environment-specific. When every other
 * logging configuration of the module delivers to the same bucket, the fix adds an
 * `aws_s3_bucket_logging` to that bucket; otherwise it adds one delivering to
 * `var.s3_access_log_bucket` (a snippet placeholder where the editor supports it; the variable is
 * declared without a default). Both are review fixes: the log bucket's policy must allow
 * logging.s3.amazonaws.com.
 */

const COMPANION = 'aws_s3_bucket_logging';
const ACL = 'aws_s3_bucket_acl';
const LOG_DELIVERY_URI = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

const messages = {
  missing: 'aws_s3_bucket "{name}" has no server access logging, so reads and changes of its objects are not recorded.',
  inlineNoTarget: 'aws_s3_bucket "{name}" declares a logging block without a target_bucket, so no access logs are delivered.',
  companionNoTarget: 'aws_s3_bucket_logging "{name}" has no target_bucket, so no access logs are delivered.',
};
const LOG_BUCKET: UserValue = { variable: 's3_access_log_bucket', description: 'Name of the S3 bucket that receives server access logs (its bucket policy must allow logging.s3.amazonaws.com)' };
const fixes = {
  addLogging: { title: `Add an ${COMPANION} delivering to the log bucket the other buckets of this module use (no logs arrive unless the log bucket policy allows logging.s3.amazonaws.com)`, safety: 'review' as const },
  addLoggingToChosenBucket: {
    title: `Add an ${COMPANION} delivering to a log bucket you choose (var.${LOG_BUCKET.variable}; no logs arrive unless its bucket policy allows logging.s3.amazonaws.com)`,
    safety: 'review' as const,
  },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-s3-bucket-access-logging',
  resourceTypes: ['aws_s3_bucket', COMPANION],
  messages,
  fixes,
  check(resource, ctx) {
    const block = resource.node;
    const data = { name: resourceName(block) };
    if (resourceType(block) === COMPANION) {
      if (!hasTarget(block, ctx)) ctx.report({ messageId: 'companionNoTarget', at: block.headerSpan, data });
      return;
    }
    const inline = nestedBlocks(block, 'logging');
    if (inline.length > 0) {
      // Legacy inline block (AWS provider < 4, deprecated in v4+).
      for (const logging of inline) if (!hasTarget(logging, ctx)) ctx.report({ messageId: 'inlineNoTarget', at: logging.headerSpan, data });
      return;
    }
    if (!noBucketCompanion(ctx, resource, COMPANION, 'configure this bucket')) return; // each companion is judged on its own
    if (isLogTarget(resource, ctx)) return;
    const shared = sharedLogTarget(ctx.module);
    const companion = (target: string) => insertCompanionAfter(ctx, resource, COMPANION, [['target_bucket', target], ['target_prefix', `"s3/${resourceName(block)}/"`]]);
    ctx.report({
      messageId: 'missing',
      at: block.headerSpan,
      data,
      fix:
        shared !== undefined
          ? { fixId: 'addLogging', edits: [companion(shared)] }
          : { fixId: 'addLoggingToChosenBucket', edits: withUserValues(ctx, resource.uri, [LOG_BUCKET], [companion(userValueRef(LOG_BUCKET))]) },
    });
  },
});

/** `target_bucket` is set (a value that is unknown statically is still set: the argument is required). */
function hasTarget(block: TfBlock, ctx: Ctx): boolean {
  const attr = block.attributes.get('target_bucket');
  if (attr === undefined) return false;
  const value = ctx.evaluate(attr.expr);
  return !value.known || (value.value !== null && value.value !== '');
}

/** The literal name of the bucket (`bucket = "…"`), when known. */
function literalName(bucket: TfBlock, ctx: Ctx): string | undefined {
  const attr = bucket.attributes.get('bucket');
  if (attr === undefined) return undefined;
  const v = ctx.evaluate(attr.expr);
  return v.known && v.value !== null ? asString(v.value) : undefined;
}

/**
 * The logging configurations of the module (companions and inline `logging` blocks). The bucket being
 * judged has none inline (it is judged on those), so the list is the same for every bucket judged.
 */
function loggingConfigurations(module: TfModule): TfBlock[] {
  return [...module.resourcesOfType(COMPANION).map((c) => c.node), ...module.resourcesOfType('aws_s3_bucket').flatMap((b) => nestedBlocks(b.node, 'logging'))];
}

/** What the module's logging configurations deliver to: buckets they reference, and the values they resolve to. */
interface LogDestinations {
  /** `refersTo` keys (`<type> <name>`) of the resources referenced. */
  readonly references: ReadonlySet<string>;
  /** Known string values (literals, and values resolved through variables). */
  readonly values: ReadonlySet<unknown>;
}

/**
 * Once per module version (a module fact: editing a bucket without touching any logging configuration
 * leaves it unchanged), or per instance judged (evaluation binds the instance's `count.index`/`each.*`).
 */
const destinationsMemo = new WeakMap<object, MemoEntry<LogDestinations>>();
function logDestinations(ctx: Ctx): LogDestinations {
  if (ctx.instance === undefined) return logDestinationsFact.get(ctx.module);
  return memoWithLookups(destinationsMemo, ctx.instance, () => readLogDestinations(ctx));
}

const logDestinationsFact = defineModuleFact(
  'aws-s3-log-destinations',
  (scope) => readLogDestinations(scope),
  (d) => JSON.stringify([[...d.references].sort(), [...d.values].map((v) => JSON.stringify(v)).sort()]),
);

function readLogDestinations(ctx: Evaluator & { readonly module: TfModule }): LogDestinations {
  const references = new Set<string>();
  const values = new Set<unknown>();
  for (const config of loggingConfigurations(ctx.module)) {
    const target = config.attributes.get('target_bucket');
    if (target === undefined) continue;
    const referenced = referencedResource(target.expr);
    if (referenced !== undefined) references.add(referenced);
    const v = ctx.evaluate(target.expr);
    if (v.known) values.add(v.value);
  }
  return { references, values };
}

/** The `<type> <name>` of the resource `expr` refers to, as `refersTo` reads references (`aws_s3_bucket.logs.id`, `"${…}"`). */
function referencedResource(expr: TfExpr): string | undefined {
  if (expr.kind === 'reference') {
    const [t, n] = expr.path;
    return t !== undefined && n !== undefined && 'name' in t && 'name' in n ? `${t.name} ${n.name}` : undefined;
  }
  if (expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object') return referencedResource(expr.parts[0]);
  return undefined;
}

/** Exempt: the bucket receives other buckets' access logs (structurally or by naming/tag convention). */
function isLogTarget(resource: Located<TfBlock>, ctx: Ctx): boolean {
  const bucket = resource.node;
  const name = literalName(bucket, ctx);
  // Another logging configuration delivers to this bucket: it references the bucket, or names it
  // (a literal, or a value resolved through variables).
  const destinations = logDestinations(ctx);
  if (destinations.references.has(`${resourceType(bucket)} ${resourceName(bucket)}`)) return true;
  if (name !== undefined && destinations.values.has(name)) return true;
  // The log-delivery-write canned ACL or a grant to the LogDelivery group.
  const acls: TfBlock[] = [bucket, ...findCompanions(ctx, resource, ACL).matches.map((a) => a.node)];
  for (const acl of acls) {
    const attr = acl.attributes.get('acl');
    const v = attr === undefined ? undefined : ctx.evaluate(attr.expr);
    if (v?.known && v.value === 'log-delivery-write') return true;
    const grants = [...nestedBlocks(acl, 'grant'), ...nestedBlocks(acl, 'access_control_policy').flatMap((p) => nestedBlocks(p, 'grant').flatMap((g) => nestedBlocks(g, 'grantee')))];
    for (const g of grants) {
      const uri = g.attributes.get('uri');
      const u = uri === undefined ? undefined : ctx.evaluate(uri.expr);
      if (u?.known && u.value === LOG_DELIVERY_URI) return true;
    }
  }
  // Naming convention: a `log`, `logs` or `logging` word in the resource name or the bucket name.
  const words = (s: string): string[] => s.toLowerCase().split(/[^a-z0-9]+/);
  const logWord = (s: string): boolean => words(s).some((w) => w === 'log' || w === 'logs' || w === 'logging');
  if (logWord(resourceName(bucket)) || (name !== undefined && logWord(name))) return true;
  // Tag convention: a tag value with a `log` or `logs` word (e.g. Purpose = "access-logs").
  const tags = bucket.attributes.get('tags');
  const t = tags === undefined ? undefined : ctx.evaluate(tags.expr);
  if (t?.known && t.value !== null && typeof t.value === 'object' && !Array.isArray(t.value)) {
    for (const value of Object.values(t.value)) if (typeof value === 'string' && words(value).some((w) => w === 'log' || w === 'logs')) return true;
  }
  return false;
}

/**
 * The `target_bucket` every other logging configuration of the module uses, as source text, when
 * they all agree on one bucket written as a resource reference or a literal; otherwise undefined.
 */
const sharedLogTargetFact = defineModuleFact('aws-s3-shared-log-target', (scope) => agreedLogTarget(loggingConfigurations(scope.module)), (t) => JSON.stringify(t ?? null));
function sharedLogTarget(module: TfModule): string | undefined {
  return sharedLogTargetFact.get(module);
}

function agreedLogTarget(blocks: readonly TfBlock[]): string | undefined {
  const texts = new Set<string>();
  for (const b of blocks) {
    const expr = b.attributes.get('target_bucket')?.expr;
    if (expr === undefined) continue;
    if (expr.kind === 'reference' && !['var', 'local', 'each', 'count', 'module'].includes(stepName(expr))) texts.add(expr.text);
    else if (expr.kind === 'literal' && typeof expr.value === 'string' && expr.value !== '') texts.add(JSON.stringify(expr.value));
    else return undefined;
  }
  return texts.size === 1 ? [...texts][0] : undefined;
}

function stepName(expr: Extract<TfExpr, { kind: 'reference' }>): string {
  const first = expr.path[0];
  return first !== undefined && 'name' in first ? first.name : '';
}
