/**
 * Where a document changed since its model was last extracted: `[start, end)` in the new text
 * covers every inserted character and every place something was deleted, and `delta` is the new
 * length minus the old. Everything before `start` kept its offsets; everything at or after `end`
 * moved by `delta`.
 */
export interface ChangedRegion {
  readonly start: number;
  readonly end: number;
  readonly delta: number;
}

/** Accumulates the edits of a burst of changes into one ChangedRegion (in the newest text's offsets). */
export class ChangedRegionTracker {
  private region: { start: number; end: number; delta: number } | undefined;

  /** One edit: `[start, oldEnd)` of the text before it was replaced by `newLength` characters. */
  edit(start: number, oldEnd: number, newLength: number): void {
    const newEnd = start + newLength;
    const shift = newEnd - oldEnd;
    const r = this.region;
    if (r === undefined) {
      this.region = { start, end: newEnd, delta: shift };
      return;
    }
    // Map the old region's end through this edit, then take the union with the edit's new range.
    const mappedEnd = r.end >= oldEnd ? r.end + shift : r.end > start ? newEnd : r.end;
    this.region = { start: Math.min(r.start, start), end: Math.max(mappedEnd, newEnd), delta: r.delta + shift };
  }

  /** Widens the region to a range of the newest text that changed structure (tree-sitter's changed ranges). */
  include(start: number, end: number): void {
    const r = this.region;
    if (r === undefined) return; // no edit: nothing to widen (a reparse without edits changes nothing)
    this.region = { start: Math.min(r.start, start), end: Math.max(r.end, end), delta: r.delta };
  }

  /** The region since the last take, and a fresh start. Undefined when nothing changed. */
  take(): ChangedRegion | undefined {
    const r = this.region;
    this.region = undefined;
    return r;
  }
}
