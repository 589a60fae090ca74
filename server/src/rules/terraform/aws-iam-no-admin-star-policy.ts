import type { Span } from '../../model/span';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { all, anyTermEquals, effectIs, placeFinding, POLICY_DOCUMENT, readDataDocument, readPolicy, type Gap, type PolicyDocument } from './policy-documents';

/**
 * aws-iam-no-admin-star-policy
 *
 * Logic (catalog): fails for every Allow statement whose Action contains "*" and whose Resource
 * contains "*" (full administrator access), whatever its conditions. Policy sources: `policy` of
 * aws_iam_policy / aws_iam_role_policy / aws_iam_user_policy / aws_iam_group_policy,
 * `inline_policy { policy }` of aws_iam_role, `inline_policy` of
 * aws_ssoadmin_permission_set_inline_policy, and the statement blocks of every
 * data "aws_iam_policy_document" (dispatched on the data source itself, used or not).
 *
 * Policies are read by policy-documents.ts (jsonencode, JSON strings and heredocs, variables,
 * locals, data sources). A statement written in a data source is reported there, once, and not
 * again on the resources that use the document. `templatefile()`/`file()` are rendered at plan
 * time and never read: cannot determine (the catalog's resolution is cross_file_context; scan the
 * `terraform show -json` plan for those).
 *
 * Findings: at the "*" action when the statement is written in the resource or data source,
 * otherwise at the policy value with the statement as related location. Trust policies
 * (`assume_role_policy`) are not permission policies and are not judged.
 * Fix: none (catalog autofix manual: least privilege needs knowledge of the workload).
 */

const DATA = `data.${POLICY_DOCUMENT}`;

const messages = {
  fullAdmin: '{resource} "{name}" allows Action "*" on Resource "*", which is full administrator access.',
};
type Ctx = TerraformContext<keyof typeof messages, never>;

export default defineTerraformRule({
  id: 'aws-iam-no-admin-star-policy',
  resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role', 'aws_ssoadmin_permission_set_inline_policy', DATA],
  messages,
  fixes: {},
  check(resource, ctx) {
    const block = resource.node;
    if (block.type === 'data') {
      judge(resource, readDataDocument(ctx, resource, false), block.headerSpan, ctx);
      return;
    }
    const sources: TfExpr[] = [];
    const add = (b: TfBlock, name: string): void => {
      const attr = b.attributes.get(name);
      if (attr !== undefined) sources.push(attr.expr);
    };
    switch (resourceType(block)) {
      case 'aws_iam_role':
        for (const inline of nestedBlocks(block, 'inline_policy')) add(inline, 'policy');
        break;
      case 'aws_ssoadmin_permission_set_inline_policy':
        add(block, 'inline_policy');
        break;
      default:
        add(block, 'policy');
    }
    for (const expr of sources) {
      const value = ctx.evaluate(expr);
      if (value.known && (value.value === null || value.value === '')) continue;
      judge(resource, readPolicy(ctx, resource.uri, expr), expr.span, ctx);
    }
  },
});

function judge(resource: Located<TfBlock>, document: PolicyDocument, fallback: Span, ctx: Ctx): void {
  const own = resource.node.type === 'data' ? `${DATA}.${resourceName(resource.node)}` : undefined;
  let unknown: Gap | undefined = document.gaps[0];
  let reported = false;
  for (const s of document.statements) {
    // A data source's statements are judged on the data source itself.
    if (s.dataSource !== undefined && s.dataSource !== own) continue;
    const action = anyTermEquals(s.actions, '*');
    const result = all(effectIs(s, 'Allow'), action.result, anyTermEquals(s.resources, '*').result, s.certain ? true : undefined);
    if (result === undefined) unknown ??= { at: s.at, reason: 'a policy statement cannot be resolved statically (effect, actions, resources or its existence)' };
    if (result !== true) continue;
    const { at, related } = placeFinding(resource, action.at ?? s.at, fallback, 'The statement allowing "*" on "*"');
    ctx.report({
      messageId: 'fullAdmin',
      at,
      related,
      data: { resource: resource.node.type === 'data' ? DATA : resourceType(resource.node), name: resourceName(resource.node) },
    });
    reported = true;
  }
  if (!reported && unknown !== undefined) ctx.cannotDetermine(fallback, unknown.reason);
}
