import type { K8sFile, K8sObject } from '../model/kubernetes/types';
import { get, scalarString, type YNode } from '../model/kubernetes/yaml';
import type { Span } from '../model/span';
import type { TfFile } from '../model/terraform/types';
import type { SuppressionOrigin } from './finding';

/**
 * Where a marker applies, before the file's layout is looked at:
 * - `adjacent`: the resource, attribute or entry on the next code line (or, from inside a resource, that resource);
 * - `resource`: the resource it is inside of or directly above (Checkov's semantics);
 * - `line`: the next code line only (`kics-scan ignore-line`);
 * - `file`: the whole file; the marker must come before any code;
 * - `object`: the Kubernetes object whose annotations hold it.
 */
export type MarkerPlacement = 'adjacent' | 'resource' | 'line' | 'file' | 'object';

/** A suppression marker as written, before it is resolved against the file and the policy. */
export interface Marker {
  readonly origin: SuppressionOrigin;
  readonly placement: MarkerPlacement;
  /** Rule ids (hciac) or peer check ids; empty for "every check of that tool" markers. */
  readonly ids: readonly string[];
  readonly reason: string | undefined;
  /** `YYYY-MM-DD` as written (validated later). */
  readonly expires: string | undefined;
  /** The marker text as written, for messages and exports. */
  readonly text: string;
  readonly span: Span;
  /** Why the marker cannot be honoured as written (syntax, unsupported form). */
  readonly unsupported?: string;
  /** The object an annotation is on. */
  readonly object?: K8sObject;
}

const HCIAC_SYNTAX = '# hciac:ignore <rule-id> reason="…" [expires=YYYY-MM-DD]';

/** Every marker in a file's comments and (Kubernetes) annotations, in source order. */
export function collectMarkers(model: TfFile | K8sFile): Marker[] {
  const markers: Marker[] = [];
  for (const comment of model.comments) markers.push(...markersInComment(comment.text, comment.span));
  if ('objects' in model) {
    for (const object of model.objects) {
      const seen = new Set<YNode>();
      for (const annotations of [get(get(object.root, 'metadata'), 'annotations'), get(object.podMetadata, 'annotations')]) {
        if (annotations?.kind !== 'map' || seen.has(annotations)) continue;
        seen.add(annotations);
        for (const e of annotations.entries) {
          const value = scalarString(e.value);
          markers.push(...markersInAnnotation(e.key, value ?? '', e.span, object));
        }
      }
    }
  }
  return markers.sort((a, b) => a.span.start - b.span.start);
}

/** The markers in one comment (`#`, `//` or `/* … *\/`); a comment may hold several tfsec/trivy markers. */
export function markersInComment(raw: string, span: Span): Marker[] {
  const text = raw.replace(/^\s*(#|\/\/|\/\*)/, '').replace(/\*\/\s*$/, '').trim();
  const at = (origin: SuppressionOrigin, placement: MarkerPlacement, fields: Partial<Marker> & Pick<Marker, 'ids' | 'text'>): Marker => ({
    origin,
    placement,
    reason: undefined,
    expires: undefined,
    span,
    ...fields,
  });

  const own = /^hciac:(ignore-file|ignore)(?![\w-])(.*)$/s.exec(text);
  if (own !== null) return [parseOwnComment(own[1] === 'ignore-file' ? 'file' : 'adjacent', own[2] ?? '', `hciac:${own[1]}`, span)];

  const out: Marker[] = [];
  for (const m of text.matchAll(/checkov:skip=([A-Za-z0-9_]+)(?::([^\n]*))?/g)) {
    out.push(at('checkov', 'resource', { ids: [m[1]!], reason: nonEmpty(m[2]), text: `checkov:skip=${m[1]}` }));
  }
  for (const m of text.matchAll(/\b(tfsec|trivy):ignore:([A-Za-z0-9_*.-]+)((?::exp:[0-9-]+|\[[^\]]*\])*)([^\n]*)/g)) {
    const origin = m[1] as 'tfsec' | 'trivy';
    const params = m[3] ?? '';
    const expires = /:exp:([0-9-]+)/.exec(params)?.[1];
    const rest = m[4] ?? '';
    const reason = nonEmpty(rest.replace(/\b(tfsec|trivy):ignore:\S*/g, '').replace(/^[\s:—–-]+/, ''));
    const scoped = /\[[^\]]*\]/.test(params);
    out.push(
      at(origin, 'adjacent', {
        ids: m[2] === '*' ? [] : [m[2]!],
        reason,
        expires,
        text: `${origin}:ignore:${m[2]}${params}`,
        ...(scoped ? { unsupported: `${origin} ignores scoped to a workspace or parameters ([…]) cannot be evaluated statically and are not honoured` } : {}),
      }),
    );
  }
  const kics = /kics-scan\s+(ignore-line|ignore-block|ignore|disable=([\w,-]+)|enable=([\w,-]+))(.*)$/s.exec(text);
  if (kics !== null) {
    const reason = nonEmpty((kics[4] ?? '').replace(/^[\s:—–-]+/, ''));
    const what = kics[1]!;
    const base = { reason, text: `kics-scan ${what}` };
    if (what === 'ignore-line') out.push(at('kics', 'line', { ...base, ids: [] }));
    else if (what === 'ignore-block') out.push(at('kics', 'adjacent', { ...base, ids: [] }));
    else if (what === 'ignore') out.push(at('kics', 'file', { ...base, ids: [] }));
    else if (kics[2] !== undefined) out.push(at('kics', 'file', { ...base, ids: kics[2].split(',').filter((s) => s !== '') }));
    else out.push(at('kics', 'file', { ...base, ids: [], unsupported: 'kics-scan enable= (run only the named queries) has no per-rule meaning here and is not honoured' }));
  }
  return out;
}

function parseOwnComment(placement: 'file' | 'adjacent', args: string, keyword: string, span: Span): Marker {
  const base = { origin: 'hciac' as const, placement, span, reason: undefined, expires: undefined };
  const m = /^\s+([A-Za-z0-9][\w.-]*)((?:\s+(?:reason="[^"]*"|expires=\S+))*)\s*$/s.exec(args);
  if (m === null) {
    const id = /^\s+([A-Za-z0-9][\w.-]*)/.exec(args)?.[1];
    return { ...base, ids: id === undefined ? [] : [id], text: `${keyword}${args}`.trim(), unsupported: `malformed suppression; expected ${placement === 'file' ? HCIAC_SYNTAX.replace('ignore', 'ignore-file') : HCIAC_SYNTAX}` };
  }
  const options = m[2] ?? '';
  return {
    ...base,
    ids: [m[1]!],
    reason: nonEmpty(/reason="([^"]*)"/.exec(options)?.[1]),
    expires: /expires=(\S+)/.exec(options)?.[1],
    text: `${keyword} ${m[1]}`,
  };
}

/** The markers one annotation stands for (`key: value` of metadata.annotations or the pod template's). */
export function markersInAnnotation(key: string, value: string, span: Span, object: K8sObject): Marker[] {
  const base = { placement: 'object' as const, span, object, expires: undefined };
  if (key === 'hciac.io/ignore') {
    return value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line): Marker => {
        const m = /^([A-Za-z0-9][\w.-]*)\s*:\s*(.*?)\s*(?:\bexpires=(\S+))?$/s.exec(line);
        if (m === null) return { ...base, origin: 'hciac', ids: [], reason: undefined, text: `hciac.io/ignore: ${line}`, unsupported: 'malformed annotation; expected hciac.io/ignore: "<rule-id>: <reason> [expires=YYYY-MM-DD]" (one rule per line)' };
        return { ...base, origin: 'hciac', ids: [m[1]!], reason: nonEmpty(m[2]), expires: m[3], text: `hciac.io/ignore: ${m[1]}` };
      });
  }
  if (/^checkov\.io\/skip\d*$/.test(key)) {
    const m = /^\s*([A-Za-z0-9_]+)\s*(?:=(.*))?$/s.exec(value);
    if (m === null) return [];
    return [{ ...base, origin: 'checkov', ids: [m[1]!], reason: nonEmpty(m[2]), text: `${key}: ${m[1]}` }];
  }
  const kubeLinter = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(key);
  if (kubeLinter !== null) return [{ ...base, origin: 'kube-linter', ids: [kubeLinter[1]!], reason: nonEmpty(value), text: key }];
  if (key === 'kube-linter.io/ignore-all') return [{ ...base, origin: 'kube-linter', ids: [], reason: nonEmpty(value), text: key }];
  if (key === 'kube-score/ignore') {
    const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return ids.length === 0 ? [] : [{ ...base, origin: 'kube-score', ids, reason: undefined, text: `${key}: ${ids.join(',')}` }];
  }
  if (key === 'kube-score/skip') return isTrue(value) ? [{ ...base, origin: 'kube-score', ids: [], reason: undefined, text: key }] : [];
  if (key === 'polaris.fairwinds.com/exempt') return isTrue(value) ? [{ ...base, origin: 'polaris', ids: [], reason: undefined, text: key }] : [];
  const polaris = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(key);
  if (polaris !== null) return isTrue(value) ? [{ ...base, origin: 'polaris', ids: [polaris[1]!], reason: undefined, text: key }] : [];
  return [];
}

function isTrue(value: string): boolean {
  return value.trim().toLowerCase() === 'true';
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t === undefined || t === '' ? undefined : t;
}
