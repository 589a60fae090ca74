/**
 * k8s-ingress-tls-configured: an Ingress terminates TLS for every host it serves (catalog `pass_if_all`):
 * - spec.tls is a non-empty list (`when_missing: fail`);
 * - every spec.rules[*].host is listed in some spec.tls[*].hosts. Hosts compare case-insensitively,
 *   and a TLS wildcard `*.example.org` covers exactly one label (`app.example.org`), as certificates
 *   do. A rule without a host (the catch-all) has nothing to compare and is not checked;
 * - every spec.tls[*] names a secretName (`when_missing: warn`, reported one step lower, at medium):
 *   the controller's default certificate, cert-manager or a cloud load balancer may supply it.
 * A tls, hosts or rules value that is not a list, or a host that is not a string, cannot be decided
 * when it matters: evaluation unknown.
 *
 * A secretName that is the placeholder a fix wrote (`<tls-secret-name>`) is not decided yet:
 * evaluation unknown.
 *
 * Where findings are shown: the `tls` key when the list is empty, else the object's `kind:` entry
 * when tls is missing; an uncovered host at its `host: x` entry; a TLS entry without secretName at
 * its `hosts` key (or the whole entry).
 *
 * Fixes (catalog autofix.safe: false → review): TLS needs a certificate source (a cert-manager issuer
 * or an uploaded Secret), and a made-up secretName would silence the finding without encrypting
 * anything, so the Secret is the placeholder `<tls-secret-name>`, which only the user can fill in (a
 * snippet tab stop where the editor supports it, see fixes/yaml-user-values.ts); the hosts are the
 * Ingress's own. No spec.tls: `spec.tls` with one entry for the hosts of spec.rules. An uncovered host:
 * a new spec.tls entry for it (a certificate of an existing entry may not cover it). No secretName:
 * `secretName: <tls-secret-name>` in that entry. Not offered where spec, spec.tls or the entry is
 * reached through an alias or is not a mapping or list.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { appendSeqItem, setMapKey, yamlString, type YamlMapValue } from '../../fixes/yaml-edits';
import { finishYamlUserValues, isYamlPlaceholder, yamlUserValue } from '../../fixes/yaml-user-values';
import type { K8sObject } from '../../model/kubernetes/types';
import { entry, get, scalarString, type YMap, type YNode } from '../../model/kubernetes/yaml';
import { containsSpan, type Span } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { isUnset, objectLabel, readPath, tightEntrySpan, type Reader } from './containers';

/** A spec.tls entry for `hosts` whose Secret the user fills in. */
function tlsEntry(hosts: readonly string[]): YamlMapValue {
  return { ...(hosts.length > 0 ? { hosts: hosts.map(yamlString) } : {}), secretName: yamlUserValue('<tls-secret-name>') };
}

/** The value of `key` in `map` when it is written in its entry (not reached through an alias). */
function inPlace(map: YNode | undefined, key: string): YNode | undefined {
  const e = entry(map, key);
  return e?.value !== undefined && containsSpan(e.span, e.value.span) ? e.value : undefined;
}

/** The distinct literal hosts of spec.rules, in order. */
function ruleHosts(object: K8sObject): string[] {
  const rules = get(get(object.root, 'spec'), 'rules');
  const hosts = rules?.kind === 'seq' ? rules.items.map((rule) => scalarString(get(rule, 'host'))).filter((h): h is string => h !== undefined && h !== '') : [];
  return [...new Set(hosts)];
}

/** spec.tls with one entry for the Ingress's hosts (spec created where missing); undefined when spec is not a mapping written in place. */
function addTls(object: K8sObject, text: string): FixEdit[] | undefined {
  const tls = [tlsEntry(ruleHosts(object))];
  const spec = entry(object.root, 'spec');
  if (spec === undefined || isUnset(spec.value)) return finishYamlUserValues([setMapKey(object.uri, text, object.root, 'spec', { tls })]);
  const map = inPlace(object.root, 'spec');
  return map?.kind === 'map' ? finishYamlUserValues([setMapKey(object.uri, text, map, 'tls', tls)]) : undefined;
}

/** A new spec.tls entry for `host`; undefined when spec.tls is not a list written in place. */
function addTlsEntry(object: K8sObject, text: string, host: string): FixEdit[] | undefined {
  const tls = inPlace(inPlace(object.root, 'spec'), 'tls');
  const edit = tls?.kind === 'seq' ? appendSeqItem(object.uri, text, tls, tlsEntry([host])) : undefined;
  return edit === undefined ? undefined : finishYamlUserValues([edit]);
}

/** `secretName: <tls-secret-name>` in a spec.tls entry written in place. */
function addSecretName(object: K8sObject, text: string, item: YMap): FixEdit[] | undefined {
  const tls = inPlace(inPlace(object.root, 'spec'), 'tls');
  if (tls?.kind !== 'seq' || !containsSpan(tls.span, item.span)) return undefined;
  return finishYamlUserValues([setMapKey(object.uri, text, item, 'secretName', yamlUserValue('<tls-secret-name>'))]);
}

const readList: Reader<readonly YNode[]> = { expected: 'a list', read: (node) => (node.kind === 'seq' ? node.items : undefined) };

/** True when a TLS host (possibly `*.domain`) covers a rule host. */
export function tlsCovers(tlsHost: string, host: string): boolean {
  const t = tlsHost.toLowerCase();
  const h = host.toLowerCase();
  if (t === h) return true;
  if (!t.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && !h.slice(0, dot).includes('*') && h.slice(dot + 1) === t.slice(2);
}

export default defineKubernetesRule({
  id: 'k8s-ingress-tls-configured',
  kinds: ['Ingress'],
  messages: {
    noTls: '{object} declares no spec.tls, so every host it serves is reachable over plain HTTP and ePHI crosses the network unencrypted.',
    uncovered: '{object} serves host {host} without TLS: no spec.tls entry lists it.',
    noSecret: 'The TLS entry for {hosts} of {object} names no secretName, so the certificate must come from the controller\'s default, cert-manager or the load balancer.',
  },
  fixes: {
    addTls: { title: "Add spec.tls for the Ingress's hosts (review: choose the TLS Secret; it must hold a certificate for these hosts, e.g. from cert-manager)", safety: 'review' },
    addTlsEntry: { title: 'Add a spec.tls entry for this host (review: choose the TLS Secret; it must hold a certificate for the host)', safety: 'review' },
    addSecretName: { title: "Set secretName (review: choose the TLS Secret; it replaces the controller's default certificate)", safety: 'review' },
  },
  check(object, ctx) {
    const label = objectLabel(object);
    const tls = readPath(object.root, ['spec', 'tls'], readList);
    if (tls.state === 'unknown') {
      ctx.cannotDetermine(tls.span, tls.reason);
      return;
    }
    if (tls.state === 'absent' || tls.value.length === 0) {
      const key = entry(get(object.root, 'spec'), 'tls');
      const edits = addTls(object, ctx.text);
      ctx.report({ messageId: 'noTls', at: key !== undefined ? key.keySpan : object.headerSpan, data: { object: label }, ...(edits !== undefined ? { fix: { fixId: 'addTls' as const, edits } } : {}) });
      return;
    }

    const covered: string[] = [];
    let unknown: { span: Span; reason: string } | undefined;
    // A Secret still to be chosen leaves the outcome undecided, but covers its hosts.
    let unchosen: { span: Span; reason: string } | undefined;
    for (const item of tls.value) {
      if (item.kind !== 'map') {
        unknown ??= { span: item.span, reason: 'a spec.tls entry is not a mapping' };
        continue;
      }
      const hostsEntry = entry(item, 'hosts');
      const hosts = hostsEntry?.value;
      const names: string[] = [];
      if (hosts !== undefined && !isUnset(hosts)) {
        if (hosts.kind !== 'seq') unknown ??= { span: hostsEntry!.keySpan, reason: 'spec.tls[].hosts is not a list' };
        else
          for (const h of hosts.items) {
            const name = h.kind === 'scalar' ? scalarString(h) : undefined;
            if (name === undefined) unknown ??= { span: h.span, reason: 'a spec.tls[].hosts item is not a string' };
            else names.push(name);
          }
      }
      covered.push(...names);
      const secretName = get(item, 'secretName');
      if (isUnset(secretName)) {
        const edits = addSecretName(object, ctx.text, item);
        ctx.report({
          messageId: 'noSecret',
          at: hostsEntry !== undefined ? hostsEntry.keySpan : item.span,
          data: { object: label, hosts: names.length > 0 ? names.join(', ') : '(no hosts)' },
          severity: 'medium',
          ...(edits !== undefined ? { fix: { fixId: 'addSecretName' as const, edits } } : {}),
        });
      } else if (secretName!.kind === 'scalar' && typeof secretName!.value === 'string' && isYamlPlaceholder(secretName!.value)) {
        unchosen ??= { span: secretName!.span, reason: 'spec.tls[].secretName is a placeholder to fill in' };
      }
    }

    // A TLS host that could not be read might cover any rule host.
    const tlsUnknown = unknown !== undefined;
    const rules = readPath(object.root, ['spec', 'rules'], readList);
    if (rules.state === 'unknown') unknown ??= { span: rules.span, reason: rules.reason };
    for (const rule of rules.state === 'set' ? rules.value : []) {
      const hostEntry = entry(rule, 'host');
      if (hostEntry === undefined || isUnset(hostEntry.value)) continue;
      const host = hostEntry.value!.kind === 'scalar' ? scalarString(hostEntry.value) : undefined;
      if (host === undefined) {
        unknown ??= { span: tightEntrySpan(hostEntry), reason: 'spec.rules[].host is not a string' };
        continue;
      }
      if (covered.some((t) => tlsCovers(t, host)) || tlsUnknown) continue;
      const edits = addTlsEntry(object, ctx.text, host);
      ctx.report({ messageId: 'uncovered', at: tightEntrySpan(hostEntry), data: { object: label, host }, ...(edits !== undefined ? { fix: { fixId: 'addTlsEntry' as const, edits } } : {}) });
    }
    const undecided = unknown ?? unchosen;
    if (undecided !== undefined) ctx.cannotDetermine(undecided.span, undecided.reason);
  },
});
