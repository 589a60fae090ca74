/**
 * aws-redshift-require-ssl: a Redshift cluster uses a parameter group that sets `require_ssl = true`.
 *
 * - aws_redshift_cluster: no `cluster_parameter_group_name` (or `null`, or a `default.*` name) means the
 *   default parameter group, where require_ssl is false: reported (at the header, or at the value). A
 *   group of this module (by reference, or by its literal `name`) is judged on its own, never again on
 *   the cluster. A name no group of the module has (a group managed elsewhere) cannot be judged.
 * - aws_redshift_parameter_group: a `parameter { name = "require_ssl" }` whose value is not true is
 *   reported at the value; no such parameter at the group header. A `dynamic "parameter"` whose names
 *   cannot be resolved is not guessed.
 *
 * Fixes: review only (catalog autofix.safe: false): clients that do not use TLS are refused once the
 * cluster has rebooted. The cluster fix adds an aws_redshift_parameter_group named after the cluster
 * identifier and points the cluster at it (not offered for count/for_each clusters); the group fix
 * adds the parameter or replaces a literal value.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import type { Span } from '../../model/span';
import { insertAttribute, insertBlockAfter, insertNestedBlock, replaceSpan } from '../../fixes/terraform-edits';
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { nestedInstances, resolveReferencedResource, uniqueResourceName, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const GROUP = 'aws_redshift_parameter_group';

const messages = {
  defaultGroup: 'aws_redshift_cluster "{name}" uses the default parameter group, where require_ssl is false; clients can connect without TLS.',
  defaultGroupNamed: 'aws_redshift_cluster "{name}" uses the default parameter group {value}{origin}, where require_ssl is false; clients can connect without TLS.',
  parameterMissing: 'aws_redshift_parameter_group "{name}" does not set require_ssl; Redshift defaults it to false, so clients can connect without TLS.',
  parameterDisabled: 'aws_redshift_parameter_group "{name}" sets require_ssl = {value}{origin}; clients can connect without TLS.',
};
const fixes = {
  addGroup: { title: `Add an ${GROUP} with require_ssl = true and use it (non-TLS clients are refused after a reboot)`, safety: 'review' as const },
  requireSsl: { title: 'Set require_ssl = "true" (non-TLS clients are refused after a reboot)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-redshift-require-ssl',
  resourceTypes: ['aws_redshift_cluster', GROUP],
  messages,
  fixes,
  check(resource, ctx) {
    if (resourceType(resource.node) === GROUP) checkGroup(resource, ctx);
    else checkCluster(resource, ctx);
  },
});

function checkCluster(resource: Located<TfBlock>, ctx: Ctx): void {
  const cluster = resource.node;
  const name = resourceName(cluster);
  const attr = cluster.attributes.get('cluster_parameter_group_name');
  if (attr === undefined) {
    ctx.report({ messageId: 'defaultGroup', at: cluster.headerSpan, data: { name }, ...withFix(addGroupFix(resource, ctx)) });
    return;
  }
  const value = ctx.evaluate(attr.expr);
  if (value.known && value.value === null) {
    ctx.report({ messageId: 'defaultGroup', at: attr.expr.span, data: { name }, ...withFix(addGroupFix(resource, ctx, attr.expr.kind === 'literal')) });
    return;
  }
  const target = resolveReferencedResource(ctx, attr.expr, [GROUP]);
  switch (target.kind) {
    case 'resource':
      return; // the group is judged on its own
    case 'unknown':
      ctx.cannotDetermine(attr.expr.span, target.reason);
      return;
    case 'literal':
      if (!target.value.startsWith('default.')) {
        ctx.cannotDetermine(attr.expr.span, `parameter group "${target.value}" is not declared in this module`);
        return;
      }
      ctx.report({
        messageId: 'defaultGroupNamed',
        at: attr.expr.span,
        data: { name, value: valueText(target.resolved), origin: originSuffix(target.resolved) },
        related: originRelated(target.resolved),
        ...withFix(addGroupFix(resource, ctx, attr.expr.kind === 'literal')),
      });
  }
}

function withFix(edits: FixEdit[] | undefined): { fix?: { fixId: 'addGroup'; edits: FixEdit[] } } {
  return edits === undefined ? {} : { fix: { fixId: 'addGroup', edits } };
}

/**
 * Adds `resource "aws_redshift_parameter_group" …` after the cluster, named "<cluster_identifier>-require-ssl"
 * (unique per account and region like the identifier), and points the cluster at it: inserted when the
 * attribute is missing, replacing the literal otherwise. Not offered when the identifier is not written
 * as a string or a plain expression, for count/for_each clusters, or when the current value is not a literal.
 */
function addGroupFix(resource: Located<TfBlock>, ctx: Ctx, replaceLiteral = false): FixEdit[] | undefined {
  const cluster = resource.node;
  if (cluster.attributes.has('count') || cluster.attributes.has('for_each')) return undefined;
  const existing = cluster.attributes.get('cluster_parameter_group_name');
  if (existing !== undefined && !replaceLiteral) return undefined;
  const groupName = groupNameFor(ctx.text, cluster);
  if (groupName === undefined) return undefined;
  const label = uniqueResourceName(ctx.module, GROUP, resourceName(cluster));
  const ref = `${GROUP}.${label}.name`;
  const lines = [
    `resource "${GROUP}" "${label}" {`,
    `  name   = ${groupName}`,
    '  family = "redshift-1.0"',
    '',
    '  parameter {',
    '    name  = "require_ssl"',
    '    value = "true"',
    '  }',
    '}',
  ];
  const point = existing !== undefined ? replaceSpan(resource.uri, existing.expr.span, ref) : insertAttribute(resource.uri, ctx.text, cluster, 'cluster_parameter_group_name', ref);
  return [point, insertBlockAfter(ctx.text, resource, lines)];
}

/** `"<identifier>-require-ssl"` written from the cluster_identifier expression as it is in the source. */
function groupNameFor(text: string, cluster: TfBlock): string | undefined {
  const id = cluster.attributes.get('cluster_identifier');
  if (id === undefined) return undefined;
  const source = text.slice(id.expr.span.start, id.expr.span.end);
  const expr = id.expr;
  if ((expr.kind === 'literal' && typeof expr.value === 'string') || expr.kind === 'template') {
    return /^"[^\n]*"$/.test(source) ? `${source.slice(0, -1)}-require-ssl"` : undefined;
  }
  if (expr.kind === 'reference' || expr.kind === 'call') return /\n/.test(source) ? undefined : `"\${${source}}-require-ssl"`;
  return undefined;
}

function checkGroup(resource: Located<TfBlock>, ctx: Ctx): void {
  const group = resource.node;
  const name = resourceName(group);
  const { present, uncertain } = nestedInstances(ctx, group, 'parameter');
  let undecided: { at: Span; reason: string } | undefined;
  let found = false;
  for (const parameter of present) {
    const key = parameter.attributes.get('name');
    if (key === undefined) continue;
    const keyValue = ctx.evaluate(key.expr);
    if (!keyValue.known) {
      undecided ??= { at: key.expr.span, reason: `parameter name ${keyValue.text} cannot be resolved statically` };
      continue;
    }
    if (keyValue.value === null || asString(keyValue.value)?.toLowerCase() !== 'require_ssl') continue;
    found = true;
    const attr = parameter.attributes.get('value');
    if (attr === undefined) continue; // a required argument is missing: Terraform rejects the block
    const value = ctx.evaluate(attr.expr);
    if (!value.known) {
      ctx.cannotDetermine(attr.expr.span, `require_ssl = ${value.text} cannot be resolved statically`);
      continue;
    }
    if (value.value !== null && asString(value.value)?.toLowerCase() === 'true') continue;
    ctx.report({
      messageId: 'parameterDisabled',
      at: attr.expr.span,
      data: { name, value: valueText(value), origin: originSuffix(value) },
      related: originRelated(value),
      ...(attr.expr.kind === 'literal' ? { fix: { fixId: 'requireSsl' as const, edits: [replaceSpan(resource.uri, attr.expr.span, '"true"')] } } : {}),
    });
  }
  if (found) return;
  const maybe = undecided ?? uncertain[0];
  if (maybe !== undefined) {
    ctx.cannotDetermine(maybe.at, maybe.reason);
    return;
  }
  ctx.report({
    messageId: 'parameterMissing',
    at: group.headerSpan,
    data: { name },
    fix: { fixId: 'requireSsl', edits: [insertNestedBlock(resource.uri, ctx.text, group, ['parameter {', '  name  = "require_ssl"', '  value = "true"', '}'])] },
  });
}
