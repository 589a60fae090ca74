import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { ExportEvidenceRequest, type ExportEvidenceResult } from '../../../common/protocol';
import { buildEvidenceReport, type ReportedRoot } from '../evidence/evidence-report';
import { renderEvidenceMarkdown } from '../evidence/markdown-report';
import { toSarif } from '../evidence/sarif';
import { ruleDocUri } from '../protocol/convert';
import { guardAsync } from '../protocol/guard';
import type { Session } from '../session';
import { productVersion } from '../version';
import { readGitState, type GitState } from '../workspace/git-metadata';
import { readText } from '../workspace/scanner';

/**
 * `healthcareIac/exportEvidence`: the workspace's compliance evidence as the three documents
 * `hciac evidence` writes (same model, same renderers), from the server's index — every file of the
 * workspace, open or not. Each workspace folder names its Git commit and whether the analysed files
 * equal it; a file with unsaved changes in the editor counts as changed.
 */
export function registerEvidenceExport(connection: Connection, session: Session): void {
  connection.onRequest(ExportEvidenceRequest, async (): Promise<ExportEvidenceResult | ResponseError> => {
    const result = await guardAsync(session.once, 'exportEvidence', () => exportEvidence(session), undefined);
    return result ?? new ResponseError(LSPErrorCodes.RequestFailed, 'the evidence export failed; see the Healthcare IaC output');
  });
}

async function exportEvidence(session: Session): Promise<ExportEvidenceResult> {
  const folders = session.workspaceFolders.map((f) => ({ uri: f.replace(/\/+$/, ''), fsPath: URI.parse(f).fsPath, name: path.basename(URI.parse(f).fsPath) }));
  const uris = [...session.index.uris()].filter((u) => u.startsWith('file:')).sort();
  const folderOf = (uri: string) => folders.find((f) => uri.startsWith(`${f.uri}/`));
  const displayPath = (uri: string): string => {
    const folder = folderOf(uri);
    if (folder === undefined) return URI.parse(uri).fsPath;
    const rel = path.relative(folder.fsPath, URI.parse(uri).fsPath).split(path.sep).join('/');
    return folders.length > 1 ? `${folder.name}/${rel}` : rel;
  };
  const roots: ReportedRoot[] = await Promise.all(
    folders.map(async (folder) => {
      const mine = uris.filter((u) => folderOf(u) === folder);
      const git = await readGitState(folder.fsPath, mine.map((u) => URI.parse(u).fsPath));
      return { name: folder.name, git: withUnsaved(git, await unsavedFiles(session, mine, folder.fsPath)) };
    }),
  );
  const report = buildEvidenceReport({
    source: session.index,
    uris,
    frameworks: session.config.frameworks(),
    displayPath,
    generatedAt: session.clock(),
    roots,
    toolVersion: productVersion,
  });
  return {
    documents: [
      { fileName: 'hciac-evidence.md', mediaType: 'text/markdown', content: renderEvidenceMarkdown(report) + '\n' },
      { fileName: 'hciac-evidence.json', mediaType: 'application/json', content: JSON.stringify(report, null, 2) + '\n' },
      { fileName: 'hciac-evidence.sarif', mediaType: 'application/sarif+json', content: JSON.stringify(toSarif(report, (id) => ruleDocUri(session.docsDir, id)), null, 2) + '\n' },
    ],
  };
}

/** Open documents whose editor text differs from the file on disk (the evidence describes the editor's text). */
async function unsavedFiles(session: Session, uris: readonly string[], root: string): Promise<string[]> {
  const unsaved: string[] = [];
  for (const uri of uris) {
    if (!session.documents.isOpen(uri)) continue;
    const fsPath = URI.parse(uri).fsPath;
    const disk = await readText(fsPath).catch(() => undefined);
    if (disk !== session.index.get(uri)?.text) unsaved.push(path.relative(root, fsPath).split(path.sep).join('/'));
  }
  return unsaved;
}

function withUnsaved(git: GitState, unsaved: readonly string[]): GitState {
  if (unsaved.length === 0 || git.commit === null) return git;
  return { ...git, dirty: true, changedFiles: [...new Set([...git.changedFiles, ...unsaved.map((f) => `${f} (unsaved in the editor)`)])].sort() };
}
