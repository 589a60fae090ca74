/**
 * gcp-kms-key-rotation
 *
 * Logic (catalog): applies to google_kms_crypto_key with `purpose` "ENCRYPT_DECRYPT" (absent = the
 * default, ENCRYPT_DECRYPT); asymmetric, MAC and raw keys cannot rotate automatically. Passes when
 * `rotation_period` is at most 7776000s (90 days); absent fails (no automatic rotation). Keys with
 * `import_only = true` are skipped too: Cloud KMS cannot generate their new versions. Unknown values
 * are never guessed.
 *
 * Findings: on the period when written (variable origin related), else on the resource header.
 *
 * Fix (safe, catalog autofix.safe): inserts `rotation_period = "7776000s"` or replaces a longer literal
 * period. Transparent to callers: new versions become primary, old ones keep decrypting.
 */
import { insertAttribute } from '../../fixes/terraform-edits';
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { judgeBool, replaceLiteral, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const MAX_SECONDS = 7776000;
const PERIOD = `"${MAX_SECONDS}s"`;

export default defineTerraformRule({
  id: 'gcp-kms-key-rotation',
  resourceTypes: ['google_kms_crypto_key'],
  messages: {
    missing: 'google_kms_crypto_key "{name}" does not set rotation_period; its key material is never rotated automatically.',
    tooLong: 'google_kms_crypto_key "{name}" sets rotation_period = {value}{origin}, longer than 90 days (7776000s).',
  },
  fixes: {
    rotate90: { title: 'Set rotation_period = "7776000s" (90 days)', safety: 'safe' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const name = resourceName(block);

    const period = block.attributes.get('rotation_period');
    const value = period === undefined ? undefined : ctx.evaluate(period.expr);
    const seconds = value?.known === true && value.value !== null ? parseDuration(asString(value.value)) : undefined;
    if (seconds !== undefined && seconds <= MAX_SECONDS) return;

    // applies_when: purpose ENCRYPT_DECRYPT (default); import-only keys cannot get generated versions.
    const purpose = block.attributes.get('purpose');
    if (purpose !== undefined) {
      const p = ctx.evaluate(purpose.expr);
      if (!p.known) {
        ctx.cannotDetermine(purpose.expr.span, `purpose = ${p.text} cannot be resolved statically`);
        return;
      }
      if (p.value !== null && asString(p.value) !== 'ENCRYPT_DECRYPT') return;
    }
    const importOnly = judgeBool(ctx, block, 'import_only', false, 'pass');
    if (importOnly.kind === 'wrong') return;
    if (importOnly.kind === 'unknown') {
      ctx.cannotDetermine(importOnly.at, importOnly.reason);
      return;
    }

    if (period === undefined || (value?.known === true && value.value === null)) {
      ctx.report({
        messageId: 'missing',
        at: block.headerSpan,
        data: { name },
        ...(period === undefined ? { fix: { fixId: 'rotate90' as const, edits: [insertAttribute(resource.uri, ctx.text, block, 'rotation_period', PERIOD)] } } : {}),
      });
      return;
    }
    if (value === undefined || !value.known) {
      ctx.cannotDetermine(period.expr.span, `rotation_period = ${value?.known === false ? value.text : ''} cannot be resolved statically`);
      return;
    }
    if (seconds === undefined) {
      ctx.cannotDetermine(period.expr.span, 'rotation_period is not a duration in seconds ("…s")');
      return;
    }
    const fix = replaceLiteral(resource.uri, period, PERIOD);
    ctx.report({
      messageId: 'tooLong',
      at: period.expr.span,
      data: { name, value: valueText(value), origin: originSuffix(value) },
      related: originRelated(value),
      ...(fix ? { fix: { fixId: 'rotate90' as const, edits: [fix] } } : {}),
    });
  },
});

/** "7776000s", "100000.5s" → seconds. */
function parseDuration(text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(text);
  return m === null ? undefined : Number(m[1]);
}
