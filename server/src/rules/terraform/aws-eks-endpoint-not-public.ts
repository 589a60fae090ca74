/**
 * aws-eks-endpoint-not-public — the Kubernetes API endpoint of an aws_eks_cluster is private, or its
 * public access is restricted to known CIDRs.
 *
 * Logic (catalog pass_if_any / fail_if): `vpc_config.endpoint_public_access = false` passes. Otherwise
 * (true, or absent: the provider default is true) `public_access_cidrs` must be set and contain no
 * range covering every address (`0.0.0.0/0`, any `/0`). An absent or empty `public_access_cidrs` is the
 * AWS default `0.0.0.0/0` and fails. Values that cannot be resolved statically are never guessed. The
 * catalog's `also` (endpoint_private_access = true) is advice, not a condition: it is part of the fix.
 *
 * Findings: a `/0` range at the list element; an open endpoint without CIDRs at
 * `endpoint_public_access = true` when written, else at the `vpc_config` header (the resource header
 * when there is no `vpc_config`). Values from variables or tfvars name that location as related.
 *
 * Fix: `review` (catalog autofix.safe: false) — sets `endpoint_public_access = false` and
 * `endpoint_private_access = true` (AWS needs one of them on). kubectl, CI/CD and operators outside the
 * VPC lose API access. Offered only when both values are literals or absent (never edits a variable's use).
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute } from '../../fixes/terraform-edits';
import type { Located } from '../../model/terraform/module';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { insertAttributes, isAllAddresses, listStrings, nestedInstances, replaceLiteral } from './helpers';
import { asBool, originRelated, originSuffix } from './values';

const messages = {
  openDefault: 'aws_eks_cluster "{name}" has a public API endpoint{origin} without public_access_cidrs, so the Kubernetes API is reachable from 0.0.0.0/0.',
  openCidr: 'aws_eks_cluster "{name}" allows public access to its Kubernetes API endpoint from {cidr}{origin}.',
};
const fixes = {
  makePrivate: { title: 'Make the EKS API endpoint private (kubectl, CI/CD and operators outside the VPC lose access)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-eks-endpoint-not-public',
  resourceTypes: ['aws_eks_cluster'],
  messages,
  fixes,
  check(resource, ctx) {
    const block = resource.node;
    const data = { name: resourceName(block) };
    const { present, uncertain } = nestedInstances(ctx, block, 'vpc_config');
    if (present.length === 0) {
      const maybe = uncertain[0];
      if (maybe !== undefined) ctx.cannotDetermine(maybe.at, maybe.reason);
      else ctx.report({ messageId: 'openDefault', at: block.headerSpan, data: { ...data, origin: '' } });
      return;
    }
    for (const vpc of present) checkVpcConfig(resource, vpc, data, ctx);
  },
});

function checkVpcConfig(resource: Located<TfBlock>, vpc: TfBlock, data: Record<string, string>, ctx: Ctx): void {
  const pub = vpc.attributes.get('endpoint_public_access');
  const pubValue = pub === undefined ? undefined : ctx.evaluate(pub.expr);
  if (pub !== undefined && pubValue !== undefined) {
    if (!pubValue.known) {
      ctx.cannotDetermine(pub.expr.span, `endpoint_public_access = ${pubValue.text} cannot be resolved statically`);
      return;
    }
    if (pubValue.value !== null) {
      const enabled = asBool(pubValue.value);
      if (enabled === undefined) {
        ctx.cannotDetermine(pub.expr.span, 'endpoint_public_access is not a boolean');
        return;
      }
      if (!enabled) return;
    }
  }
  const fix = makePrivate(resource, vpc, ctx);
  const withFix = fix === undefined ? {} : { fix: { fixId: 'makePrivate' as const, edits: fix } };

  const cidrs = vpc.attributes.get('public_access_cidrs');
  const cidrsValue = cidrs === undefined ? undefined : ctx.evaluate(cidrs.expr);
  const unset = cidrs === undefined || (cidrsValue?.known === true && (cidrsValue.value === null || (Array.isArray(cidrsValue.value) && cidrsValue.value.length === 0)));
  if (unset) {
    // The AWS default for public_access_cidrs is 0.0.0.0/0.
    const explicit = pub !== undefined && pubValue?.known === true && pubValue.value !== null;
    ctx.report({
      messageId: 'openDefault',
      at: explicit ? pub.expr.span : vpc.headerSpan,
      data: { ...data, origin: explicit ? originSuffix(pubValue) : '' },
      related: explicit ? originRelated(pubValue) : [],
      ...withFix,
    });
    return;
  }
  const { items, unknownAt } = listStrings(ctx, cidrs.expr);
  const open = items.filter((i) => isAllAddresses(i.value));
  if (open.length === 0) {
    if (unknownAt !== undefined) ctx.cannotDetermine(unknownAt, 'public_access_cidrs cannot be resolved statically');
    return;
  }
  for (const item of open) {
    ctx.report({
      messageId: 'openCidr',
      at: item.at,
      data: { ...data, cidr: item.value, origin: originSuffix(item.resolved) },
      related: originRelated(item.resolved),
      ...withFix,
    });
  }
}

/** endpoint_public_access = false and endpoint_private_access = true, when both are literals or absent. */
function makePrivate(resource: Located<TfBlock>, vpc: TfBlock, ctx: Ctx): FixEdit[] | undefined {
  const edits: FixEdit[] = [];
  const inserts: [string, string][] = [];
  const pub = vpc.attributes.get('endpoint_public_access');
  if (pub === undefined) inserts.push(['endpoint_public_access', 'false']);
  else {
    const edit = replaceLiteral(resource.uri, pub, 'false');
    if (edit === undefined) return undefined;
    edits.push(edit);
  }
  const priv = vpc.attributes.get('endpoint_private_access');
  if (priv === undefined) inserts.unshift(['endpoint_private_access', 'true']);
  else if (!(priv.expr.kind === 'literal' && asBool(priv.expr.value ?? '') === true)) {
    const edit = replaceLiteral(resource.uri, priv, 'true');
    if (edit === undefined) return undefined;
    edits.push(edit);
  }
  if (inserts.length === 1) edits.push(insertAttribute(resource.uri, ctx.text, vpc, inserts[0]![0], inserts[0]![1]));
  else if (inserts.length > 1) edits.push(insertAttributes(resource.uri, ctx.text, vpc, inserts));
  return edits;
}
