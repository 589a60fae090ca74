import { strict as assert } from 'node:assert';
import rule from '../../../../server/src/rules/kubernetes/k8s-seccomp-runtime-default';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

/** A Deployment with pod-spec lines `pod` and one container with `container` lines; `kind` may carry «» markers. */
const deployment = (pod: string, container = '', kind = 'kind: Deployment', templateMetadata = ''): string =>
  `apiVersion: apps/v1\n${kind}\nmetadata:\n  name: portal\nspec:\n  template:\n${templateMetadata}    spec:\n${pod}      containers:\n        - name: web\n          image: portal:1.2.3\n${container}`;

const cronJob = (pod: string, initContainer: string, kind = 'kind: CronJob'): string =>
  `apiVersion: batch/v1\n${kind}\nmetadata: {name: nightly}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${pod}          restartPolicy: OnFailure\n          initContainers:\n          - ${initContainer}\n          containers:\n          - name: export\n            image: export:2.0.1\n`;

runRuleCases(rule, {
  valid: [
    { name: 'pod-level RuntimeDefault', code: deployment('      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n') },
    {
      name: 'every container sets its own profile (RuntimeDefault, Localhost)',
      code: cronJob('', '{name: init, image: "busybox:1.36", securityContext: {seccompProfile: {type: Localhost, localhostProfile: profiles/init.json}}}').replace(
        '            image: export:2.0.1\n',
        '            image: export:2.0.1\n            securityContext:\n              seccompProfile: {type: RuntimeDefault}\n',
      ),
    },
    {
      name: 'the deprecated pod annotation runtime/default on the pod template',
      code: deployment('', '', 'kind: Deployment', '    metadata:\n      annotations:\n        seccomp.security.alpha.kubernetes.io/pod: runtime/default\n'),
    },
    { name: 'Pod in flow style with a pod-level profile', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {securityContext: {seccompProfile: {type: RuntimeDefault}}, containers: [{name: a, image: "a:1"}]}\n' },
    { name: 'an unknown profile type is not guessed', code: deployment('      securityContext:\n        seccompProfile:\n          type: ${PROFILE}\n') },
  ],
  invalid: [
    {
      name: 'no profile anywhere: one finding on the kind, safe fix creates the pod securityContext',
      code: deployment('', '', '«kind: Deployment»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'runtimeDefault',
      output: `${deployment('')}      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n`,
    },
    {
      name: 'a pod securityContext without profile: finding on its key, the profile is merged into it',
      code: deployment('      «securityContext»:\n        runAsNonRoot: true\n'),
      findings: [{ messageId: 'missing' }],
      fix: 'runtimeDefault',
      output: deployment('      securityContext:\n        runAsNonRoot: true\n        seccompProfile:\n          type: RuntimeDefault\n'),
    },
    {
      name: 'a container sets Unconfined over a RuntimeDefault pod: review fix replaces it',
      code: deployment('      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n', '          securityContext:\n            seccompProfile:\n              «type: Unconfined»\n'),
      findings: [{ messageId: 'containerUnconfined' }],
      fix: 'replaceUnconfined',
      output: deployment('      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n', '          securityContext:\n            seccompProfile:\n              type: RuntimeDefault\n'),
    },
    {
      name: 'pod-level Unconfined fails even when every container overrides it',
      code: deployment('      securityContext:\n        seccompProfile: {«type: Unconfined»}\n', '          securityContext: {seccompProfile: {type: RuntimeDefault}}\n'),
      findings: [{ messageId: 'podUnconfined' }],
      fix: 'replaceUnconfined',
      output: deployment('      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n', '          securityContext: {seccompProfile: {type: RuntimeDefault}}\n'),
    },
    {
      name: 'CronJob: only the flow-style initContainer sets a profile; the container does not',
      code: cronJob('', '{name: init, image: "busybox:1.36", securityContext: {seccompProfile: {type: RuntimeDefault}}}', '«kind: CronJob»'),
      findings: [{ messageId: 'missing' }],
      fix: 'runtimeDefault',
      output: `${cronJob('', '{name: init, image: "busybox:1.36", securityContext: {seccompProfile: {type: RuntimeDefault}}}')}          securityContext:\n            seccompProfile:\n              type: RuntimeDefault\n`,
    },
    {
      name: 'the deprecated annotation set to unconfined',
      code: deployment('', '', 'kind: Deployment', '    metadata:\n      annotations:\n        «seccomp.security.alpha.kubernetes.io/pod: unconfined»\n'),
      findings: [{ messageId: 'podUnconfined' }],
    },
    {
      name: 'multi-document stream: a flow-style Pod without profile and a compliant Deployment',
      code: `apiVersion: v1\n«kind: Pod»\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "a:1"}]}\n---\n${deployment('      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n')}`,
      findings: [{ messageId: 'missing' }],
      fix: 'runtimeDefault',
      output: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "a:1"}], securityContext: {seccompProfile: {type: RuntimeDefault}}}\n---\n${deployment('      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n')}`,
    },
  ],
});

describe('rule k8s-seccomp-runtime-default: messages, evaluations and fix safety', () => {
  it('lists the containers without a profile; the pod-level fix is safe', async () => {
    const code = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers: [{name: init, image: "i:1"}]\n  containers:\n  - {name: a, image: "a:1"}\n  - {name: b, image: "b:1", securityContext: {seccompProfile: {type: Localhost, localhostProfile: b.json}}}\n';
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(
      result.findings.map((f) => [f.message.replace(/ \(HIPAA.*$/, ''), f.fix?.safety]),
      [['The pod spec of Pod "p" sets no seccomp profile, so containers "a" and "init" run without syscall filtering (Unconfined) unless the kubelet enables SeccompDefault.', 'safe']],
    );
  });
  it('a profile type that is not one of the API values is recorded as unknown', async () => {
    const result = await lintFiles({ 'm.yaml': deployment('', '          securityContext: {seccompProfile: {type: runtime/default}}\n') }, 'm.yaml', [rule]);
    assert.deepEqual(result.evaluations.map((e) => [e.outcome, e.reason]), [['unknown', 'container "web": securityContext.seccompProfile.type is runtime/default, not RuntimeDefault, Localhost or Unconfined']]);
  });
  it('the Unconfined replacement is a review fix, and none is offered through an alias', async () => {
    const code = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - name: a\n    securityContext: &sc {seccompProfile: {type: Unconfined}}\n  - name: b\n    securityContext: *sc\n';
    const result = await lintFiles({ 'm.yaml': code }, 'm.yaml', [rule]);
    assert.deepEqual(result.findings.map((f) => [f.messageId, f.fix?.safety]), [['containerUnconfined', 'review'], ['containerUnconfined', undefined]]);
  });
});
