/**
 * k8s-rbac-no-wildcards: no rule of a Role or ClusterRole lists "*" in verbs or resources (catalog
 * `fail_if_any`), nor "*" in apiGroups together with "*" in resources (the catalog's note: apiGroups
 * "*" is flagged "in combination with broad resources"; "*" over named resources such as
 * `configmaps` only widens the match to same-named custom resources). Only the exact item "*" counts:
 * `pods/*` (every subresource of pods) is not a wildcard over resource types.
 *
 * Exempt (catalog `exempt_if`): built-in roles (metadata.name starting with `system:`, or labelled
 * kubernetes.io/bootstrapping: rbac-defaults, as the API server's own cluster-admin is), and
 * aggregated ClusterRoles (an `aggregationRule`: the controller manager fills their rules).
 *
 * One finding per offending field of each rule, at its "*" item. A rules / verbs / resources /
 * apiGroups value that is not a list, or an item that is not a string, cannot be decided when it
 * matters: evaluation unknown.
 *
 * No fix (catalog autofix: manual): only a human knows the verbs and resources the subject needs.
 */
import { get, scalarString, type YNode } from '../../model/kubernetes/yaml';
import type { Span } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { isUnset, objectLabel } from './containers';

/** The "*" item of a list, `unknown` when the list or one of its items cannot be read. */
function wildcard(node: YNode | undefined): { state: 'none' } | { state: 'found'; span: Span } | { state: 'unknown'; span: Span } {
  if (isUnset(node)) return { state: 'none' };
  if (node!.kind !== 'seq') return { state: 'unknown', span: node!.span };
  let unknown: Span | undefined;
  for (const item of node!.items) {
    const value = item.kind === 'scalar' ? scalarString(item) : undefined;
    if (value === undefined) unknown ??= item.span;
    else if (value === '*') return { state: 'found', span: item.span };
  }
  return unknown !== undefined ? { state: 'unknown', span: unknown } : { state: 'none' };
}

export default defineKubernetesRule({
  id: 'k8s-rbac-no-wildcards',
  kinds: ['Role', 'ClusterRole'],
  messages: {
    verbs: 'A rule of {object} allows every verb ("*"), including escalate, bind and impersonate and any verb added later, on its resources.',
    resources: 'A rule of {object} covers every resource type ("*"), Secrets and custom resources added later included.',
    apiGroups: 'A rule of {object} covers every API group ("*") together with every resource, so no resource type of any API is left out.',
  },
  fixes: {},
  check(object, ctx) {
    if ((object.name ?? '').startsWith('system:')) return;
    const metadata = get(object.root, 'metadata');
    if (scalarString(get(get(metadata, 'labels'), 'kubernetes.io/bootstrapping')) === 'rbac-defaults') return;
    if (object.kind === 'ClusterRole' && !isUnset(get(object.root, 'aggregationRule'))) return;
    const rules = get(object.root, 'rules');
    if (isUnset(rules)) return;
    if (rules!.kind !== 'seq') {
      ctx.cannotDetermine(rules!.span, 'rules is not a list');
      return;
    }
    const data = { object: objectLabel(object) };
    let unknown: Span | undefined;
    for (const rule of rules!.items) {
      if (rule.kind !== 'map') {
        unknown ??= rule.span;
        continue;
      }
      const verbs = wildcard(get(rule, 'verbs'));
      const resources = wildcard(get(rule, 'resources'));
      const apiGroups = wildcard(get(rule, 'apiGroups'));
      if (verbs.state === 'found') ctx.report({ messageId: 'verbs', at: verbs.span, data });
      if (resources.state === 'found') ctx.report({ messageId: 'resources', at: resources.span, data });
      if (apiGroups.state === 'found' && resources.state === 'found') ctx.report({ messageId: 'apiGroups', at: apiGroups.span, data });
      for (const w of [verbs, resources, apiGroups]) if (w.state === 'unknown') unknown ??= w.span;
    }
    if (unknown !== undefined) ctx.cannotDetermine(unknown, 'a rule, or its verbs, resources or apiGroups, is not a list of strings');
  },
});
