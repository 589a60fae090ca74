/**
 * k8s-image-pinned-no-latest: every container (containers, initContainers, ephemeralContainers) names
 * its image with an explicit tag other than `latest`, preferably with a sha256 digest.
 * - fail (catalog `fail_if_any`): no tag and no digest (`nginx`, `registry:5000/app`: the runtime pulls
 *   `latest`), or the tag `latest` without a digest;
 * - warn (catalog `warn_if`, reported one step lower, at low): a tag without an `@sha256:<64 hex>`
 *   digest, because a tag can be moved to other code.
 * The reference is parsed as container runtimes read it rather than with the catalog's regex: the tag
 * is the part after the last `:` that follows the last `/` (so a registry port is not a tag), and a
 * digest pins the image whatever the tag says (`app:latest@sha256:…` passes).
 *
 * An image that is not a literal reference (`$IMAGE`, `${TAG}`, `<image>`, a value with spaces, an
 * empty string) cannot be decided: evaluation unknown. A container without `image` is skipped (the
 * API server rejects it, or a later kustomize/Helm step supplies it).
 *
 * The finding is shown at the container's `image: x` entry. A digest that is the placeholder a fix
 * wrote (`app:1.2@sha256:<digest>`) is not decided yet: evaluation unknown.
 *
 * Fix (catalog autofix.safe: false → review): resolving a digest needs the registry, and freezing
 * whatever the tag points to today is a release decision, so no digest is looked up or invented. The
 * fix appends `@sha256:<digest>` to the reference as written (the tag stays readable; a digest pins the
 * image whatever the tag says), a placeholder only the user can fill in (a snippet tab stop where the
 * editor supports it, see fixes/yaml-user-values.ts). Not offered for a reference that already has a
 * digest, nor for an image written as a block scalar, over several lines or through an alias.
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { finishYamlUserValues, isYamlPlaceholder, yamlUserValue } from '../../fixes/yaml-user-values';
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import { entry, scalarString, type YEntry } from '../../model/kubernetes/yaml';
import { containsSpan } from '../../model/span';
import { defineKubernetesRule } from '../define-rule';
import { distinctContainers, objectLabel, tightEntrySpan } from './containers';

export interface ImageReference {
  readonly name: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/** Splits `registry:5000/team/app:1.2@sha256:…` into name, tag and digest; undefined for a placeholder or an empty value. */
export function parseImage(image: string): ImageReference | undefined {
  if (image === '' || /[\s${}<>]/.test(image)) return undefined;
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  const tag = colon > slash ? rest.slice(colon + 1) : undefined;
  const name = colon > slash ? rest.slice(0, colon) : rest;
  if (name === '' || tag === '' || digest === '') return undefined;
  return { name, tag, digest };
}

const PINNED_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Appends `@sha256:<digest>` to an image written on one line, plain or quoted, in its entry; undefined otherwise. */
function appendDigest(uri: string, text: string, image: YEntry): FixEdit[] | undefined {
  const value = image.value;
  if (value === undefined || !containsSpan(image.span, value.span)) return undefined;
  const written = text.slice(value.span.start, value.span.end);
  if (/[\r\n]/.test(written) || /^[|>]/.test(written)) return undefined;
  const quote = written[0] === '"' || written[0] === "'" ? written[0] : undefined;
  if (quote !== undefined && (written.length < 2 || !written.endsWith(quote))) return undefined;
  const at = quote === undefined ? value.span.end : value.span.end - 1;
  return finishYamlUserValues([{ uri, span: { start: at, end: at }, newText: `@${yamlUserValue('sha256:<digest>')}` }]);
}

export default defineKubernetesRule({
  id: 'k8s-image-pinned-no-latest',
  kinds: WORKLOAD_KINDS,
  messages: {
    untagged: 'Container "{container}" of {object} uses image {image} without a tag or digest, so it runs whatever "latest" points to when the node pulls it.',
    latest: 'Container "{container}" of {object} uses image {image} with the mutable "latest" tag, so unreviewed code can reach the workload on the next pull.',
    noDigest: 'Container "{container}" of {object} uses image {image} by tag only; a tag can be moved to other code, a sha256 digest cannot.',
  },
  fixes: {
    pinDigest: { title: 'Pin the image to a digest (review: choose the digest; the container then runs exactly that build until you change it)', safety: 'review' },
  },
  check(object, ctx) {
    for (const container of distinctContainers(object)) {
      const e = entry(container.node, 'image');
      if (e === undefined) continue;
      const image = e.value?.kind === 'scalar' ? scalarString(e.value) : undefined;
      const at = tightEntrySpan(e);
      const ref = image === undefined ? undefined : parseImage(image);
      if (image === undefined || ref === undefined) {
        const reason = image !== undefined && isYamlPlaceholder(image) ? 'image holds a placeholder to fill in' : 'image is not a literal image reference';
        ctx.cannotDetermine(at, `container "${container.name}": ${reason}`);
        continue;
      }
      const data = { container: container.name, object: objectLabel(object), image };
      const pinned = ref.digest !== undefined && PINNED_DIGEST.test(ref.digest);
      if (pinned) continue;
      const edits = ref.digest === undefined ? appendDigest(object.uri, ctx.text, e) : undefined;
      const fix = edits !== undefined ? { fix: { fixId: 'pinDigest' as const, edits } } : {};
      if (ref.tag === undefined && ref.digest === undefined) ctx.report({ messageId: 'untagged', at, data, ...fix });
      else if (ref.tag === 'latest') ctx.report({ messageId: 'latest', at, data, ...fix });
      else ctx.report({ messageId: 'noDigest', at, data, severity: 'low', ...fix });
    }
  },
});
