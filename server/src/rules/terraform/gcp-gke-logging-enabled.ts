/**
 * gcp-gke-logging-enabled
 *
 * Logic (catalog, pass_if_any): a google_container_cluster passes when
 * `logging_config.enable_components` contains both SYSTEM_COMPONENTS and WORKLOADS, or when
 * `logging_service` is not "none" (absent = the default, logging.googleapis.com/kubernetes).
 * `logging_service = "none"` fails. A `logging_config` whose `enable_components` leaves out
 * SYSTEM_COMPONENTS or WORKLOADS is reported too: it switches those logs off even though
 * `logging_service` is left at its default (the title requires system and workload logs).
 * Unknown values are never guessed.
 *
 * Findings: on the offending value (variable origin related).
 *
 * Fix (safe, catalog autofix.safe): replaces a literal `logging_service = "none"` with
 * "logging.googleapis.com/kubernetes" (in place). Missing components get no fix: log volume and cost
 * are a choice to review.
 */
import type { Span } from '../../model/span';
import { nestedBlocks, resourceName } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import { listStrings, replaceLiteral, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const REQUIRED = ['SYSTEM_COMPONENTS', 'WORKLOADS'];
const DEFAULT_SERVICE = '"logging.googleapis.com/kubernetes"';

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

    // logging_config.enable_components
    let lacking: { at: Span; components: string; missing: string; related: ReturnType<typeof originRelated>; origin: string } | undefined;
    let componentsUnknown: Span | undefined;
    let complete = false;
    for (const config of nestedBlocks(cluster, 'logging_config')) {
      const attr = config.attributes.get('enable_components');
      if (attr === undefined) continue;
      const list = listStrings(ctx, attr.expr);
      if (list.unknownAt !== undefined) {
        componentsUnknown ??= list.unknownAt;
        continue;
      }
      const values = list.items.map((i) => i.value);
      const missing = REQUIRED.filter((c) => !values.includes(c));
      if (missing.length === 0) complete = true;
      else {
        const first = list.items[0];
        lacking ??= {
          at: attr.expr.span,
          components: values.length === 0 ? 'no components' : values.join(', '),
          missing: missing.join(' and '),
          related: first !== undefined ? originRelated(first.resolved) : [],
          origin: first !== undefined ? originSuffix(first.resolved) : '',
        };
      }
    }
    if (complete) return;

    // logging_service
    const service = cluster.attributes.get('logging_service');
    if (service !== undefined) {
      const value = ctx.evaluate(service.expr);
      if (!value.known) {
        ctx.cannotDetermine(service.expr.span, `logging_service = ${value.text} cannot be resolved statically`);
        return;
      }
      if (value.value !== null && asString(value.value) === 'none') {
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
    if (lacking !== undefined) {
      ctx.report({ messageId: 'componentsMissing', at: lacking.at, data: { name, components: lacking.components, missing: lacking.missing, origin: lacking.origin }, related: lacking.related });
      return;
    }
    if (componentsUnknown !== undefined) ctx.cannotDetermine(componentsUnknown, 'logging_config.enable_components cannot be resolved statically');
  },
});
