/**
 * k8s-run-as-non-root: every container (containers, initContainers, ephemeralContainers) passes when
 * the securityContext Kubernetes applies to it requires a non-root user: its effective runAsNonRoot is
 * true, or its effective runAsUser is above 0. "Effective" is Kubernetes' own merge, field by field:
 * the container's securityContext value when it sets the field, else the pod securityContext's.
 *
 * This is the catalog's `pass_if_all_containers.any_of` with `inherit_from_pod ... unless the container
 * overrides`, read per field as the kubelet does: a container runAsNonRoot: false cancels only the pod's
 * runAsNonRoot (a pod runAsUser: 1000 still makes the process UID 1000), and a container runAsUser: 0
 * cancels only the pod's runAsUser. An effective runAsNonRoot: true next to an effective runAsUser: 0
 * passes: the kubelet refuses to start that container, so it never runs as root. The image's USER is
 * not visible in a manifest, so a container without any of these settings fails.
 *
 * Values that are not literals of the field's type (a quoted "true", runAsUser: "1000", a placeholder)
 * are not guessed: when the outcome depends on them, the evaluation is unknown (three-valued logic).
 *
 * Where findings are shown: the container's entry that decides (`runAsUser: 0`, else
 * `runAsNonRoot: false`), with the pod setting it overrides as related information; otherwise the
 * `securityContext` key if the container has one, else its `name: x` entry (containerAnchor).
 *
 * Fixes (catalog autofix.safe: false → review), never when the container's securityContext is reached
 * through an alias:
 * - requireNonRoot: set runAsNonRoot: true in the container's securityContext;
 * - chooseNonRootUser, when the effective runAsUser is 0 (runAsNonRoot: true alone would keep the
 *   container from starting): also write the container's runAsUser as the placeholder `<non-root-uid>`
 *   (yaml-user-values.ts), replacing its 0 or overriding the pod's. The catalog's 10001 is not written:
 *   the right UID depends on the image, so the user types it (the API server rejects the placeholder).
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { mergeMapKeys, setMapKey } from '../../fixes/yaml-edits';
import { finishYamlUserValues, yamlUserValue } from '../../fixes/yaml-user-values';
import type { FixEdit } from '../../fixes/fix-edit';
import type { K8sObject } from '../../model/kubernetes/types';
import type { YMap } from '../../model/kubernetes/yaml';
import type { Related } from '../types';
import { defineKubernetesRule } from '../define-rule';
import {
  containerAnchor,
  distinctContainers,
  effectiveSecuritySetting,
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

type Effective<T> = ReturnType<typeof effectiveSecuritySetting<T>>;
type SetSetting = Extract<Setting<unknown>, { state: 'set' }>;

/**
 * The container's own entry that makes a failing container fail: runAsUser: 0 first (it makes the
 * process root), then runAsNonRoot: false; with the pod entry of the same field that it overrides when
 * that one alone would have kept the container non-root.
 */
function decidingEntry(
  object: K8sObject,
  user: Effective<number>,
  nonRoot: Effective<boolean>,
): { key: 'runAsUser' | 'runAsNonRoot'; entry: SetSetting; podEntry: SetSetting | undefined } | undefined {
  if (user.from === 'container' && user.state === 'set' && user.value === 0) {
    const pod = podSecuritySetting(object, 'runAsUser', readInteger);
    return { key: 'runAsUser', entry: user, podEntry: pod.state === 'set' && pod.value > 0 ? pod : undefined };
  }
  if (nonRoot.from === 'container' && nonRoot.state === 'set') {
    const pod = podSecuritySetting(object, 'runAsNonRoot', readBoolean);
    return { key: 'runAsNonRoot', entry: nonRoot, podEntry: pod.state === 'set' && pod.value ? pod : undefined };
  }
  return undefined;
}

/** runAsUser: <non-root-uid> and runAsNonRoot: true in the container's securityContext, merged into what it has. */
function chooseNonRootUserFix(uri: string, text: string, container: YMap): { fix?: { fixId: 'chooseNonRootUser'; edits: FixEdit[] } } {
  const edits = mergeMapKeys(uri, text, container, { securityContext: { runAsUser: yamlUserValue('<non-root-uid>'), runAsNonRoot: 'true' } });
  return edits === undefined ? {} : { fix: { fixId: 'chooseNonRootUser', edits: finishYamlUserValues(edits) } };
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
    chooseNonRootUser: {
      title: 'Run as a non-root UID and set securityContext.runAsNonRoot: true (review: choose the UID; the image must support running as that user)',
      safety: 'review',
    },
  },
  check(object, ctx) {
    for (const container of distinctContainers(object)) {
      const nonRoot = effectiveSecuritySetting(object, container, 'runAsNonRoot', readBoolean);
      const user = effectiveSecuritySetting(object, container, 'runAsUser', readInteger);
      const passes = or(holds(nonRoot, (v) => v), holds(user, (v) => v > 0));
      if (passes === true) continue;
      if (passes === undefined) {
        const unknown = [nonRoot, user].find((s) => s.state === 'unknown');
        if (unknown?.state === 'unknown') ctx.cannotDetermine(unknown.span, `container "${container.name}": ${unknown.reason}`);
        continue;
      }
      const data = { container: container.name, object: objectLabel(object) };
      const rootUser = holds(user, (v) => v === 0) === true;
      const fix = !securityContextEditable(container)
        ? {}
        : rootUser
          ? chooseNonRootUserFix(object.uri, ctx.text, container.node)
          : { fix: { fixId: 'requireNonRoot' as const, edits: [setMapKey(object.uri, ctx.text, container.node, 'securityContext', { runAsNonRoot: 'true' })] } };
      const decider = decidingEntry(object, user, nonRoot);
      if (decider !== undefined) {
        const setting = `${decider.key}: ${decider.entry.raw}`;
        if (decider.podEntry !== undefined) {
          const related: Related[] = [{ uri: object.uri, span: decider.podEntry.span, message: `The pod securityContext sets ${decider.key}: ${decider.podEntry.raw}.` }];
          ctx.report({ messageId: 'overridesPod', at: decider.entry.span, data: { ...data, setting }, related, ...fix });
        } else {
          ctx.report({ messageId: decider.key === 'runAsUser' ? 'rootUser' : 'notEnforced', at: decider.entry.span, data: { ...data, setting }, ...fix });
        }
        continue;
      }
      ctx.report({ messageId: 'missing', at: containerAnchor(container, 'securityContext'), data, ...fix });
    }
  },
});
