import { URI } from 'vscode-uri';
import * as path from 'node:path';
import { buildEvidenceReport, type EvidenceReport } from '../server/src/evidence/evidence-report';
import { readGitState } from '../server/src/workspace/git-metadata';
import type { Project } from './project';

declare const HCIAC_VERSION: string | undefined;
export const toolVersion: string = typeof HCIAC_VERSION === 'string' ? HCIAC_VERSION : 'dev';

/**
 * The report of a scanned project. With `git`, each root names the commit it was scanned at and
 * whether the scanned files equal it (read from .git; no git process).
 */
export async function projectReport(project: Project, options: { readonly git: boolean; readonly now: Date }): Promise<EvidenceReport> {
  const files = project.scan.uris.map((uri) => URI.parse(uri).fsPath);
  const roots = await Promise.all(
    project.roots.map(async (root) => ({
      name: root.name,
      git: options.git ? await readGitState(root.dir, files.filter((f) => f === root.dir || f.startsWith(root.dir + path.sep))) : null,
    })),
  );
  const scanned = new Set(project.scan.uris.map(project.displayPath));
  return buildEvidenceReport({
    source: project.scan.files,
    uris: project.scan.uris,
    frameworks: project.config.frameworks(),
    displayPath: project.displayPath,
    generatedAt: options.now,
    roots,
    toolVersion,
    truncated: project.scan.truncated,
    // A repository file inside a scanned folder is a scanned file and carries its problems itself.
    extraProblems: project.configProblems.filter((p) => !scanned.has(p.file)),
  });
}
