/**
 * aws-ec2-no-public-ip — aws_instance and aws_launch_template do not assign public IP addresses.
 *
 * Logic (catalog pass_if_any, when_missing: pass): aws_instance `associate_public_ip_address` and
 * every aws_launch_template `network_interfaces[*].associate_public_ip_address` (the string "true"
 * too, including `dynamic "network_interfaces"` contents) must not be true. Absent passes: the
 * subnet's map_public_ip_on_launch decides, which is the catalog's separate
 * aws-subnet-no-auto-public-ip check (also_review). catalog exempt_if: an instance or template
 * explicitly tagged as a bastion or edge host — a tag whose key or value is "bastion" or "edge"
 * (any case) in `tags`, written in the resource or resolved from a variable/local — is not
 * reported; the compensating controls are for the reviewer to check. Tags the rule cannot resolve
 * do not exempt (the exemption has to be explicit). Unresolvable values are never guessed.
 *
 * Findings: on the value. Fix: `review` (catalog autofix.safe: false) — replaces a literal `true`
 * with `false`: Terraform replaces an existing instance (a launch template gets a new version), and
 * whatever reached the workload directly from the internet stops working. Values from variables get
 * no fix.
 */
import type { Value } from '../../model/terraform/evaluate';
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { judgeBool, nestedInstances, requireBool, type Evaluator } from './helpers';
import { asString } from './values';

const messages = {
  publicIp: '{resource} "{name}" sets {path} = {value}{origin}; the instance gets a public IP address reachable from the internet.',
};
const fixes = {
  disable: { title: 'Set associate_public_ip_address = false (replaces an existing instance; direct internet access stops)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

const EXEMPT_ROLES = ['bastion', 'edge'];

export default defineTerraformRule({
  id: 'aws-ec2-no-public-ip',
  resourceTypes: ['aws_instance', 'aws_launch_template'],
  messages,
  fixes,
  check(resource, ctx) {
    const node = resource.node;
    if (resourceType(node) === 'aws_instance') {
      if (judgeBool(ctx, node, 'associate_public_ip_address', false, 'pass').kind === 'wrong' && taggedAsEdge(ctx, node)) return;
      requireNoPublicIp(resource, ctx, node, 'associate_public_ip_address');
      return;
    }
    const { present, uncertain } = nestedInstances(ctx, node, 'network_interfaces');
    const blocks = [...present, ...uncertain.map((u) => u.content)];
    if (blocks.some((b) => judgeBool(ctx, b, 'associate_public_ip_address', false, 'pass').kind === 'wrong') && taggedAsEdge(ctx, node)) return;
    for (const block of present) requireNoPublicIp(resource, ctx, block, 'network_interfaces.associate_public_ip_address');
    for (const maybe of uncertain) {
      // A dynamic block whose for_each is unknown may produce no interface: not guessed when it would fail.
      if (judgeBool(ctx, maybe.content, 'associate_public_ip_address', false, 'pass').kind !== 'ok') ctx.cannotDetermine(maybe.at, maybe.reason);
    }
  },
});

function requireNoPublicIp(resource: Located<TfBlock>, ctx: Ctx, block: TfBlock, path: string): void {
  // Absent is a pass (catalog when_missing: pass): no `missing` message.
  requireBool(resource, ctx, {
    attribute: 'associate_public_ip_address',
    expected: false,
    wrong: 'publicIp',
    fixId: 'disable',
    data: { resource: resourceType(resource.node), name: resourceName(resource.node), path },
    block,
  });
}

/**
 * catalog exempt_if: a tag key or value "bastion"/"edge" in `tags`. Object literals (also inside
 * `merge(…)`) are read entry by entry, so one unresolvable tag does not hide the others.
 */
function taggedAsEdge(ctx: Evaluator, block: TfBlock): boolean {
  const tags = block.attributes.get('tags');
  return tags !== undefined && tagsMatch(ctx, tags.expr);
}

function tagsMatch(ctx: Evaluator, expr: TfExpr): boolean {
  if (expr.kind === 'object') {
    return expr.entries.some((entry) => {
      if (entry.key !== undefined && isEdgeRole(entry.key)) return true;
      const value = ctx.evaluate(entry.value);
      return value.known && value.value !== null && isEdgeRole(asString(value.value));
    });
  }
  if (expr.kind === 'call' && expr.name === 'merge') return expr.args.some((arg) => tagsMatch(ctx, arg));
  const value = ctx.evaluate(expr);
  if (!value.known || value.value === null || typeof value.value !== 'object' || Array.isArray(value.value)) return false;
  return Object.entries(value.value as Record<string, Value>).some(([k, v]) => isEdgeRole(k) || (typeof v === 'string' && isEdgeRole(v)));
}

function isEdgeRole(text: string | undefined): boolean {
  return text !== undefined && EXEMPT_ROLES.includes(text.trim().toLowerCase());
}
