/**
 * gcp-storage-uniform-bucket-level-access
 *
 * Logic (catalog): a google_storage_bucket passes only with `uniform_bucket_level_access = true`;
 * absent (provider default false), null or false fails. The google provider < 4 name
 * `bucket_policy_only` is judged the same way when it is the one written. Unknown values are never
 * guessed.
 *
 * Findings: on the value when written (variable origin related), else on the resource header.
 *
 * Fix (review, catalog autofix.safe = false): inserts the attribute or replaces a literal `false`. In
 * place, but object ACLs stop granting access at once, and after 90 days the change cannot be undone.
 */
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { requireBool } from './helpers';

export default defineTerraformRule({
  id: 'gcp-storage-uniform-bucket-level-access',
  resourceTypes: ['google_storage_bucket'],
  messages: {
    missing: 'google_storage_bucket "{name}" does not set uniform_bucket_level_access; per-object ACLs can grant access outside IAM (the provider default is false).',
    disabled: 'google_storage_bucket "{name}" sets {attribute} = {value}{origin}; per-object ACLs can grant access outside IAM.',
  },
  fixes: {
    enable: { title: 'Set uniform_bucket_level_access = true (object ACLs stop working; irreversible after 90 days)', safety: 'review' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const name = resourceName(block);
    const attribute = !block.attributes.has('uniform_bucket_level_access') && block.attributes.has('bucket_policy_only') ? 'bucket_policy_only' : 'uniform_bucket_level_access';
    requireBool(resource, ctx, { attribute, expected: true, missing: 'missing', wrong: 'disabled', fixId: 'enable', data: { name, attribute } });
  },
});
