/**
 * aws-secretsmanager-rotation-enabled — every aws_secretsmanager_secret rotates automatically, at
 * least every 90 days.
 *
 * Logic (catalog pass_if, cross_resource): an aws_secretsmanager_secret_rotation anywhere in the module
 * whose `secret_id` points at the secret (`aws_secretsmanager_secret.x.id`/`.arn`, `[count.index]`,
 * `each.value.id` with `for_each = aws_secretsmanager_secret.x`, or the secret's literal `name`). The
 * rotation resource is judged on its own (never again on the secret): `rotation_rules` must set
 * `automatically_after_days <= 90` or a `schedule_expression` (a `rate(n days)` longer than 90 days
 * fails; `cron(…)` passes, as the catalog's `exists` says). The provider < 4 inline `rotation_rules`
 * of the secret are judged the same way. Exempt (catalog exempt_if): secrets tagged
 * `rotation = "not-applicable"`. A rotation whose `secret_id` cannot be resolved may rotate the secret,
 * and tags that cannot be resolved may exempt it: both are "cannot determine", never guessed.
 *
 * Findings: a secret without rotation at its header; a missing `rotation_rules` at the rotation's
 * header, a missing interval at the `rotation_rules` header, a too-long interval at the value (with
 * the variable/tfvars it came from as related location). An interval wired to inputs whose defaults
 * are all null (a reusable module's optional inputs) is "cannot determine". Fix: review (catalog
 * autofix.safe: false): a rotation needs a rotation Lambda that understands the credential, so a secret
 * without rotation gets an aws_secretsmanager_secret_rotation right after it, rotating every 30 days
 * with `rotation_lambda_arn = var.secret_rotation_lambda_arn` (a snippet placeholder where the editor
 * supports it, declared without a default). The first rotation runs at apply.
 */
import type { Resolved } from '../../model/terraform/evaluate';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import { findCompanions, insertCompanionAfter, nestedInstances, resourceTags, valueText, withUserValues } from './helpers';
import { asNumber, asString, originRelated, originSuffix } from './values';

const ROTATION = 'aws_secretsmanager_secret_rotation';
const MAX_DAYS = 90;

const messages = {
  noRotation: 'aws_secretsmanager_secret "{name}" has no aws_secretsmanager_secret_rotation, so the secret is never rotated automatically.',
  noRules: '{resource} "{name}" declares no rotation_rules, so no rotation interval is set.',
  noInterval: '{resource} "{name}" sets neither automatically_after_days nor schedule_expression in rotation_rules, so no rotation interval is set.',
  tooLong: '{resource} "{name}" rotates the secret every {value} days{origin}; at most 90 days are allowed.',
  tooLongSchedule: '{resource} "{name}" rotates the secret on schedule {value}{origin}, less often than every 90 days.',
};
const LAMBDA: UserValue = { variable: 'secret_rotation_lambda_arn', description: 'ARN of the Lambda function that rotates the secret (it must understand the credential type)' };
const fixes = {
  addRotation: {
    title: 'Rotate the secret every 30 days with a rotation function you choose (var.secret_rotation_lambda_arn; the first rotation runs at apply and changes the credential)',
    safety: 'review' as const,
  },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-secretsmanager-rotation-enabled',
  resourceTypes: ['aws_secretsmanager_secret', ROTATION],
  messages,
  fixes,
  check(resource, ctx) {
    const block = resource.node;
    const data = { resource: resourceType(block), name: resourceName(block) };
    if (resourceType(block) === ROTATION) {
      checkRotation(block, block, data, ctx);
      return;
    }
    // Provider < 4: rotation configured inline on the secret.
    if (nestedBlocks(block, 'rotation_rules').length > 0) {
      checkRotation(block, block, data, ctx);
      return;
    }
    // exempt_if: rotation = "not-applicable" (a credential without a rotation API, with a documented compensating control).
    const tags = resourceTags(ctx, block);
    if (tags.tags.get('rotation') === 'not-applicable') return;
    const { matches, undecided } = findCompanions(ctx, resource, ROTATION, 'secret_id', 'name');
    if (matches.length > 0) return;
    const first: Located<TfBlock> | undefined = undecided[0];
    if (first !== undefined) {
      ctx.cannotDetermine(block.headerSpan, `${ROTATION} "${resourceName(first.node)}" may rotate this secret; its secret_id cannot be resolved statically`);
      return;
    }
    if (!tags.complete && !tags.tags.has('rotation')) {
      ctx.cannotDetermine(block.attributes.get('tags')?.expr.span ?? block.headerSpan, 'tags cannot be resolved statically; the secret may be tagged rotation = "not-applicable"');
      return;
    }
    const rotation = insertCompanionAfter(ctx, resource, ROTATION, [['rotation_lambda_arn', userValueRef(LAMBDA)]], ['', 'rotation_rules {', '  automatically_after_days = 30', '}'], 'secret_id');
    ctx.report({ messageId: 'noRotation', at: block.headerSpan, data, fix: { fixId: 'addRotation', edits: withUserValues(ctx, resource.uri, [LAMBDA], [rotation]) } });
  },
});

/** Judges `rotation_rules` of a rotation resource (or of a provider < 4 secret). */
function checkRotation(owner: TfBlock, block: TfBlock, data: Record<string, string>, ctx: Ctx): void {
  const { present, uncertain } = nestedInstances(ctx, block, 'rotation_rules');
  if (present.length === 0) {
    const maybe = uncertain[0];
    if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
    else ctx.report({ messageId: 'noRules', at: owner.headerSpan, data });
    return;
  }
  for (const rules of present) {
    const days = rules.attributes.get('automatically_after_days');
    const schedule = rules.attributes.get('schedule_expression');
    const daysValue = days === undefined ? undefined : ctx.evaluate(days.expr);
    const scheduleValue = schedule === undefined ? undefined : ctx.evaluate(schedule.expr);
    const isSet = (v: Resolved | undefined): boolean => v !== undefined && (!v.known || (v.value !== null && v.value !== ''));
    if (!isSet(daysValue) && !isSet(scheduleValue)) {
      // Both written but null through variable defaults: optional inputs the caller sets (AWS needs one of them).
      const wired = [days, schedule].find((a) => a !== undefined && a.expr.kind !== 'literal');
      if (wired !== undefined) ctx.cannotDetermine(wired.expr.span, 'the rotation interval comes from inputs whose defaults are null; the caller sets it');
      else ctx.report({ messageId: 'noInterval', at: rules.headerSpan, data });
      continue;
    }
    if (days !== undefined && daysValue !== undefined && isSet(daysValue)) {
      if (!daysValue.known) ctx.cannotDetermine(days.expr.span, `automatically_after_days = ${daysValue.text} cannot be resolved statically`);
      else {
        const n = asNumber(daysValue.value);
        if (n === undefined) ctx.cannotDetermine(days.expr.span, 'automatically_after_days is not a number');
        else if (n > MAX_DAYS) {
          ctx.report({
            messageId: 'tooLong',
            at: days.expr.span,
            data: { ...data, value: valueText(daysValue), origin: originSuffix(daysValue) },
            related: originRelated(daysValue),
          });
        }
      }
    }
    if (schedule !== undefined && scheduleValue !== undefined && isSet(scheduleValue)) {
      if (!scheduleValue.known) {
        ctx.cannotDetermine(schedule.expr.span, `schedule_expression = ${scheduleValue.text} cannot be resolved statically`);
        continue;
      }
      const rate = /^\s*rate\(\s*(\d+)\s+(hours?|days?)\s*\)\s*$/i.exec(asString(scheduleValue.value) ?? '');
      const rateDays = rate === null ? undefined : rate[2]!.toLowerCase().startsWith('hour') ? Number(rate[1]) / 24 : Number(rate[1]);
      if (rateDays !== undefined && rateDays > MAX_DAYS) {
        ctx.report({
          messageId: 'tooLongSchedule',
          at: schedule.expr.span,
          data: { ...data, value: valueText(scheduleValue), origin: originSuffix(scheduleValue) },
          related: originRelated(scheduleValue),
        });
      }
    }
  }
}
