import rule from '../../../../server/src/rules/kubernetes/k8s-no-privileged-containers';
import { runRuleCases } from '../../../harness/rule-cases';

const deployment = (containerExtra: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: portal\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: portal:1.2.3\n${containerExtra}`;

runRuleCases(rule, {
  valid: [
    { name: 'no securityContext', code: deployment('') },
    { name: 'privileged false', code: deployment('          securityContext:\n            privileged: false\n') },
    { name: 'quoted "true" is a string, not a boolean', code: deployment('          securityContext:\n            privileged: "true"\n') },
    { name: 'not Kubernetes YAML', code: 'privileged: true\n' },
  ],
  invalid: [
    {
      name: 'privileged container in a Deployment',
      code: deployment('          securityContext:\n            «privileged: true»\n'),
      findings: [{ messageId: 'privileged' }],
      fix: 'unprivilege',
      output: deployment('          securityContext:\n            privileged: false\n'),
    },
    {
      name: 'initContainer of a CronJob, flow style, YAML 1.1 boolean',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n          - {name: init, image: busybox:1.36, securityContext: {«privileged: yes»}}\n',
      findings: [{ messageId: 'privileged' }],
      fix: 'unprivilege',
      output: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n          - {name: init, image: busybox:1.36, securityContext: {privileged: false}}\n',
    },
    {
      name: 'second document of a stream, Pod',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x:1\n    securityContext:\n      «privileged: true»\n',
      findings: [{ messageId: 'privileged' }],
    },
  ],
});
