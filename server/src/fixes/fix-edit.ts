import type { Span } from '../model/span';

/** A text replacement a fix proposes; computed by rules, applied only by the user's action. */
export interface FixEdit {
  readonly uri: string;
  readonly span: Span;
  readonly newText: string;
}
