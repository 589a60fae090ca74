/**
 * aws-efs-encrypted — aws_efs_file_system is encrypted at rest.
 *
 * Logic (catalog pass_if): `encrypted = true`; absent fails (provider default false). catalog warn_if:
 * `encrypted = true` without `kms_key_id` uses the AWS managed key aws/elasticfilesystem, reported
 * one step lower (medium). Values that cannot be resolved are never guessed.
 *
 * Findings: on the value when encrypted is set to something else, on the resource header when it
 * is absent (or when kms_key_id is absent, for the warn). Fix: `review` (catalog autofix.safe:
 * false) — inserts `encrypted = true` or replaces a literal value; encryption is chosen at creation,
 * so Terraform replaces an existing file system and its data must be migrated. The key is
 * environment-specific: the fix writes `kms_key_id = var.efs_kms_key_arn` (a snippet placeholder where
 * the editor supports it) and declares the variable without a default, so enabling encryption does not
 * leave the AWS managed key; the warn's fix writes the same reference (kms_key_id also forces replacement).
 */
import { defineTerraformRule } from '../define-rule';
import { requireEncryptedWithCustomerKey } from './customer-managed-key';
import { customerManagedKey } from './helpers';

const KEY = customerManagedKey('efs', 'the EFS file system');

export default defineTerraformRule({
  id: 'aws-efs-encrypted',
  resourceTypes: ['aws_efs_file_system'],
  messages: {
    missing: 'aws_efs_file_system "{name}" does not set encrypted; the provider default creates an unencrypted file system.',
    disabled: 'aws_efs_file_system "{name}" sets encrypted = {value}{origin}; the file system is unencrypted at rest.',
    awsManagedKey: 'aws_efs_file_system "{name}" is encrypted with the AWS managed key aws/elasticfilesystem; a customer managed key (kms_key_id) keeps decryption under your own key policy.',
  },
  fixes: {
    // Encryption is chosen at creation: Terraform replaces an existing file system. Never part of fix-all.
    enable: { title: 'Set encrypted = true (replaces an existing file system; data must be migrated)', safety: 'review' },
    enableWithKey: { title: 'Encrypt with a customer managed KMS key you choose (var.efs_kms_key_arn; replaces an existing file system, data must be migrated)', safety: 'review' },
    useCustomerKey: { title: 'Use a customer managed KMS key you choose (var.efs_kms_key_arn; replaces an existing file system, data must be migrated)', safety: 'review' },
  },
  check(resource, ctx) {
    requireEncryptedWithCustomerKey(resource, ctx, KEY);
  },
});
