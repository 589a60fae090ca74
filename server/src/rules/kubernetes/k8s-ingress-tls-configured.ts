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
 * Where findings are shown: the `tls` key when the list is empty, else the object's `kind:` entry
 * when tls is missing; an uncovered host at its `host: x` entry; a TLS entry without secretName at
 * its `hosts` key (or the whole entry).
 *
 * No fix (catalog autofix.safe: false): TLS needs a certificate source (a cert-manager issuer or an
 * uploaded Secret), and a made-up secretName would silence the finding without encrypting anything.
 */
import { entry, get, scalarString, type YNode } from '../../model/kubernetes/yaml';
import type { Span } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { isUnset, objectLabel, readPath, tightEntrySpan, type Reader } from './containers';

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
  fixes: {},
  check(object, ctx) {
    const label = objectLabel(object);
    const tls = readPath(object.root, ['spec', 'tls'], readList);
    if (tls.state === 'unknown') {
      ctx.cannotDetermine(tls.span, tls.reason);
      return;
    }
    if (tls.state === 'absent' || tls.value.length === 0) {
      const key = entry(get(object.root, 'spec'), 'tls');
      ctx.report({ messageId: 'noTls', at: key !== undefined ? key.keySpan : object.headerSpan, data: { object: label } });
      return;
    }

    const covered: string[] = [];
    let unknown: { span: Span; reason: string } | undefined;
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
      if (isUnset(get(item, 'secretName'))) {
        ctx.report({
          messageId: 'noSecret',
          at: hostsEntry !== undefined ? hostsEntry.keySpan : item.span,
          data: { object: label, hosts: names.length > 0 ? names.join(', ') : '(no hosts)' },
          severity: 'medium',
        });
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
      ctx.report({ messageId: 'uncovered', at: tightEntrySpan(hostEntry), data: { object: label, host } });
    }
    if (unknown !== undefined) ctx.cannotDetermine(unknown.span, unknown.reason);
  },
});
