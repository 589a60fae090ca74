import { defineTerraformRule } from '../define-rule';
import { reportWildcardPrincipalGrants } from './policy-documents';

/**
 * aws-kms-key-policy-no-wildcard-principal
 *
 * Logic (catalog): fails for every Allow statement of a key policy whose principal is "*" or
 * {"AWS": "*"} (or a NotPrincipal, which allows everyone not listed) unless the statement has a
 * condition on kms:CallerAccount, kms:ViaService, aws:PrincipalOrgID or aws:SourceAccount. Other
 * conditions do not restrict who the caller is, so they do not exempt the statement. A key without
 * a policy gets the default key policy (the account root), which has no wildcard: it passes.
 *
 * Dispatched on `aws_kms_key` (inline `policy`) and `aws_kms_key_policy` (provider v4.50+ split
 * resource); each is judged on its own.
 * The policy is read by policy-documents.ts: jsonencode, JSON strings and heredocs, variables,
 * locals and `data.aws_iam_policy_document.<name>.json` (a data source is judged where it is used,
 * so it is not dispatched on). `file()`/`templatefile()` and other unknown policies: cannot determine.
 *
 * Findings: one per offending statement, at the wildcard principal when the policy is written in
 * the resource, otherwise at the `policy` value with the statement as related location.
 * Fix: none (catalog autofix manual: key policies can lock out administrators).
 */

const EXEMPT_KEYS = ['kms:CallerAccount', 'kms:ViaService', 'aws:PrincipalOrgID', 'aws:SourceAccount'];

const messages = {
  wildcard:
    '{resource} "{name}" key policy allows {principal} to use the key without a kms:CallerAccount, kms:ViaService, aws:PrincipalOrgID or aws:SourceAccount condition.',
};

export default defineTerraformRule({
  id: 'aws-kms-key-policy-no-wildcard-principal',
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
  messages,
  fixes: {},
  check(resource, ctx) {
    reportWildcardPrincipalGrants(resource, ctx, EXEMPT_KEYS);
  },
});
