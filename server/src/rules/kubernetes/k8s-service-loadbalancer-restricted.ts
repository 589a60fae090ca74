/**
 * k8s-service-loadbalancer-restricted: a Service of type LoadBalancer (catalog `applies_when`) is
 * internal or restricted by source ranges (catalog `pass_if_any`). It passes when one of these holds:
 * - annotation service.beta.kubernetes.io/aws-load-balancer-internal is "true" or "0.0.0.0/0"
 *   (legacy in-tree AWS provider);
 * - service.beta.kubernetes.io/aws-load-balancer-scheme is "internal" (AWS Load Balancer Controller);
 * - service.beta.kubernetes.io/azure-load-balancer-internal is "true";
 * - networking.gke.io/load-balancer-type is "Internal", or its legacy form
 *   cloud.google.com/load-balancer-type (still honoured by GKE; KICS accepts it too);
 * - spec.loadBalancerSourceRanges is a non-empty list without 0.0.0.0/0 (nor ::/0, which is as open
 *   for IPv6), or, when the field is empty, the legacy annotation
 *   service.beta.kubernetes.io/load-balancer-source-ranges says the same.
 * Annotation values compare as the strings the API server stores (an unquoted `true` reads "true").
 *
 * Where findings are shown: a source range 0.0.0.0/0 or ::/0 at that item; one of the annotations
 * above set to an external value (e.g. aws-load-balancer-scheme: internet-facing) at that annotation;
 * otherwise the `type: LoadBalancer` entry. Values that cannot be read (a non-string annotation or
 * range) make the outcome unknown when nothing else decides.
 *
 * Not handled here: the catalog's `exempt_if` for an approved public edge (an ingress controller
 * behind a WAF) has no standard marker; suppress such Services with a reason.
 *
 * Fix (catalog autofix.safe: false → review): only when one of the annotations above is present with
 * an external value, which also shows which cloud controller is in use: set it to its internal value.
 * Without such an annotation the cloud (and so the annotation) is not known, and no fix is offered.
 */
import { setMapKey } from '../../fixes/yaml-edits';
import { entry, get, scalarString, type YEntry, type YMap } from '../../model/kubernetes/yaml';
import { containsSpan, type Span } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { isUnset, objectLabel, tightEntrySpan } from './containers';

/** Annotations that make a load balancer internal: the accepted values and the value a fix writes. */
const INTERNAL_ANNOTATIONS: readonly { readonly key: string; readonly internal: readonly string[]; readonly write: string }[] = [
  { key: 'service.beta.kubernetes.io/aws-load-balancer-internal', internal: ['true', '0.0.0.0/0'], write: '"true"' },
  { key: 'service.beta.kubernetes.io/aws-load-balancer-scheme', internal: ['internal'], write: 'internal' },
  { key: 'service.beta.kubernetes.io/azure-load-balancer-internal', internal: ['true'], write: '"true"' },
  { key: 'networking.gke.io/load-balancer-type', internal: ['Internal'], write: 'Internal' },
  { key: 'cloud.google.com/load-balancer-type', internal: ['Internal'], write: 'Internal' },
];
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const OPEN = new Set(['0.0.0.0/0', '::/0']);

interface Ranges {
  readonly state: 'absent' | 'restricted' | 'open' | 'unknown';
  readonly span?: Span;
  readonly value?: string;
}

function sourceRanges(object: { root: YMap }, annotations: YMap | undefined): Ranges {
  const field = entry(get(object.root, 'spec'), 'loadBalancerSourceRanges');
  const value = field?.value;
  if (field !== undefined && !isUnset(value) && !(value!.kind === 'seq' && value!.items.length === 0)) {
    if (value!.kind !== 'seq') return { state: 'unknown', span: field.keySpan };
    let unknown: Span | undefined;
    for (const item of value!.items) {
      const range = item.kind === 'scalar' ? scalarString(item) : undefined;
      if (range === undefined) unknown ??= item.span;
      else if (OPEN.has(range.trim())) return { state: 'open', span: item.span, value: range.trim() };
    }
    return unknown !== undefined ? { state: 'unknown', span: unknown } : { state: 'restricted' };
  }
  // The legacy annotation applies only when the field is empty.
  const annotation = entry(annotations, SOURCE_RANGES_ANNOTATION);
  if (annotation === undefined || isUnset(annotation.value)) return { state: 'absent' };
  const raw = annotation.value!.kind === 'scalar' ? scalarString(annotation.value) : undefined;
  if (raw === undefined) return { state: 'unknown', span: tightEntrySpan(annotation) };
  const ranges = raw.split(',').map((r) => r.trim()).filter((r) => r !== '');
  if (ranges.length === 0) return { state: 'absent' };
  const open = ranges.find((r) => OPEN.has(r));
  return open !== undefined ? { state: 'open', span: tightEntrySpan(annotation), value: open } : { state: 'restricted' };
}

export default defineKubernetesRule({
  id: 'k8s-service-loadbalancer-restricted',
  kinds: ['Service'],
  messages: {
    public: '{object} is a public LoadBalancer: it is neither annotated as internal nor restricted by loadBalancerSourceRanges, so it opens a new internet entry point that bypasses the ingress and WAF layer.',
    external: '{object} is a LoadBalancer with {annotation}: {value}, so the load balancer is internet-facing and bypasses the ingress and WAF layer.',
    openRange: '{object} is a LoadBalancer whose source ranges include {range}, so anyone on the internet can reach it.',
  },
  fixes: {
    makeInternal: { title: 'Make the load balancer internal (the cloud load balancer is recreated with a new, private address)', safety: 'review' },
  },
  check(object, ctx) {
    const spec = get(object.root, 'spec');
    const typeEntry = entry(spec, 'type');
    if (typeEntry === undefined || scalarString(typeEntry.value) !== 'LoadBalancer') return;
    const label = objectLabel(object);
    const metadata = get(object.root, 'metadata');
    const annotationsNode = get(metadata, 'annotations');
    const annotations = annotationsNode?.kind === 'map' ? annotationsNode : undefined;

    let external: { annotation: (typeof INTERNAL_ANNOTATIONS)[number]; entry: YEntry; value: string } | undefined;
    let unknown: Span | undefined;
    for (const annotation of INTERNAL_ANNOTATIONS) {
      const e = entry(annotations, annotation.key);
      if (e === undefined || isUnset(e.value)) continue;
      const value = e.value!.kind === 'scalar' ? scalarString(e.value) : undefined;
      if (value === undefined) unknown ??= tightEntrySpan(e);
      else if (annotation.internal.includes(value.trim())) return;
      else external ??= { annotation, entry: e, value };
    }

    const ranges = sourceRanges(object, annotations);
    if (ranges.state === 'restricted') return;
    if (ranges.state === 'open') {
      ctx.report({ messageId: 'openRange', at: ranges.span!, data: { object: label, range: ranges.value! } });
      return;
    }
    if (ranges.state === 'unknown') unknown ??= ranges.span;
    if (unknown !== undefined) {
      ctx.cannotDetermine(unknown, 'a load-balancer annotation or source range is not a literal string');
      return;
    }

    if (external !== undefined) {
      const e = external.entry;
      const local = annotations !== undefined && containsSpan(e.span, e.value!.span) && metadata !== undefined && containsSpan(entry(metadata, 'annotations')!.span, annotations.span);
      ctx.report({
        messageId: 'external',
        at: tightEntrySpan(e),
        data: { object: label, annotation: external.annotation.key, value: external.value },
        ...(local ? { fix: { fixId: 'makeInternal' as const, edits: [setMapKey(object.uri, ctx.text, annotations, external.annotation.key, external.annotation.write)] } } : {}),
      });
      return;
    }
    ctx.report({ messageId: 'public', at: tightEntrySpan(typeEntry), data: { object: label } });
  },
});
