import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Related, TerraformContext } from '../types';
import { insertAttributes, noBucketCompanion, insertCompanionAfter, judgeBool, replaceLiteral, valueText, type Evaluator } from './helpers';
import { originRelated, originSuffix } from './values';

const COMPANION = 'aws_s3_bucket_public_access_block';
const ACCOUNT = 'aws_s3_account_public_access_block';
const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

const messages = {
  missing: 'aws_s3_bucket "{name}" has no aws_s3_bucket_public_access_block; a later ACL or policy change could expose it publicly.',
  flagsMissing: 'aws_s3_bucket_public_access_block "{name}" does not set {flags}; unset settings default to false.',
  flagDisabled: 'aws_s3_bucket_public_access_block "{name}" sets {flag} = {value}{origin} instead of true.',
};
const fixes = {
  addBlock: { title: `Add an ${COMPANION} with all four settings enabled`, safety: 'safe' as const },
  enable: { title: 'Set the public access block setting(s) to true', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-s3-bucket-public-access-block',
  resourceTypes: ['aws_s3_bucket', COMPANION],
  messages,
  fixes,
  check(resource, ctx) {
    // Catalog pass_alternative: an account-level block with all four settings covers every bucket
    // (S3 applies the most restrictive of the account and bucket settings).
    const account = accountLevel(ctx);
    if (account.kind === 'satisfied') return;
    if (resourceType(resource.node) === COMPANION) checkBlock(resource, ctx, account);
    else checkBucket(resource, ctx, account);
  },
});

type AccountLevel = { kind: 'satisfied' } | { kind: 'unknown'; reason: string } | { kind: 'insufficient'; related: Related[] };

/** The aws_s3_account_public_access_block resources of the module, judged together. */
function accountLevel(ctx: Evaluator & Pick<Ctx, 'module'>): AccountLevel {
  let unknown: string | undefined;
  const related: Related[] = [];
  for (const block of ctx.module.resourcesOfType(ACCOUNT)) {
    if (block.node.hasErrors) continue;
    const verdicts = FLAGS.map((flag) => judgeBool(ctx, block.node, flag, true, 'fail'));
    if (verdicts.every((v) => v.kind === 'ok')) return { kind: 'satisfied' };
    if (verdicts.some((v) => v.kind === 'missing' || v.kind === 'wrong')) {
      related.push({ uri: block.uri, span: block.node.headerSpan, message: `${ACCOUNT} "${resourceName(block.node)}" does not enable all four settings` });
      continue;
    }
    const first = verdicts.find((v) => v.kind === 'unknown');
    if (first?.kind === 'unknown') unknown ??= `${ACCOUNT} "${resourceName(block.node)}": ${first.reason}`;
  }
  return unknown !== undefined ? { kind: 'unknown', reason: unknown } : { kind: 'insufficient', related };
}

function checkBucket(resource: Located<TfBlock>, ctx: Ctx, account: Exclude<AccountLevel, { kind: 'satisfied' }>): void {
  const bucket = resource.node;
  // A bucket-level block is judged when it is analysed itself: its findings are not repeated here.
  if (!noBucketCompanion(ctx, resource, COMPANION, 'cover this bucket')) return;
  if (account.kind === 'unknown') {
    ctx.cannotDetermine(bucket.headerSpan, account.reason);
    return;
  }
  ctx.report({
    messageId: 'missing',
    at: bucket.headerSpan,
    data: { name: resourceName(bucket) },
    related: account.related,
    fix: { fixId: 'addBlock', edits: [insertCompanionAfter(ctx, resource, COMPANION, FLAGS.map((flag) => [flag, 'true'] as const))] },
  });
}

function checkBlock(resource: Located<TfBlock>, ctx: Ctx, account: Exclude<AccountLevel, { kind: 'satisfied' }>): void {
  const block = resource.node;
  const name = resourceName(block);
  const missing: string[] = [];
  const reports: Parameters<Ctx['report']>[0][] = [];
  for (const flag of FLAGS) {
    const verdict = judgeBool(ctx, block, flag, true, 'fail');
    if (verdict.kind === 'unknown') ctx.cannotDetermine(verdict.at, verdict.reason);
    else if (verdict.kind === 'missing') missing.push(flag);
    else if (verdict.kind === 'wrong') {
      const fix = replaceLiteral(resource.uri, verdict.attr, 'true');
      reports.push({
        messageId: 'flagDisabled',
        at: verdict.attr.expr.span,
        data: { name, flag, value: valueText(verdict.resolved), origin: originSuffix(verdict.resolved) },
        related: originRelated(verdict.resolved),
        ...(fix ? { fix: { fixId: 'enable' as const, edits: [fix] } } : {}),
      });
    }
  }
  if (missing.length > 0) {
    reports.push({
      messageId: 'flagsMissing',
      at: block.headerSpan,
      data: { name, flags: missing.join(', ') },
      fix: { fixId: 'enable', edits: [insertAttributes(resource.uri, ctx.text, block, missing.map((flag) => [flag, 'true'] as const))] },
    });
  }
  if (reports.length === 0) return;
  if (account.kind === 'unknown') {
    // The account-level block may still cover the bucket.
    ctx.cannotDetermine(block.headerSpan, account.reason);
    return;
  }
  for (const r of reports) ctx.report({ ...r, related: [...(r.related ?? []), ...account.related] });
}
