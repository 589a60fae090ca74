import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { judgeBool, requireBool } from './helpers';
import { asString } from './values';

export default defineTerraformRule({
  id: 'aws-kms-key-rotation-enabled',
  resourceTypes: ['aws_kms_key'],
  messages: {
    missing: 'aws_kms_key "{name}" does not set enable_key_rotation; the provider default leaves automatic rotation off.',
    disabled: 'aws_kms_key "{name}" sets enable_key_rotation = {value}{origin}; its key material is never rotated.',
  },
  fixes: {
    enable: { title: 'Set enable_key_rotation = true', safety: 'safe' },
  },
  check(resource, ctx) {
    const block = resource.node;
    if (judgeBool(ctx, block, 'enable_key_rotation', true, 'fail').kind === 'ok') return;

    // applies_when: customer_master_key_spec is SYMMETRIC_DEFAULT (absent = SYMMETRIC_DEFAULT).
    // Asymmetric and HMAC keys do not support automatic rotation.
    const spec = block.attributes.get('customer_master_key_spec');
    if (spec !== undefined) {
      const value = ctx.evaluate(spec.expr);
      if (!value.known) {
        ctx.cannotDetermine(spec.expr.span, `customer_master_key_spec = ${value.text} cannot be resolved statically`);
        return;
      }
      if (value.value !== null && asString(value.value) !== 'SYMMETRIC_DEFAULT') return;
    }
    // key_usage other than ENCRYPT_DECRYPT (SIGN_VERIFY, GENERATE_VERIFY_MAC) only exists for non-symmetric keys.
    const usage = block.attributes.get('key_usage');
    if (usage !== undefined) {
      const value = ctx.evaluate(usage.expr);
      if (value.known && value.value !== null && asString(value.value) !== 'ENCRYPT_DECRYPT') return;
    }
    // Keys in a custom key store (CloudHSM or external) cannot be rotated automatically.
    const store = block.attributes.get('custom_key_store_id');
    if (store !== undefined) {
      const value = ctx.evaluate(store.expr);
      if (!value.known) {
        ctx.cannotDetermine(store.expr.span, `custom_key_store_id = ${value.text} cannot be resolved statically`);
        return;
      }
      if (value.value !== null) return;
    }

    requireBool(resource, ctx, {
      attribute: 'enable_key_rotation',
      expected: true,
      missing: 'missing',
      wrong: 'disabled',
      fixId: 'enable',
      data: { name: resourceName(block) },
    });
  },
});
