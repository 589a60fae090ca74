/**
 * aws-eks-control-plane-logging — an aws_eks_cluster sends the api, audit and authenticator control
 * plane logs to CloudWatch Logs.
 *
 * Logic (catalog pass_if, contains_all): `enabled_cluster_log_types` includes "api", "audit" and
 * "authenticator"; absent or null fails (when_missing: fail; the provider default enables no log).
 * "controllerManager" and "scheduler" are recommended, not required. A list with items the rule
 * cannot resolve is never guessed when a required type may be among them.
 *
 * Findings: on the resource header when the attribute is absent, on the list otherwise (with the
 * variable/tfvars it came from as related location). Fix: `safe` (catalog autofix.safe: true, in
 * place; adds CloudWatch ingestion cost) — inserts all five log types (the catalog's insert), or adds
 * the missing required types to a list written literally. Lists from variables get no fix.
 */
import { insertAttribute, replaceSpan } from '../../fixes/terraform-edits';
import { resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { listStrings } from './helpers';
import { originRelated, originSuffix } from './values';

const REQUIRED = ['api', 'audit', 'authenticator'];
const ALL = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

const quoted = (items: readonly string[]): string => items.map((i) => JSON.stringify(i)).join(', ');

export default defineTerraformRule({
  id: 'aws-eks-control-plane-logging',
  resourceTypes: ['aws_eks_cluster'],
  messages: {
    missing: 'aws_eks_cluster "{name}" does not set enabled_cluster_log_types, so no control plane log (api, audit, authenticator) reaches CloudWatch Logs.',
    incomplete: 'aws_eks_cluster "{name}" does not enable the {missing} control plane log(s){origin}, so Kubernetes API activity is not fully recorded.',
  },
  fixes: {
    enableLogs: { title: 'Enable the api, audit and authenticator control plane logs (adds CloudWatch Logs cost)', safety: 'safe' },
  },
  check(resource, ctx) {
    const block = resource.node;
    const data = { name: resourceName(block) };
    const attr = block.attributes.get('enabled_cluster_log_types');
    const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
    if (attr === undefined || value === undefined || (value.known && value.value === null)) {
      ctx.report({
        messageId: 'missing',
        at: block.headerSpan,
        data,
        fix: { fixId: 'enableLogs', edits: [insertAttribute(resource.uri, ctx.text, block, 'enabled_cluster_log_types', `[${quoted(ALL)}]`)] },
      });
      return;
    }
    const { items, unknownAt } = listStrings(ctx, attr.expr);
    const enabled = new Set(items.map((i) => i.value));
    const missing = REQUIRED.filter((t) => !enabled.has(t));
    if (missing.length === 0) return;
    if (unknownAt !== undefined) {
      ctx.cannotDetermine(unknownAt, 'enabled_cluster_log_types cannot be resolved statically');
      return;
    }
    // A list written literally, item by item, can be completed in place.
    const literal = attr.expr.kind === 'tuple' && attr.expr.items.every((i) => i.kind === 'literal');
    const origin = attr.expr.kind === 'tuple' ? items.find((i) => i.resolved.origin !== undefined)?.resolved : value;
    ctx.report({
      messageId: 'incomplete',
      at: attr.expr.span,
      data: { ...data, missing: missing.join(', '), origin: origin === undefined ? '' : originSuffix(origin) },
      related: origin === undefined ? [] : originRelated(origin),
      ...(literal ? { fix: { fixId: 'enableLogs' as const, edits: [replaceSpan(resource.uri, attr.expr.span, `[${quoted([...items.map((i) => i.value), ...missing])}]`)] } } : {}),
    });
  },
});
