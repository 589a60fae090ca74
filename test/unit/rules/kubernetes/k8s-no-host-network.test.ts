import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-no-host-network';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

const deployment = (podExtra: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: portal\nspec:\n  template:\n    spec:\n${podExtra}      containers:\n        - name: web\n          image: portal:1.2.3\n`;

const cronJob = (podExtra: string): string =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${podExtra}          initContainers:\n          - name: init\n            image: busybox:1.36\n          containers:\n          - name: export\n            image: export:2.0.1\n`;

runRuleCases(rule, {
  valid: [
    { name: 'Deployment sets hostNetwork: false', code: deployment('      hostNetwork: false\n') },
    { name: 'Deployment without hostNetwork (default false)', code: deployment('') },
    { name: 'CronJob with initContainers, YAML 1.1 "off"', code: cronJob('          hostNetwork: off\n') },
    { name: 'quoted "true" is a string, not a boolean: undecided, no finding', code: deployment('      hostNetwork: "true"\n') },
    {
      name: 'multi-document stream: hostNetwork in a ConfigMap is not a pod spec; a flow-style Pod without it',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  hostNetwork: "true"\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: {containers: [{name: a, image: "a:1"}]}\n',
    },
  ],
  invalid: [
    {
      name: 'Deployment with hostNetwork: true; the review fix keeps the comment',
      code: deployment('      «hostNetwork: true» # needed for the old agent\n      dnsPolicy: ClusterFirstWithHostNet\n'),
      findings: [{ messageId: 'hostNetwork', severity: 'high' }],
      fix: 'isolate',
      output: deployment('      hostNetwork: false # needed for the old agent\n      dnsPolicy: ClusterFirstWithHostNet\n'),
    },
    {
      name: 'CronJob pod spec (nested jobTemplate) with YAML 1.1 "yes"',
      code: cronJob('          «hostNetwork: yes»\n'),
      findings: [{ messageId: 'hostNetwork' }],
      fix: 'isolate',
      output: cronJob('          hostNetwork: false\n'),
    },
    {
      name: 'Pod with a flow-style spec',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {«hostNetwork: true», containers: [{name: a, image: "a:1"}]}\n',
      findings: [{ messageId: 'hostNetwork' }],
      fix: 'isolate',
      output: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: false, containers: [{name: a, image: "a:1"}]}\n',
    },
    {
      name: 'multi-document stream: the second document, a DaemonSet',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: agent\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      «hostNetwork: True»\n      containers:\n      - name: agent\n        image: agent:3\n',
      findings: [{ messageId: 'hostNetwork' }],
      fix: 'isolate',
      output: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: agent\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      hostNetwork: false\n      containers:\n      - name: agent\n        image: agent:3\n',
    },
  ],
});

describe('rule k8s-no-host-network: messages and fixes', () => {
  it('names the object and offers a review fix', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('      hostNetwork: true\n') }, 'm.yaml', [rule]);
    assert.match(result.findings[0]!.message, /^The pod spec of Deployment "portal" sets hostNetwork: true, /);
    assert.equal(result.findings[0]!.fix?.safety, 'review');
  });
  it('a non-boolean value is recorded as unknown', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('      hostNetwork: "true"\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'hostNetwork is "true", not a YAML boolean']]);
  });
});
