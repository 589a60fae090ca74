import type { K8sFile } from '../model/kubernetes/types';
import type { YNode } from '../model/kubernetes/yaml';
import { LineIndex } from '../model/line-index';
import type { Span } from '../model/span';
import type { TfBlock, TfFile } from '../model/terraform/types';
import type { Suppression } from './finding';
import type { MarkerPlacement } from './suppression-markers';

/** Something a suppression can cover: a resource/object, or a node inside one (attribute, nested block, YAML entry or item). */
interface Anchor {
  readonly span: Span;
  readonly kind: 'resource' | 'node';
}

export type ResolvedTarget = { readonly scope: Suppression['scope']; readonly target: Span } | { readonly problem: string };

/**
 * Decides what a suppression marker covers from where it is written. The rules (docs/suppressions.md):
 * a comment on its own line covers the resource, attribute or entry that starts on the next code line
 * (other comment lines may sit in between, a blank line may not); a comment after code covers what
 * starts on its line; a comment inside a resource with nothing directly below it covers that resource.
 */
export class TargetResolver {
  private readonly lines: LineIndex;
  private readonly anchors: readonly Anchor[];
  private readonly firstCode: number;

  constructor(
    model: TfFile | K8sFile,
    private readonly text: string,
  ) {
    this.lines = new LineIndex(text);
    this.anchors = 'objects' in model ? kubernetesAnchors(model) : terraformAnchors(model);
    this.firstCode = this.anchors.reduce((min, a) => Math.min(min, a.span.start), text.length);
  }

  resolve(placement: MarkerPlacement, marker: Span, objectSpan?: Span): ResolvedTarget {
    switch (placement) {
      case 'object':
        return objectSpan === undefined ? { problem: 'the annotation is not on an object' } : { scope: 'resource', target: objectSpan };
      case 'file':
        if (marker.start > this.firstCode) return { problem: 'a file-level suppression must come before any code, at the top of the file' };
        return { scope: 'file', target: { start: 0, end: this.text.length } };
      case 'line': {
        const line = this.nextCodeLine(marker);
        if (line === undefined) return { problem: 'no code line follows it' };
        return { scope: 'line', target: { start: this.lines.lineStart(line), end: this.lineEnd(line) } };
      }
      case 'resource': {
        const enclosing = this.enclosingResource(marker);
        if (enclosing !== undefined) return { scope: 'resource', target: enclosing.span };
        const below = this.startingOn(this.nextCodeLine(marker));
        if (below?.kind === 'resource') return { scope: 'resource', target: below.span };
        return { problem: 'it is neither inside a resource nor directly above one' };
      }
      case 'adjacent': {
        const line = this.lines.positionAt(marker.start).line;
        const trailing = this.text.slice(this.lines.lineStart(line), marker.start).trim() !== '';
        const direct = this.startingOn(trailing ? line : this.nextCodeLine(marker));
        if (direct !== undefined) return { scope: direct.kind, target: direct.span };
        const enclosing = this.enclosingResource(marker);
        if (enclosing !== undefined) return { scope: 'resource', target: enclosing.span };
        return { problem: 'it is not on the line above a resource or attribute, nor inside a resource' };
      }
    }
  }

  /** The first line after the marker's that holds code; comment-only lines are skipped, a blank line stops the search. */
  private nextCodeLine(marker: Span): number | undefined {
    const from = this.lines.positionAt(marker.end).line + 1;
    for (let line = from; line < this.lines.lineCount; line++) {
      const content = this.text.slice(this.lines.lineStart(line), this.lineEnd(line)).trim();
      if (content === '') return undefined;
      if (/^(#|\/\/|\/\*)/.test(content)) continue;
      return line;
    }
    return undefined;
  }

  /** The outermost anchor that starts on a line. */
  private startingOn(line: number | undefined): Anchor | undefined {
    if (line === undefined) return undefined;
    let best: Anchor | undefined;
    for (const a of this.anchors) {
      if (this.lines.positionAt(a.span.start).line !== line) continue;
      if (best === undefined || a.span.start < best.span.start || (a.span.start === best.span.start && a.span.end > best.span.end)) best = a;
    }
    return best;
  }

  private enclosingResource(marker: Span): Anchor | undefined {
    return this.anchors.find((a) => a.kind === 'resource' && a.span.start <= marker.start && marker.end <= a.span.end);
  }

  private lineEnd(line: number): number {
    const next = line + 1 < this.lines.lineCount ? this.lines.lineStart(line + 1) : this.text.length;
    let end = next;
    while (end > this.lines.lineStart(line) && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return end;
  }
}

function terraformAnchors(file: TfFile): Anchor[] {
  const out: Anchor[] = [];
  const visit = (block: TfBlock, top: boolean): void => {
    out.push({ span: block.span, kind: top ? 'resource' : 'node' });
    for (const attribute of block.attributes.values()) out.push({ span: attribute.span, kind: 'node' });
    for (const child of block.blocks) visit(child, false);
  };
  for (const block of file.blocks) visit(block, true);
  for (const attribute of file.attributes.values()) out.push({ span: attribute.span, kind: 'node' });
  return out;
}

function kubernetesAnchors(file: K8sFile): Anchor[] {
  const out: Anchor[] = [];
  const visit = (node: YNode | undefined): void => {
    if (node === undefined) return;
    if (node.kind === 'map') {
      for (const e of node.entries) {
        out.push({ span: e.span, kind: 'node' });
        visit(e.value);
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) {
        out.push({ span: item.span, kind: 'node' });
        visit(item);
      }
    }
  };
  for (const object of file.objects) {
    out.push({ span: object.span, kind: 'resource' });
    visit(object.root);
  }
  return out;
}
