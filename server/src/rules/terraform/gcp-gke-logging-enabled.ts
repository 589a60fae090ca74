/**
 * gcp-gke-logging-enabled
 *
 * Logic (catalog, pass_if_any): a google_container_cluster passes when
 * `logging_config.enable_components` contains both SYSTEM_COMPONENTS and WORKLOADS, or when
 * `logging_service` is not "none" (absent = the default, logging.googleapis.com/kubernetes).
 * `logging_service = "none"` fails. A `logging_config` whose `enable_components` leaves out
 * SYSTEM_COMPONENTS or WORKLOADS is reported too: it switches those logs off even though
 * `logging_service` is left at its default (the title requires system and workload logs).
 * Unknown values are never guessed. A `dynamic "logging_config"` counts only when its `for_each` is
 * known to produce the block (`length(var.components) > 0 ? [1] : []` with an empty list produces
 * none: GKE's default logging applies); when its `for_each` cannot be resolved, a block that would
 * decide the outcome makes the evaluation unknown.
 *
 * Findings: on the offending value (variable origin related).
 *
 * Fix (safe, catalog autofix.safe): replaces a literal `logging_service = "none"` with
 * "logging.googleapis.com/kubernetes" (in place). Missing components get no fix: log volume and cost
 * are a choice to review.
 */
import type { Span } from '../../model/span';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { listStrings, nestedInstances, replaceLiteral, valueText, type Evaluator } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const REQUIRED = ['SYSTEM_COMPONENTS', 'WORKLOADS'];
const DEFAULT_SERVICE = '"logging.googleapis.com/kubernetes"';

type Lacking = { kind: 'lacking'; at: Span; components: string; missing: string; related: ReturnType<typeof originRelated>; origin: string };
type UnknownComponents = { kind: 'unknown'; at: Span };
/** What one logging_config block says: both components, some missing, or not decidable; `none` when it has no enable_components. */
type Components = { kind: 'complete' } | Lacking | UnknownComponents | { kind: 'none' };

function judgeComponents(ctx: Evaluator, config: TfBlock): Components {
  const attr = config.attributes.get('enable_components');
  if (attr === undefined) return { kind: 'none' };
  const list = listStrings(ctx, attr.expr);
  if (list.unknownAt !== undefined) return { kind: 'unknown', at: list.unknownAt };
  const values = list.items.map((i) => i.value);
  const missing = REQUIRED.filter((c) => !values.includes(c));
  if (missing.length === 0) return { kind: 'complete' };
  const first = list.items[0];
  return {
    kind: 'lacking',
    at: attr.expr.span,
    components: values.length === 0 ? 'no components' : values.join(', '),
    missing: missing.join(' and '),
    related: first !== undefined ? originRelated(first.resolved) : [],
    origin: first !== undefined ? originSuffix(first.resolved) : '',
  };
}

export default defineTerraformRule({
  id: 'gcp-gke-logging-enabled',
  resourceTypes: ['google_container_cluster'],
  messages: {
    disabled: 'google_container_cluster "{name}" sets logging_service = {value}{origin}; no cluster or workload logs reach Cloud Logging.',
    componentsMissing: 'google_container_cluster "{name}" enables only {components}{origin} in logging_config; {missing} logs do not reach Cloud Logging.',
  },
  fixes: {
    enable: { title: 'Set logging_service = "logging.googleapis.com/kubernetes"', safety: 'safe' },
  },
  check(resource, ctx) {
    const cluster = resource.node;
    const name = resourceName(cluster);

    // logging_config.enable_components: blocks that exist, and dynamic ones that may not
    const { present, uncertain } = nestedInstances(ctx, cluster, 'logging_config');
    const judged = present.map((config) => judgeComponents(ctx, config));
    if (judged.some((j) => j.kind === 'complete')) return;
    const undecided = judged.find((j): j is UnknownComponents => j.kind === 'unknown');
    const maybe = uncertain.map((u) => ({ block: u, judgement: judgeComponents(ctx, u.content) }));
    const componentsUnknown = (at: Span): void => ctx.cannotDetermine(at, 'logging_config.enable_components cannot be resolved statically');

    // logging_service
    const service = cluster.attributes.get('logging_service');
    if (service !== undefined) {
      const value = ctx.evaluate(service.expr);
      if (!value.known) {
        ctx.cannotDetermine(service.expr.span, `logging_service = ${value.text} cannot be resolved statically`);
        return;
      }
      if (value.value !== null && asString(value.value) === 'none') {
        // A logging_config whose components cannot be resolved, or one that may exist with both, could pass the cluster.
        if (undecided !== undefined) {
          componentsUnknown(undecided.at);
          return;
        }
        const rescue = maybe.find((m) => m.judgement.kind === 'complete' || m.judgement.kind === 'unknown');
        if (rescue !== undefined) {
          ctx.cannotDetermine(rescue.block.at, rescue.block.reason);
          return;
        }
        const fix = replaceLiteral(resource.uri, service, DEFAULT_SERVICE);
        ctx.report({
          messageId: 'disabled',
          at: service.expr.span,
          data: { name, value: valueText(value), origin: originSuffix(value) },
          related: originRelated(value),
          ...(fix ? { fix: { fixId: 'enable' as const, edits: [fix] } } : {}),
        });
        return;
      }
    }
    const lacking = judged.find((j): j is Lacking => j.kind === 'lacking');
    if (lacking !== undefined) {
      ctx.report({ messageId: 'componentsMissing', at: lacking.at, data: { name, components: lacking.components, missing: lacking.missing, origin: lacking.origin }, related: lacking.related });
      return;
    }
    if (undecided !== undefined) {
      componentsUnknown(undecided.at);
      return;
    }
    // A logging_config that may not exist: only one that would fail (or cannot be judged) leaves the outcome open.
    const open = maybe.find((m) => m.judgement.kind === 'lacking' || m.judgement.kind === 'unknown');
    if (open !== undefined) ctx.cannotDetermine(open.block.at, open.block.reason);
  },
});
