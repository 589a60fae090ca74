/**
 * aws-vpc-flow-logs-enabled: every aws_vpc needs an aws_flow_log whose `vpc_id` points at it and
 * whose `traffic_type` is ALL or REJECT (catalog: related_resource exists; traffic_type when_missing fail).
 *
 * Join: `vpc_id = aws_vpc.main.id` (also `[count.index]`, `each.value.id` with `for_each = aws_vpc.main`,
 * `"${…}"`) anywhere in the module, or a literal VPC id equal to the id of an `import` block for the
 * VPC. A VPC created by Terraform has no id that can be written literally otherwise, so other
 * literal ids point at VPCs managed elsewhere. A flow log whose vpc_id cannot be resolved (a
 * variable, a data source, a module output, another resource's attribute) may cover any VPC of the
 * module: the VPC is then "cannot determine".
 *
 * Findings: a VPC without flow log at its header. A flow log is judged on its own (never again on
 * the VPC): `traffic_type = "ACCEPT"` at the value, a missing traffic_type at the flow log header.
 * Flow logs without vpc_id (subnet, ENI, transit gateway) are not judged.
 *
 * Fixes, all review (catalog autofix.safe: false): the destination is the platform team's decision
 * and is never invented. A VPC without flow log gets an `aws_flow_log` right after it, recording ALL
 * traffic to an S3 bucket whose ARN is `var.flow_log_bucket_arn` (a snippet placeholder where the
 * editor supports it, declared without a default; S3 delivery needs no IAM role, but the bucket policy
 * must allow delivery.logs.amazonaws.com). `traffic_type = "ALL"` (inserted, or replacing a literal):
 * Terraform replaces the flow log (a short gap in records) and log volume grows.
 */
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import { insertAttribute } from '../../fixes/terraform-edits';
import { findCompanions, insertCompanionAfter, replaceLiteral, resourceReference, valueText, withUserValues } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const FLOW_LOG = 'aws_flow_log';
const CAPTURING = ['ALL', 'REJECT'];

const messages = {
  missing: 'aws_vpc "{name}" has no aws_flow_log; network traffic to and from its PHI systems is not recorded.',
  acceptOnly: 'aws_flow_log "{name}" sets traffic_type = {value}{origin}; rejected connection attempts are not recorded.',
  noTrafficType: 'aws_flow_log "{name}" does not set traffic_type; a VPC flow log must record ALL (or REJECT) traffic.',
};
const DESTINATION: UserValue = { variable: 'flow_log_bucket_arn', description: 'ARN of the S3 bucket that receives VPC flow logs (its bucket policy must allow delivery.logs.amazonaws.com)' };
const fixes = {
  recordAll: { title: 'Set traffic_type = "ALL" (replaces the flow log; more log volume)', safety: 'review' as const },
  addFlowLog: {
    title: 'Add an aws_flow_log recording ALL traffic to an S3 bucket you choose (var.flow_log_bucket_arn; delivery fails unless the bucket policy allows it; log volume and cost grow)',
    safety: 'review' as const,
  },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-vpc-flow-logs-enabled',
  resourceTypes: ['aws_vpc', FLOW_LOG],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === FLOW_LOG) checkFlowLog(resource, ctx);
    else checkVpc(resource, ctx);
  },
});

function checkVpc(resource: Located<TfBlock>, ctx: Ctx): void {
  const vpc = resource.node;
  // `id` is never an argument of aws_vpc: literal ids match only through import blocks (below).
  const { matches, undecided } = findCompanions(ctx, resource, FLOW_LOG, 'vpc_id', 'id');
  if (matches.length > 0) return;
  const imported = importedIds(resource, ctx);
  if (imported.length > 0) {
    for (const flowLog of ctx.module.resourcesOfType(FLOW_LOG)) {
      const attr = flowLog.node.attributes.get('vpc_id');
      if (attr === undefined) continue;
      const value = ctx.evaluate(attr.expr);
      if (value.known && typeof value.value === 'string' && imported.includes(value.value)) return;
    }
  }
  const first = undecided[0];
  if (first !== undefined) {
    ctx.cannotDetermine(vpc.headerSpan, `${FLOW_LOG} "${resourceName(first.node)}" may cover this VPC; its vpc_id cannot be resolved statically`);
    return;
  }
  const flowLog = insertCompanionAfter(ctx, resource, FLOW_LOG, [['traffic_type', '"ALL"'], ['log_destination_type', '"s3"'], ['log_destination', userValueRef(DESTINATION)]], [], 'vpc_id');
  ctx.report({ messageId: 'missing', at: vpc.headerSpan, data: { name: resourceName(vpc) }, fix: { fixId: 'addFlowLog', edits: withUserValues(ctx, resource.uri, [DESTINATION], [flowLog]) } });
}

/** Ids given to the VPC by `import { to = aws_vpc.<name> id = "vpc-…" }` blocks of the module. */
function importedIds(resource: Located<TfBlock>, ctx: Ctx): string[] {
  const ids: string[] = [];
  for (const { node: block } of ctx.module.topLevelBlocks('import')) {
    {
      const to = block.attributes.get('to');
      const id = block.attributes.get('id');
      const ref = to === undefined ? undefined : resourceReference(to.expr);
      if (id === undefined || ref?.type !== 'aws_vpc' || ref.name !== resourceName(resource.node)) continue;
      const value = ctx.evaluate(id.expr);
      if (value.known && typeof value.value === 'string') ids.push(value.value);
    }
  }
  return ids;
}

function checkFlowLog(resource: Located<TfBlock>, ctx: Ctx): void {
  const flowLog = resource.node;
  if (!flowLog.attributes.has('vpc_id')) return; // a subnet, ENI or transit gateway flow log
  const name = resourceName(flowLog);
  const attr = flowLog.attributes.get('traffic_type');
  if (attr === undefined) {
    ctx.report({ messageId: 'noTrafficType', at: flowLog.headerSpan, data: { name }, fix: { fixId: 'recordAll', edits: [insertAttribute(resource.uri, ctx.text, flowLog, 'traffic_type', '"ALL"')] } });
    return;
  }
  const resolved = ctx.evaluate(attr.expr);
  if (!resolved.known) {
    ctx.cannotDetermine(attr.expr.span, `traffic_type = ${resolved.text} cannot be resolved statically`);
    return;
  }
  if (resolved.value === null) {
    const literal = replaceLiteral(resource.uri, attr, '"ALL"');
    ctx.report({ messageId: 'noTrafficType', at: attr.expr.span, data: { name }, ...(literal ? { fix: { fixId: 'recordAll' as const, edits: [literal] } } : {}) });
    return;
  }
  const type = asString(resolved.value);
  if (type !== undefined && CAPTURING.includes(type.toUpperCase())) return;
  const fix = replaceLiteral(resource.uri, attr, '"ALL"');
  ctx.report({
    messageId: 'acceptOnly',
    at: attr.expr.span,
    data: { name, value: valueText(resolved), origin: originSuffix(resolved) },
    related: originRelated(resolved),
    ...(fix ? { fix: { fixId: 'recordAll' as const, edits: [fix] } } : {}),
  });
}
