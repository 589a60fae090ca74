/**
 * The deepest nesting of Terraform expressions and blocks the model reads. Deeper input (only
 * generated or hostile files come near it) is refused as a whole with a note: a model cut off at
 * some depth could miss what a rule looks for and report it as absent.
 */
export const MAX_MODEL_NESTING = 256;

export class NestingTooDeep extends Error {
  constructor() {
    super(`nested deeper than ${MAX_MODEL_NESTING} levels`);
    this.name = 'NestingTooDeep';
  }
}
