import { resourceName, resourceType } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { placeFinding, readPolicy, wildcardGrants } from './policy-documents';

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
    const attr = resource.node.attributes.get('policy');
    if (attr === undefined) return;
    const value = ctx.evaluate(attr.expr);
    if (value.known && value.value === null) return;
    const document = readPolicy(ctx, resource.uri, attr.expr);
    const { grants, unknown } = wildcardGrants(document, EXEMPT_KEYS);
    for (const grant of grants) {
      const { at, related } = placeFinding(resource, grant.at, attr.expr.span, 'The statement allowing any principal');
      ctx.report({
        messageId: 'wildcard',
        at,
        related,
        data: {
          resource: resourceType(resource.node),
          name: resourceName(resource.node),
          principal: grant.statement.notPrincipals !== undefined ? 'every principal not listed in NotPrincipal' : 'any principal ("*")',
        },
      });
    }
    if (grants.length === 0 && unknown !== undefined) ctx.cannotDetermine(attr.expr.span, unknown.reason);
  },
});
