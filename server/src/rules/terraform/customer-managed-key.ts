import { userValueRef, type UserValue } from '../../fixes/user-values';
import type { Located } from '../../model/terraform/module';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import type { TerraformContext } from '../types';
import { judgePresence, requireBool, userValueFix, valueText } from './helpers';
import { originRelated, originSuffix } from './values';

/**
 * Requires `kms_key_id` to be set: reports `missing` at the header when it is absent and `empty` at
 * the value when it is `null` or `""`, with the `useCustomerKey` fix writing `key`; unresolvable
 * values are "cannot determine".
 */
export function requireKmsKeyId(resource: Located<TfBlock>, ctx: TerraformContext<'missing' | 'empty', 'useCustomerKey'>, key: UserValue): void {
  const block = resource.node;
  const name = resourceName(block);
  const presence = judgePresence(ctx, block, 'kms_key_id');
  if (presence.kind === 'unknown') ctx.cannotDetermine(presence.at, presence.reason);
  else if (presence.kind === 'absent') {
    const edits = userValueFix(ctx, resource.uri, block, 'kms_key_id', key);
    const fix = edits ? { fix: { fixId: 'useCustomerKey' as const, edits } } : {};
    if (presence.attr === undefined || presence.resolved === undefined) ctx.report({ messageId: 'missing', at: block.headerSpan, data: { name }, ...fix });
    else
      ctx.report({
        messageId: 'empty',
        at: presence.attr.expr.span,
        data: { name, value: valueText(presence.resolved), origin: originSuffix(presence.resolved) },
        related: originRelated(presence.resolved),
        ...fix,
      });
  }
}

/**
 * Requires `encrypted = true` (`missing`/`disabled`, fixes `enable`/`enableWithKey`) and, once
 * encrypted, warns (`awsManagedKey`, severity medium, fix `useCustomerKey`) when `kms_key_id` is
 * unset so the AWS managed key is used instead of the customer managed `key`.
 */
export function requireEncryptedWithCustomerKey(
  resource: Located<TfBlock>,
  ctx: TerraformContext<'missing' | 'disabled' | 'awsManagedKey', 'enable' | 'enableWithKey' | 'useCustomerKey'>,
  key: UserValue,
): void {
  const block = resource.node;
  const data = { name: resourceName(block) };
  const verdict = requireBool(resource, ctx, {
    attribute: 'encrypted',
    expected: true,
    missing: 'missing',
    wrong: 'disabled',
    fixId: 'enable',
    data,
    alsoSet: { attributes: [['kms_key_id', userValueRef(key)]], values: [key] },
    alsoSetFixId: 'enableWithKey',
  });
  if (verdict.kind !== 'ok') return;
  const keyId = judgePresence(ctx, block, 'kms_key_id');
  if (keyId.kind === 'unknown') ctx.cannotDetermine(keyId.at, keyId.reason);
  else if (keyId.kind === 'absent') {
    const edits = userValueFix(ctx, resource.uri, block, 'kms_key_id', key);
    ctx.report({
      messageId: 'awsManagedKey',
      at: keyId.attr?.expr.span ?? block.headerSpan,
      data,
      severity: 'medium',
      ...(edits ? { fix: { fixId: 'useCustomerKey' as const, edits } } : {}),
    });
  }
}
