import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-ingress-tls-configured';
import { tlsCovers } from '../../../../server/src/rules/kubernetes/k8s-ingress-tls-configured';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

const BACKEND = '      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: portal, port: {number: 80}}}\n';

/** An Ingress with `spec` lines before the rules, and rules for the given hosts (a host may carry «» markers). */
const ingress = (specExtra: string, hosts: readonly string[] = ['portal.example-health.org'], kind = 'kind: Ingress'): string =>
  `apiVersion: networking.k8s.io/v1\n${kind}\nmetadata:\n  name: portal\n  namespace: patient-portal\nspec:\n  ingressClassName: nginx\n${specExtra}  rules:\n${hosts.map((h) => `    - ${h.includes('host: ') ? h : `host: ${h}`}\n${BACKEND}`).join('')}`;

/** The spec.tls the fix writes for the portal host, its Secret left to the user. */
const TLS_FOR_PORTAL = '  tls:\n    - hosts:\n        - portal.example-health.org\n      secretName: <tls-secret-name>\n';

runRuleCases(rule, {
  valid: [
    { name: 'every host listed in spec.tls with a secretName', code: ingress('  tls:\n    - hosts: [portal.example-health.org]\n      secretName: portal-tls\n') },
    {
      name: 'a wildcard TLS host covers one label; hosts compare case-insensitively',
      code: ingress('  tls:\n    - hosts:\n        - "*.example-health.org"\n      secretName: wildcard-tls\n    - {hosts: [API.Example-Health.org], secretName: api-tls}\n', ['portal.example-health.org', 'api.example-health.org']),
    },
    { name: 'a rule without host (catch-all) has nothing to cover', code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: catchall}\nspec:\n  tls: [{secretName: default-tls}]\n  rules:\n    - http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}\n' },
    { name: 'a TLS host that cannot be read might cover the rule host: undecided', code: ingress('  tls:\n    - hosts: [*unknown]\n      secretName: portal-tls\n') },
    { name: 'a Service is not an Ingress', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n' },
  ],
  invalid: [
    {
      name: 'no spec.tls: finding on the kind, severity high',
      code: ingress('', undefined, '«kind: Ingress»'),
      findings: [{ messageId: 'noTls', severity: 'high' }],
      fix: 'addTls',
      output: ingress('') + TLS_FOR_PORTAL,
    },
    {
      name: 'no spec.tls, two hosts (a wildcard host is quoted), CRLF line endings',
      code: ingress('', ['portal.example-health.org', '"*.api.example-health.org"'], '«kind: Ingress»').replace(/\n/g, '\r\n'),
      findings: [{ messageId: 'noTls' }],
      fix: 'addTls',
      output: (ingress('', ['portal.example-health.org', '"*.api.example-health.org"']) + TLS_FOR_PORTAL.replace('\n      secretName', '\n        - "*.api.example-health.org"\n      secretName')).replace(/\n/g, '\r\n'),
    },
    {
      name: 'an empty tls list: finding on the tls key',
      code: ingress('  «tls»: []\n'),
      findings: [{ messageId: 'noTls' }],
      fix: 'addTls',
      output: ingress(TLS_FOR_PORTAL),
    },
    {
      name: 'a host not listed in any TLS entry; a wildcard does not cover two labels',
      code: ingress('  tls:\n    - hosts: ["*.example-health.org"]\n      secretName: wildcard-tls\n', ['portal.example-health.org', '«host: admin.portal.example-health.org»']),
      findings: [{ messageId: 'uncovered', severity: 'high' }],
      fix: 'addTlsEntry',
      output: ingress(
        '  tls:\n    - hosts: ["*.example-health.org"]\n      secretName: wildcard-tls\n    - hosts:\n        - admin.portal.example-health.org\n      secretName: <tls-secret-name>\n',
        ['portal.example-health.org', 'host: admin.portal.example-health.org'],
      ),
    },
    {
      name: 'a TLS entry without secretName is the catalog warning, at medium',
      code: ingress('  tls:\n    - «hosts»: [portal.example-health.org]\n'),
      findings: [{ messageId: 'noSecret', severity: 'medium' }],
      fix: 'addSecretName',
      output: ingress('  tls:\n    - hosts: [portal.example-health.org]\n      secretName: <tls-secret-name>\n'),
    },
    {
      name: 'multi-document stream, flow style: one Ingress without TLS, one compliant (extensions/v1beta1)',
      code: `apiVersion: networking.k8s.io/v1\n«kind: Ingress»\nmetadata: {name: a}\nspec: {rules: [{host: a.example-health.org}]}\n---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: b}\nspec: {tls: [{hosts: [b.example-health.org], secretName: b-tls}], rules: [{host: b.example-health.org}]}\n`,
      findings: [{ messageId: 'noTls' }],
      fix: 'addTls',
      output: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\nspec: {rules: [{host: a.example-health.org}], tls: [{hosts: [a.example-health.org], secretName: <tls-secret-name>}]}\n---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: b}\nspec: {tls: [{hosts: [b.example-health.org], secretName: b-tls}], rules: [{host: b.example-health.org}]}\n`,
    },
    {
      name: 'flow style: a host not covered gets its own entry in the flow list',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: c}\nspec: {tls: [{hosts: [x.example-health.org], secretName: x-tls}], rules: [{host: x.example-health.org}, {«host: y.example-health.org»}]}\n',
      findings: [{ messageId: 'uncovered' }],
      fix: 'addTlsEntry',
      output: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: c}\nspec: {tls: [{hosts: [x.example-health.org], secretName: x-tls}, {hosts: [y.example-health.org], secretName: <tls-secret-name>}], rules: [{host: x.example-health.org}, {host: y.example-health.org}]}\n',
    },
  ],
});

describe('rule k8s-ingress-tls-configured: host matching, messages and evaluations', () => {
  it('matches TLS hosts as certificates do', () => {
    assert.equal(tlsCovers('*.example.org', 'app.example.org'), true);
    assert.equal(tlsCovers('*.example.org', 'example.org'), false);
    assert.equal(tlsCovers('*.example.org', 'a.b.example.org'), false);
    assert.equal(tlsCovers('App.Example.org', 'app.example.org'), true);
    assert.equal(tlsCovers('app.example.org', '*.example.org'), false);
  });
  it('names the uncovered host; the fix is review and its Secret is a snippet placeholder', async () => {
    const result = await lintFiles({ 'm.yaml': ingress('  tls:\n    - hosts: [other.example-health.org]\n      secretName: other-tls\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => f.message.replace(/ \(HIPAA.*$/, '')), ['Ingress "portal" serves host portal.example-health.org without TLS: no spec.tls entry lists it.']);
    const fix = result.findings[0]!.fix!;
    assert.ok(Object.values(rule.fixes).every((f) => f.safety === 'review'), 'every fix of the rule is review');
    assert.deepEqual(fix.edits.map((e) => e.snippet), ['\n    - hosts:\n        - portal.example-health.org\n      secretName: ${1:<tls-secret-name>}']);
  });
  it('a secretName still to be chosen covers its hosts but leaves the outcome undecided', async () => {
    const result = await lintFiles({ 'm.yaml': ingress(TLS_FOR_PORTAL) }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'spec.tls[].secretName is a placeholder to fill in']]);
  });
  it('no fix where spec.tls is reached through an alias', async () => {
    const code = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\nx-tls: &tls\n  - hosts: [a.example-health.org]\n    secretName: a-tls\nspec:\n  tls: *tls\n  rules:\n    - host: b.example-health.org\n';
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => [f.messageId, f.fix]), [['uncovered', undefined]]);
  });
  it('an unreadable tls value is recorded as unknown', async () => {
    const result = await lintFiles({ 'm.yaml': ingress('  tls: "${TLS}"\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'spec.tls is "${TLS}", not a list']]);
  });
});
