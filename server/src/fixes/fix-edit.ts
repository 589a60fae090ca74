import type { Span } from '../model/span';

/** A text replacement a fix proposes; computed by rules, applied only by the user's action. */
export interface FixEdit {
  readonly uri: string;
  readonly span: Span;
  /** The text applied when the client cannot prompt (no snippet support, fix-all, CLI, tests). */
  readonly newText: string;
  /**
   * The same replacement as an LSP snippet (`${1:var.kms_key_arn}`), present when the edit holds a
   * value only the user can choose (see user-values.ts). Its placeholders default to `newText`'s values.
   */
  readonly snippet?: string;
}
