/**
 * aws-redshift-encrypted: an aws_redshift_cluster sets `encrypted = true` (catalog when_missing: fail);
 * with `encrypted = true` but no `kms_key_id` the catalog's warn_if applies (the AWS managed key is
 * used), reported one step lower (medium).
 *
 * Findings: a missing `encrypted` at the resource header; a value other than true at the value (with
 * the variable/tfvars it came from as related location); the missing KMS key at the resource header.
 *
 * Fix: review only (catalog autofix.safe: false): `encrypted = true` is inserted or replaces a literal,
 * and AWS then migrates an existing cluster to an encrypted one, with a read-only period. A key ARN is
 * environment-specific: where `kms_key_id` is absent the fix also writes `kms_key_id =
 * var.redshift_kms_key_arn` (a snippet placeholder where the editor supports it) and declares the
 * variable without a default; the warn's fix writes the same reference.
 */
import { defineTerraformRule } from '../define-rule';
import { requireEncryptedWithCustomerKey } from './customer-managed-key';
import { customerManagedKey } from './helpers';

const KEY = customerManagedKey('redshift', 'the Redshift cluster');

export default defineTerraformRule({
  id: 'aws-redshift-encrypted',
  resourceTypes: ['aws_redshift_cluster'],
  messages: {
    missing: 'aws_redshift_cluster "{name}" does not set encrypted; the cluster, its snapshots and backups may be stored unencrypted.',
    disabled: 'aws_redshift_cluster "{name}" sets encrypted = {value}{origin}; the cluster, its snapshots and backups are stored unencrypted.',
    awsManagedKey: 'aws_redshift_cluster "{name}" is encrypted without a kms_key_id, so it uses the AWS managed key, whose policy cannot restrict who decrypts the data.',
  },
  fixes: {
    enable: { title: 'Set encrypted = true (AWS migrates an existing cluster; it is read-only meanwhile)', safety: 'review' },
    enableWithKey: { title: 'Encrypt with a customer managed KMS key you choose (var.redshift_kms_key_arn; AWS migrates an existing cluster, it is read-only meanwhile)', safety: 'review' },
    useCustomerKey: { title: 'Use a customer managed KMS key you choose (var.redshift_kms_key_arn; AWS migrates an existing cluster, it is read-only meanwhile)', safety: 'review' },
  },
  check(resource, ctx) {
    requireEncryptedWithCustomerKey(resource, ctx, KEY);
  },
});
