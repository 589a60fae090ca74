/**
 * k8s-run-as-non-root: every container (containers, initContainers, ephemeralContainers) passes when
 * - its securityContext sets runAsNonRoot: true, or
 * - its securityContext sets runAsUser > 0, or
 * - the pod securityContext sets runAsNonRoot: true or runAsUser > 0, unless the container overrides
 *   with runAsNonRoot: false or runAsUser: 0.
 * This is the catalog's `pass_if_all_containers.any_of`, taken literally: an override fails even when
 * the other pod field would still keep the process non-root (pod runAsUser: 1000 with container
 * runAsNonRoot: false), and container runAsNonRoot: true passes even next to runAsUser: 0 (the kubelet
 * then refuses to start the container, so it never runs as root). The image's USER is not visible in a
 * manifest, so a container without any of these settings fails.
 *
 * Values that are not literals of the field's type (a quoted "true", runAsUser: "1000", a placeholder)
 * are not guessed: when the outcome depends on them, the evaluation is unknown (three-valued logic).
 *
 * Where findings are shown: the container's overriding entry (`runAsNonRoot: false`, `runAsUser: 0`)
 * when it decides; otherwise the `securityContext` key if the container has one, else its `name: x`
 * entry (containerAnchor).
 *
 * Fix (catalog autofix.safe: false → review): set runAsNonRoot: true in the container's securityContext.
 * Not offered when the container sets runAsUser: 0 (the container would not start: a human must pick a
 * user), nor when its securityContext is reached through an alias. The catalog's runAsUser/runAsGroup
 * 10001 are not inserted: the right UID depends on the image.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import type { Related } from '../types';
import { defineKubernetesRule } from '../define-rule';
import {
  containerAnchor,
  containerSecuritySetting,
  distinctContainers,
  objectLabel,
  podSecuritySetting,
  readBoolean,
  readInteger,
  securityContextEditable,
  type Setting,
} from './containers';

/** Kleene three-valued logic: undefined = cannot be decided from the manifest. */
type Tri = boolean | undefined;

function holds<T>(setting: Setting<T>, predicate: (value: T) => boolean): Tri {
  if (setting.state === 'absent') return false;
  return setting.state === 'set' ? predicate(setting.value) : undefined;
}

function or(...values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

function not(a: Tri): Tri {
  return a === undefined ? undefined : !a;
}

export default defineKubernetesRule({
  id: 'k8s-run-as-non-root',
  kinds: WORKLOAD_KINDS,
  messages: {
    missing: 'Container "{container}" of {object} may run as root: neither it nor the pod securityContext sets runAsNonRoot: true or a runAsUser above 0.',
    rootUser: 'Container "{container}" of {object} sets runAsUser: 0 and runs as root.',
    notEnforced: 'Container "{container}" of {object} sets {setting} and no runAsUser above 0, so it may run as root.',
    overridesPod: 'Container "{container}" of {object} sets {setting}, overriding the pod securityContext that keeps its containers non-root.',
  },
  fixes: {
    requireNonRoot: { title: 'Set securityContext.runAsNonRoot: true (the image must support running as a non-root user)', safety: 'review' },
  },
  check(object, ctx) {
    const podNonRoot = podSecuritySetting(object, 'runAsNonRoot', readBoolean);
    const podUser = podSecuritySetting(object, 'runAsUser', readInteger);
    const podRequires = or(holds(podNonRoot, (v) => v), holds(podUser, (v) => v > 0));
    for (const container of distinctContainers(object)) {
      const nonRoot = containerSecuritySetting(container, 'runAsNonRoot', readBoolean);
      const user = containerSecuritySetting(container, 'runAsUser', readInteger);
      const disablesNonRoot = holds(nonRoot, (v) => !v);
      const rootUser = holds(user, (v) => v === 0);
      const passes = or(holds(nonRoot, (v) => v), holds(user, (v) => v > 0), and(podRequires, not(or(disablesNonRoot, rootUser))));
      if (passes === true) continue;
      if (passes === undefined) {
        const unknown = [nonRoot, user, podNonRoot, podUser].find((s) => s.state === 'unknown');
        if (unknown?.state === 'unknown') ctx.cannotDetermine(unknown.span, `container "${container.name}": ${unknown.reason}`);
        continue;
      }
      const data = { container: container.name, object: objectLabel(object) };
      const fix =
        securityContextEditable(container) && rootUser !== true
          ? { fix: { fixId: 'requireNonRoot' as const, edits: [setMapKey(object.uri, ctx.text, container.node, 'securityContext', { runAsNonRoot: 'true' })] } }
          : {};
      // The overriding entry decides: runAsUser: 0 first (it makes the process root), then runAsNonRoot: false.
      const override = rootUser === true ? user : disablesNonRoot === true ? nonRoot : undefined;
      if (override?.state === 'set') {
        const setting = override === user ? `runAsUser: ${override.raw}` : `runAsNonRoot: ${override.raw}`;
        if (podRequires === true) {
          const related: Related[] = [podNonRoot, podUser].flatMap((s) =>
            s.state === 'set' ? [{ uri: object.uri, span: s.span, message: `The pod securityContext sets ${s === podNonRoot ? 'runAsNonRoot' : 'runAsUser'}: ${s.raw}.` }] : [],
          );
          ctx.report({ messageId: 'overridesPod', at: override.span, data: { ...data, setting }, related, ...fix });
        } else {
          ctx.report({ messageId: override === user ? 'rootUser' : 'notEnforced', at: override.span, data: { ...data, setting }, ...fix });
        }
        continue;
      }
      ctx.report({ messageId: 'missing', at: containerAnchor(container, 'securityContext'), data, ...fix });
    }
  },
});
