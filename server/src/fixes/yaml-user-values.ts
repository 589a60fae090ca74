import type { FixEdit } from './fix-edit';
import { finishMarkedEdits, markUserValue } from './user-values';

/**
 * A value only the user can choose, in a Kubernetes manifest: a namespace, a memory limit, a probe
 * port, an image digest, a TLS Secret. YAML has no variables, so a fix writes a placeholder that is
 * obviously not a decision: a name in angle brackets, `<memory-limit>` (or a text holding one,
 * `sha256:<digest>`). Where the client supports snippet edits the placeholder is a tab stop whose
 * default is that same text, so the user types the value over it; elsewhere it stays in the file.
 *
 * Such a placeholder is not a valid value of any field a fix writes it to (the API server rejects it
 * as a quantity, a namespace, a port name or a Secret name; the kubelet rejects it as an image
 * reference), so a manifest holding one cannot be applied by mistake. The rules read it as "not
 * decided yet" (`isYamlPlaceholder`): the finding goes away and the evaluation is "cannot determine",
 * as with a Terraform variable that has no value.
 */

/** A name in angle brackets, as fixes write it: `<memory-limit>`. */
const PLACEHOLDER = /<[a-z][a-z0-9-]*>/;

/** The text to write for a value only the user can choose: `placeholder` (holding a `<name>`), marked for `finishYamlUserValues`. */
export function yamlUserValue(placeholder: string): string {
  if (!PLACEHOLDER.test(placeholder)) throw new Error(`a YAML user value must hold a <name> placeholder: ${placeholder}`);
  return markUserValue(placeholder);
}

/**
 * Finishes the edits of a fix that writes YAML user values: the plain text keeps the placeholders,
 * the snippet makes each one a numbered tab stop (in the order they first appear; the same
 * placeholder has the same number, so VS Code edits all its occurrences at once).
 */
export function finishYamlUserValues(edits: readonly FixEdit[]): FixEdit[] {
  return finishMarkedEdits(edits);
}

/** True for a scalar text that holds a placeholder a user has not replaced yet (`<namespace>`, `app@sha256:<digest>`). */
export function isYamlPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}
