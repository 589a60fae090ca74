import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-service-loadbalancer-restricted';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Service with `annotations` lines (under metadata.annotations) and `specExtra` lines; `type` may carry «» markers. */
const service = (annotations: string, specExtra = '', type = 'type: LoadBalancer'): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: hl7-gateway\n  namespace: interfaces\n${annotations === '' ? '' : `  annotations:\n${annotations}`}spec:\n  ${type}\n${specExtra}  selector: {app: hl7-gateway}\n  ports:\n    - port: 2575\n`;

runRuleCases(rule, {
  valid: [
    { name: 'AWS Load Balancer Controller scheme internal', code: service('    service.beta.kubernetes.io/aws-load-balancer-scheme: internal\n') },
    { name: 'legacy AWS internal annotation (unquoted true reads as "true")', code: service('    service.beta.kubernetes.io/aws-load-balancer-internal: true\n') },
    { name: 'Azure internal', code: service('    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n') },
    { name: 'GKE internal, current and legacy annotation', code: `${service('    networking.gke.io/load-balancer-type: Internal\n')}---\n${service("    cloud.google.com/load-balancer-type: 'Internal'\n")}` },
    { name: 'restricted source ranges', code: service('', '  loadBalancerSourceRanges:\n    - 10.60.0.0/16\n    - 192.168.10.0/24\n') },
    { name: 'the legacy source-ranges annotation when the field is empty', code: service('    service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8, 172.16.0.0/12"\n') },
    { name: 'a ClusterIP or NodePort Service is out of scope', code: `${service('', '', 'type: ClusterIP')}---\n${service('', '', 'type: NodePort')}` },
    { name: 'an annotation that is not a string cannot be decided', code: service('    service.beta.kubernetes.io/aws-load-balancer-scheme: *unknown\n') },
  ],
  invalid: [
    {
      name: 'no annotation and no source ranges: finding on the type, no fix (the cloud is unknown)',
      code: service('', '', '«type: LoadBalancer»'),
      findings: [{ messageId: 'public', severity: 'medium' }],
    },
    {
      name: 'an internet-facing scheme: finding on the annotation, review fix makes it internal',
      code: service('    «service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing» # public NLB\n    service.beta.kubernetes.io/aws-load-balancer-type: external\n'),
      findings: [{ messageId: 'external' }],
      fix: 'makeInternal',
      output: service('    service.beta.kubernetes.io/aws-load-balancer-scheme: internal # public NLB\n    service.beta.kubernetes.io/aws-load-balancer-type: external\n'),
    },
    {
      name: 'legacy AWS internal annotation set to "false" in flow style',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: s, annotations: {«service.beta.kubernetes.io/aws-load-balancer-internal: "false"»}}\nspec: {type: LoadBalancer, ports: [{port: 443}]}\n',
      findings: [{ messageId: 'external' }],
      fix: 'makeInternal',
      output: 'apiVersion: v1\nkind: Service\nmetadata: {name: s, annotations: {service.beta.kubernetes.io/aws-load-balancer-internal: "true"}}\nspec: {type: LoadBalancer, ports: [{port: 443}]}\n',
    },
    {
      name: 'source ranges that include 0.0.0.0/0: finding on that range',
      code: service('', '  loadBalancerSourceRanges: [10.0.0.0/8, «0.0.0.0/0»]\n'),
      findings: [{ messageId: 'openRange' }],
    },
    {
      name: 'an IPv6 any-address range is as open',
      code: service('', '  loadBalancerSourceRanges:\n    - «"::/0"»\n'),
      findings: [{ messageId: 'openRange' }],
    },
    {
      name: 'multi-document stream: an Azure annotation set to false and a GKE External one',
      code: `${service('    «service.beta.kubernetes.io/azure-load-balancer-internal: "false"»\n')}---\n${service('    «networking.gke.io/load-balancer-type: External»\n')}`,
      findings: [{ messageId: 'external' }, { messageId: 'external' }],
      fix: 'makeInternal',
      output: `${service('    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n')}---\n${service('    networking.gke.io/load-balancer-type: Internal\n')}`,
    },
  ],
});

describe('rule k8s-service-loadbalancer-restricted: messages and fix safety', () => {
  it('the fix is a review fix and the message names the annotation', async () => {
    const result = await lintFiles({ 'm.yaml': service('    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n') }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.findings.map((f) => [f.message.replace(/ \(HIPAA.*$/, ''), f.fix?.safety]),
      [['Service "hl7-gateway" is a LoadBalancer with service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing, so the load balancer is internet-facing and bypasses the ingress and WAF layer.', 'review']],
    );
  });
  it('restricted source ranges pass even with an internet-facing scheme', async () => {
    const result = await lintFiles({ 'm.yaml': service('    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing\n', '  loadBalancerSourceRanges: [203.0.113.0/24]\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.evaluations.map((e) => e.outcome), ['satisfied']);
  });
});
