/**
 * k8s-seccomp-runtime-default: every container runs under the RuntimeDefault or a Localhost seccomp
 * profile, and nothing sets Unconfined.
 * - A container's profile is, in Kubernetes' order of precedence: its own
 *   securityContext.seccompProfile.type, its `container.seccomp.security.alpha.kubernetes.io/<name>`
 *   annotation, the pod securityContext.seccompProfile.type, the pod's
 *   `seccomp.security.alpha.kubernetes.io/pod` annotation (catalog `pass_if_any`: pod profile, every
 *   container's profile, or the deprecated annotation with runtime/default or docker/default; a
 *   `localhost/<file>` annotation counts as Localhost). Annotations are read from the pod template's
 *   metadata, where Kubernetes reads them.
 * - Every Unconfined (field or `unconfined` annotation), on the pod or on a container, fails (catalog
 *   `fail_if_any`), even when the containers override a pod-level Unconfined: a debug container added
 *   later would inherit it.
 * Values that are not one of the API's profile types (a placeholder, a typo) cannot be decided:
 * evaluation unknown for the containers that depend on them.
 *
 * Where findings are shown:
 * - containers without any profile: one finding per object, listing them, at the pod spec's
 *   `securityContext` key if present, else at the object's `kind:` entry;
 * - Unconfined: at the `type: Unconfined` entry or the annotation.
 *
 * Fixes:
 * - missing profile (catalog autofix.safe: true, no environment-specific value → safe): set the pod
 *   securityContext.seccompProfile.type: RuntimeDefault, creating the maps when missing. Containers
 *   with their own profile keep it.
 * - an explicit Unconfined field (review: the workload opted out on purpose and may make syscalls
 *   the default profile blocks): replace it with RuntimeDefault. Annotations get no fix.
 * Neither is offered when the pod spec, securityContext or seccompProfile is reached through an alias.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { setMapKey } from '../../fixes/yaml-edits';
import { entry, get, scalarString, type YMap, type YNode } from '../../model/kubernetes/yaml';
import type { Span } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { distinctContainers, isUnset, mapPathEditable, objectLabel, podSpecEditable, readPath, tightEntrySpan, type Reader, type Setting } from './containers';

type Profile = 'RuntimeDefault' | 'Localhost' | 'Unconfined';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';
const PROFILE_PATH = ['securityContext', 'seccompProfile', 'type'] as const;

const readProfile: Reader<Profile> = {
  expected: 'RuntimeDefault, Localhost or Unconfined',
  read: (node) => {
    const s = node.kind === 'scalar' ? scalarString(node) : undefined;
    return s === 'RuntimeDefault' || s === 'Localhost' || s === 'Unconfined' ? s : undefined;
  },
};

/** The deprecated seccomp annotation as a profile type. */
function annotationSetting(annotations: YNode | undefined, key: string): Setting<Profile> {
  const e = entry(annotations, key);
  if (e === undefined || isUnset(e.value)) return { state: 'absent' };
  const raw = e.value!.kind === 'scalar' ? scalarString(e.value) : undefined;
  const span = tightEntrySpan(e);
  const profile: Profile | undefined =
    raw === 'runtime/default' || raw === 'docker/default' ? 'RuntimeDefault' : raw === 'unconfined' ? 'Unconfined' : raw?.startsWith('localhost/') ? 'Localhost' : undefined;
  if (profile === undefined) return { state: 'unknown', span, reason: `annotation ${key} is ${raw === undefined ? 'not a string' : JSON.stringify(raw)}, not runtime/default, docker/default, localhost/<profile> or unconfined` };
  return { state: 'set', value: profile, span, raw: raw! };
}

function settingText(setting: Setting<Profile>, annotation: string | undefined): string {
  if (setting.state !== 'set') return '';
  return annotation === undefined ? `seccompProfile.type: ${setting.raw}` : `the ${annotation}: ${setting.raw} annotation`;
}

/** The seccompProfile mapping under `node` when a fix may replace its type in place. */
function editableProfile(node: YMap): YMap | undefined {
  const profile = get(get(node, 'securityContext'), 'seccompProfile');
  return profile?.kind === 'map' && mapPathEditable(node, ['securityContext', 'seccompProfile']) ? profile : undefined;
}

export default defineKubernetesRule({
  id: 'k8s-seccomp-runtime-default',
  kinds: WORKLOAD_KINDS,
  messages: {
    missing: 'The pod spec of {object} sets no seccomp profile, so {containers} without syscall filtering (Unconfined) unless the kubelet enables SeccompDefault.',
    podUnconfined: 'The pod spec of {object} sets {setting}, which disables syscall filtering for every container that does not set its own profile.',
    containerUnconfined: 'Container "{container}" of {object} sets {setting}, which disables syscall filtering.',
  },
  fixes: {
    runtimeDefault: { title: 'Set the pod securityContext.seccompProfile.type: RuntimeDefault', safety: 'safe' },
    replaceUnconfined: { title: 'Replace Unconfined with RuntimeDefault (syscalls the workload needed Unconfined for will be blocked)', safety: 'review' },
  },
  check(object, ctx) {
    const podSpec = object.podSpec;
    if (podSpec === undefined) return;
    const label = objectLabel(object);
    const annotations = get(object.podMetadata, 'annotations');
    const podField = readPath(podSpec, PROFILE_PATH, readProfile);
    const podAnnotation = annotationSetting(annotations, POD_ANNOTATION);
    const editable = podSpecEditable(object);

    if (podField.state === 'set' && podField.value === 'Unconfined') {
      const profile = editable ? editableProfile(podSpec) : undefined;
      ctx.report({
        messageId: 'podUnconfined',
        at: podField.span,
        data: { object: label, setting: settingText(podField, undefined) },
        ...(profile !== undefined ? { fix: { fixId: 'replaceUnconfined' as const, edits: [setMapKey(object.uri, ctx.text, profile, 'type', 'RuntimeDefault')] } } : {}),
      });
    }
    if (podAnnotation.state === 'set' && podAnnotation.value === 'Unconfined') {
      ctx.report({ messageId: 'podUnconfined', at: podAnnotation.span, data: { object: label, setting: settingText(podAnnotation, POD_ANNOTATION) } });
    }

    const missing: string[] = [];
    let unknown: { span: Span; reason: string } | undefined;
    for (const container of distinctContainers(object)) {
      const own = readPath(container.node, PROFILE_PATH, readProfile);
      const annotationKey = CONTAINER_ANNOTATION + container.name;
      const ownAnnotation = annotationSetting(annotations, annotationKey);
      if (own.state === 'set' && own.value === 'Unconfined') {
        const profile = editable ? editableProfile(container.node) : undefined;
        ctx.report({
          messageId: 'containerUnconfined',
          at: own.span,
          data: { container: container.name, object: label, setting: settingText(own, undefined) },
          ...(profile !== undefined ? { fix: { fixId: 'replaceUnconfined' as const, edits: [setMapKey(object.uri, ctx.text, profile, 'type', 'RuntimeDefault')] } } : {}),
        });
      }
      if (ownAnnotation.state === 'set' && ownAnnotation.value === 'Unconfined') {
        ctx.report({ messageId: 'containerUnconfined', at: ownAnnotation.span, data: { container: container.name, object: label, setting: settingText(ownAnnotation, annotationKey) } });
      }
      const effective = [own, ownAnnotation, podField, podAnnotation].find((s) => s.state !== 'absent') ?? { state: 'absent' as const };
      if (effective.state === 'absent') missing.push(`"${container.name}"`);
      else if (effective.state === 'unknown') unknown ??= { span: effective.span, reason: `container "${container.name}": ${effective.reason}` };
    }

    if (missing.length > 0) {
      const sc = entry(podSpec, 'securityContext');
      const fixable = editable && mapPathEditable(podSpec, ['securityContext', 'seccompProfile']);
      ctx.report({
        messageId: 'missing',
        at: sc !== undefined ? sc.keySpan : object.headerSpan,
        data: { object: label, containers: missing.length === 1 ? `container ${missing[0]!} runs` : `containers ${listOf(missing)} run` },
        ...(fixable ? { fix: { fixId: 'runtimeDefault' as const, edits: [setMapKey(object.uri, ctx.text, podSpec, 'securityContext', { seccompProfile: { type: 'RuntimeDefault' } })] } } : {}),
      });
    }
    if (unknown !== undefined) ctx.cannotDetermine(unknown.span, unknown.reason);
  },
});

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}
