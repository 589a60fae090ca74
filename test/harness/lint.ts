import { RuleSet } from '../../server/src/engine/rule-set';
import type { FileAnalysis } from '../../server/src/engine/finding';
import { fileKindOf } from '../../server/src/parsing/file-kind';
import type { Rule } from '../../server/src/rules/types';
import { buildSource } from '../../server/src/workspace/source-file';
import { WorkspaceIndex } from '../../server/src/workspace/workspace-index';
import { grammars } from './assets';

export const TEST_ROOT = 'file:///workspace';

export interface LintResult extends FileAnalysis {
  readonly hasSyntaxErrors: boolean;
  /** The names (as given in `files`) of every file whose syntax tree has errors. */
  readonly filesWithSyntaxErrors: readonly string[];
}

/**
 * Builds a workspace from in-memory files (path → text, paths relative to the test root), runs the
 * given rules (default: all) through the real parser, model and engine, and returns the analysis
 * of `target`. Rule errors fail the test.
 */
export async function lintFiles(files: Readonly<Record<string, string>>, target: string, rules?: readonly Rule[]): Promise<LintResult> {
  const g = await grammars();
  const errors: unknown[] = [];
  const index = new WorkspaceIndex(new RuleSet(rules), (_id, e) => errors.push(e));
  const filesWithSyntaxErrors: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const kind = fileKindOf(name);
    if (kind === undefined) throw new Error(`not an IaC file name: ${name}`);
    const source = buildSource(`${TEST_ROOT}/${name}`, kind, text, undefined, g, { maxFileSize: 10 * 1024 * 1024 });
    if (source.model.kind !== 'none' && source.model.file.hasErrors) filesWithSyntaxErrors.push(name);
    index.upsert(source);
  }
  const analysis = index.analysis(`${TEST_ROOT}/${target}`);
  if (errors.length > 0) throw errors[0];
  return { ...analysis, hasSyntaxErrors: filesWithSyntaxErrors.includes(target), filesWithSyntaxErrors };
}
