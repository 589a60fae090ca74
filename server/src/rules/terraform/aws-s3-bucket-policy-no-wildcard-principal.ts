import { defineTerraformRule } from '../define-rule';
import { reportWildcardPrincipalGrants } from './policy-documents';

/**
 * aws-s3-bucket-policy-no-wildcard-principal
 *
 * Logic (catalog): fails for every Allow statement of a bucket policy whose principal is "*" or
 * {"AWS": "*"} (or a NotPrincipal, which allows everyone not listed) unless the statement has a
 * condition on aws:SourceVpce, aws:SourceVpc, aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn
 * or aws:PrincipalAccount. Other conditions (aws:SourceIp, aws:SecureTransport, …) do not restrict
 * who the caller is, so they do not exempt the statement.
 *
 * Dispatched on `aws_s3_bucket_policy` (`policy`) and on `aws_s3_bucket` (legacy inline `policy`).
 * The policy is read by policy-documents.ts: jsonencode, JSON strings and heredocs, variables,
 * locals and `data.aws_iam_policy_document.<name>.json` (a data source is judged where it is used,
 * so it is not dispatched on). `file()`/`templatefile()` and other unknown policies: cannot determine.
 *
 * Findings: one per offending statement, at the wildcard principal when the policy is written in
 * the resource, otherwise at the `policy` value with the statement as related location.
 * Fix: none (catalog autofix manual: the intended principals must be known).
 */

const EXEMPT_KEYS = ['aws:SourceVpce', 'aws:SourceVpc', 'aws:PrincipalOrgID', 'aws:SourceAccount', 'aws:SourceArn', 'aws:PrincipalAccount'];

const messages = {
  wildcard:
    '{resource} "{name}" bucket policy allows {principal} without an aws:SourceVpce, aws:SourceVpc, aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn or aws:PrincipalAccount condition.',
};

export default defineTerraformRule({
  id: 'aws-s3-bucket-policy-no-wildcard-principal',
  resourceTypes: ['aws_s3_bucket_policy', 'aws_s3_bucket'],
  messages,
  fixes: {},
  check(resource, ctx) {
    reportWildcardPrincipalGrants(resource, ctx, EXEMPT_KEYS);
  },
});
