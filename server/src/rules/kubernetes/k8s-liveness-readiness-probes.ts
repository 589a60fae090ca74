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
 * whole item for an unnamed container). A probe holding a placeholder a fix wrote (`<probe-port>`) is
 * not decided yet: evaluation unknown.
 *
 * Fix (catalog autofix.safe: false → review): probe endpoints, ports and timings are
 * application-specific, and a wrong probe causes restart loops, so none is invented. The fix adds
 * each missing probe as an HTTP GET whose path and port are placeholders only the user can fill in
 * (`<liveness-path>`, `<readiness-path>`, one `<probe-port>` for both; snippet tab stops where the
 * editor supports them, see fixes/yaml-user-values.ts). Not offered where the container is reached
 * through an alias.
 */
import { finishYamlUserValues, yamlUserValue } from '../../fixes/yaml-user-values';
import { mergeMapKeys, type YamlMapValue } from '../../fixes/yaml-edits';
import { entry, scalarString } from '../../model/kubernetes/yaml';
import { defineKubernetesRule } from '../define-rule';
import { containerAnchor, distinctContainers, findPlaceholder, isUnset, objectLabel } from './containers';

/** An HTTP GET probe whose path and port the user fills in. */
function httpProbe(path: string): YamlMapValue {
  return { httpGet: { path: yamlUserValue(path), port: yamlUserValue('<probe-port>') } };
}

const LONG_RUNNING_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'];

export default defineKubernetesRule({
  id: 'k8s-liveness-readiness-probes',
  kinds: LONG_RUNNING_KINDS,
  messages: {
    both: 'Container "{container}" of {object} defines neither a livenessProbe nor a readinessProbe, so a hung process keeps running and receives traffic.',
    liveness: 'Container "{container}" of {object} defines no livenessProbe, so a hung process is never restarted.',
    readiness: 'Container "{container}" of {object} defines no readinessProbe, so it receives traffic before it is ready and while it is failing.',
  },
  fixes: {
    addProbes: { title: 'Add the missing HTTP probe(s) (review: choose the path and port; a wrong probe restarts the container or withholds its traffic)', safety: 'review' },
  },
  check(object, ctx) {
    if (object.kind === 'Pod') {
      const restartPolicy = scalarString(entry(object.podSpec, 'restartPolicy')?.value);
      if (restartPolicy === 'Never' || restartPolicy === 'OnFailure') return;
    }
    for (const container of distinctContainers(object)) {
      if (container.group !== 'containers') continue;
      const livenessProbe = entry(container.node, 'livenessProbe')?.value;
      const readinessProbe = entry(container.node, 'readinessProbe')?.value;
      const liveness = !isUnset(livenessProbe);
      const readiness = !isUnset(readinessProbe);
      if (liveness && readiness) {
        const placeholder = findPlaceholder(livenessProbe) ?? findPlaceholder(readinessProbe);
        if (placeholder !== undefined) ctx.cannotDetermine(placeholder.span, `container "${container.name}": a probe holds a placeholder to fill in`);
        continue;
      }
      const messageId = !liveness && !readiness ? 'both' : !liveness ? 'liveness' : 'readiness';
      const probes: YamlMapValue = { ...(liveness ? {} : { livenessProbe: httpProbe('<liveness-path>') }), ...(readiness ? {} : { readinessProbe: httpProbe('<readiness-path>') }) };
      const edits = mergeMapKeys(object.uri, ctx.text, container.node, probes);
      ctx.report({
        messageId,
        at: containerAnchor(container),
        data: { container: container.name, object: objectLabel(object) },
        ...(edits !== undefined ? { fix: { fixId: 'addProbes' as const, edits: finishYamlUserValues(edits) } } : {}),
      });
    }
  },
});
