/**
 * k8s-liveness-readiness-probes: every long-running container declares a livenessProbe and a
 * readinessProbe (catalog `pass_if_all`, `exists`, `when_missing: fail`). `exists` is taken literally:
 * any non-null value counts; a startupProbe does not replace either.
 *
 * Scope (catalog `exempt_if` and the title's "long-running"):
 * - dispatched on Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet and ReplicationController, not
 *   on Job and CronJob (run-to-completion);
 * - only `containers`: initContainers (exempt) and ephemeralContainers (debug sessions, which cannot
 *   have probes) are not checked;
 * - a bare Pod with restartPolicy: Never or OnFailure runs to completion like a Job and is skipped.
 *
 * One finding per container, naming the missing probe(s), at the container's `name: x` entry (or the
 * whole item for an unnamed container).
 *
 * No fix (catalog autofix.safe: false): probe endpoints, ports and timings are application-specific,
 * and a wrong probe causes restart loops.
 */
import { entry, scalarString } from '../../model/kubernetes/yaml';
import { defineKubernetesRule } from '../define-rule';
import { containerAnchor, distinctContainers, isUnset, objectLabel } from './containers';

const LONG_RUNNING_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'];

export default defineKubernetesRule({
  id: 'k8s-liveness-readiness-probes',
  kinds: LONG_RUNNING_KINDS,
  messages: {
    both: 'Container "{container}" of {object} defines neither a livenessProbe nor a readinessProbe, so a hung process keeps running and receives traffic.',
    liveness: 'Container "{container}" of {object} defines no livenessProbe, so a hung process is never restarted.',
    readiness: 'Container "{container}" of {object} defines no readinessProbe, so it receives traffic before it is ready and while it is failing.',
  },
  fixes: {},
  check(object, ctx) {
    if (object.kind === 'Pod') {
      const restartPolicy = scalarString(entry(object.podSpec, 'restartPolicy')?.value);
      if (restartPolicy === 'Never' || restartPolicy === 'OnFailure') return;
    }
    for (const container of distinctContainers(object)) {
      if (container.group !== 'containers') continue;
      const liveness = !isUnset(entry(container.node, 'livenessProbe')?.value);
      const readiness = !isUnset(entry(container.node, 'readinessProbe')?.value);
      if (liveness && readiness) continue;
      const messageId = !liveness && !readiness ? 'both' : !liveness ? 'liveness' : 'readiness';
      ctx.report({ messageId, at: containerAnchor(container), data: { container: container.name, object: objectLabel(object) } });
    }
  },
});
