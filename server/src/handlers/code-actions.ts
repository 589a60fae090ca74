import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type SnippetTextEdit,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { FileAnalysis, Finding } from '../engine/finding';
import { fixAll, type Reanalysis } from '../fixes/fix-all';
import type { FixEdit } from '../fixes/fix-edit';
import type { LineIndex } from '../model/line-index';
import { lineIndexFor, toRange } from '../protocol/convert';
import { snippetEditsFor, type ClientEdit } from '../protocol/snippet-edits';
import { guard } from '../protocol/guard';
import type { Session } from '../session';
import type { SuppressArguments } from '../../../common/suppression-comment';
import { buildSource, type SourceFile } from '../workspace/source-file';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.hciac`;

/** What the client can take in a workspace edit. */
interface EditSupport {
  /** `TextDocumentEdit`s with the document version (else plain `changes`). */
  readonly documentChanges: boolean;
  /** LSP 3.18 `SnippetTextEdit`s: values only the user can choose become placeholders. */
  readonly snippets: boolean;
  /** `codeAction/resolve` for the edit: fix-all edits are computed only when the user picks the action. */
  readonly resolve: boolean;
}

/** What a fix-all action carries until it is resolved. */
interface FixAllData {
  readonly uri: string;
  readonly version: number | null;
  /** Only this rule's fixes ("Fix all <rule> problems"); all safe fixes when absent. */
  readonly ruleId?: string;
}

/** True when the client lets the server fill in a code action's edit on `codeAction/resolve`. */
export function clientResolvesEdits(client: ClientCapabilities): boolean {
  return client.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
}

/**
 * Code actions, computed from the current analysis of the document (no state kept between requests):
 * - a quick fix per finding under the cursor (`safe` fixes are preferred; `review` titles say the consequence);
 * - "Fix all <rule> problems in this file" next to a finding whose rule has two or more safe fixes in the file;
 * - `source.fixAll.hciac`, for "Fix all" and fix-on-save.
 * Both fix-alls apply `safe` fixes only, to a fixed point computed in memory (see fixes/fix-all.ts),
 * and answer one versioned edit of the document. `review` fixes are never part of a fix-all.
 */
export function registerCodeActions(connection: Connection, session: Session, client: ClientCapabilities = {}): void {
  const support: EditSupport = {
    documentChanges: client.workspace?.workspaceEdit?.documentChanges === true,
    snippets: client.workspace?.workspaceEdit?.snippetEditSupport === true,
    resolve: clientResolvesEdits(client),
  };
  connection.onCodeAction((params) => guard(session.once, 'codeAction', () => codeActions(session, params, support), []));
  connection.onCodeActionResolve((action) => guard(session.once, 'codeActionResolve', () => resolveFixAll(session, action, support), action));
}

function codeActions(session: Session, params: CodeActionParams, support: EditSupport): CodeAction[] {
  const uri = params.textDocument.uri;
  const source = session.index.get(uri);
  if (source === undefined) return [];
  const analysis = session.index.analysis(uri);
  const index = lineIndexFor(source, source.text);
  const only = params.context.only;
  const wants = (kind: string): boolean => only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const rulesOffered = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      const finding = analysis.findings.find((f) => matches(f, diagnostic, index));
      if (finding === undefined) continue;
      const suppress = suppressAction(source, finding, diagnostic, index);
      // A fix may edit another file of the module (a .tfvars assignment); it is offered only when every file it edits is known.
      const edit = finding.fix === undefined ? undefined : toWorkspaceEdit(session, finding.fix.edits, support);
      if (finding.fix === undefined || edit === undefined) {
        actions.push(suppress);
        continue;
      }
      actions.push({
        title: finding.fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: finding.fix.safety === 'safe',
        edit,
      });
      actions.push(suppress);
      const ruleId = finding.ruleId;
      if (rulesOffered.has(ruleId) || analysis.findings.filter((f) => f.ruleId === ruleId && isSafeHere(f, uri)).length < 2) continue;
      rulesOffered.add(ruleId);
      const action = fixAllAction(session, source, analysis, `Fix all ${ruleId} problems in this file`, CodeActionKind.QuickFix, ruleId, support);
      if (action !== undefined) actions.push({ ...action, diagnostics: [diagnostic] });
    }
  }
  if (wants(FIX_ALL_KIND) && analysis.findings.some((f) => isSafeHere(f, uri))) {
    const action = fixAllAction(session, source, analysis, 'Fix all safe Healthcare IaC Compliance findings', FIX_ALL_KIND, undefined, support);
    if (action !== undefined) actions.push(action);
  }
  return actions;
}

/** A fix-all action: with its edit computed now, or (when the client resolves edits) on `codeAction/resolve`. */
function fixAllAction(session: Session, source: SourceFile, analysis: FileAnalysis, title: string, kind: string, ruleId: string | undefined, support: EditSupport): CodeAction | undefined {
  if (support.resolve) {
    const data: FixAllData = { uri: source.uri, version: source.version ?? null, ...(ruleId !== undefined ? { ruleId } : {}) };
    return { title, kind, data };
  }
  const edit = fixAllEdit(session, source, analysis, (f) => ruleId === undefined || f.ruleId === ruleId, support);
  return edit === undefined ? undefined : { title, kind, edit };
}

/** Fills in the edit of a fix-all action, if the document is still the version the action was offered for. */
function resolveFixAll(session: Session, action: CodeAction, support: EditSupport): CodeAction {
  const data = action.data as Partial<FixAllData> | undefined;
  if (typeof data?.uri !== 'string') return action;
  const source = session.index.get(data.uri);
  if (source === undefined || (source.version ?? null) !== data.version) return action;
  const ruleId = data.ruleId;
  const edit = fixAllEdit(session, source, session.index.analysis(source.uri), (f) => ruleId === undefined || f.ruleId === ruleId, support);
  return edit === undefined ? action : { ...action, edit };
}

/** A safe fix whose edits all stay in the document (fix-all never edits other files). */
function isSafeHere(finding: Finding, uri: string): boolean {
  return finding.fix?.safety === 'safe' && finding.fix.edits.every((e) => e.uri === uri);
}

/** The safe fixes of `select`, applied to a fixed point in memory, as one edit of the document. */
function fixAllEdit(session: Session, source: SourceFile, analysis: FileAnalysis, select: (f: Finding) => boolean, support: EditSupport): WorkspaceEdit | undefined {
  if (source.model.kind === 'none') return undefined;
  const result = fixAll({
    text: source.text,
    initial: { findings: analysis.findings, hasSyntaxErrors: source.model.file.hasErrors },
    select: (f) => isSafeHere(f, source.uri) && select(f),
    reanalyze: (text) => reanalyze(session, source, text),
  });
  if (result.edits.length === 0) return undefined;
  return toWorkspaceEdit(session, result.edits.map((e) => ({ uri: source.uri, span: e.span, newText: e.newText })), support);
}

function reanalyze(session: Session, source: SourceFile, text: string): Reanalysis {
  const candidate = buildSource(source.uri, source.kind, text, source.version, session.grammars, session.settings);
  const hasSyntaxErrors = candidate.model.kind === 'none' || candidate.model.file.hasErrors;
  return { findings: session.index.analyzeInstead(candidate).findings, hasSyntaxErrors };
}

function matches(finding: Finding, diagnostic: Diagnostic, index: LineIndex): boolean {
  if (diagnostic.code !== finding.ruleId) return false;
  const r = toRange(index, finding.span);
  return r.start.line === diagnostic.range.start.line && r.start.character === diagnostic.range.start.character && r.end.line === diagnostic.range.end.line && r.end.character === diagnostic.range.end.character;
}

/**
 * The edits as a workspace edit, one entry per file they change (a fix may change another file of the
 * module, e.g. a `.tfvars` assignment): versioned `TextDocumentEdit`s where the client takes them (so an
 * edit computed for an older version is rejected; a file that is not open has version null), with
 * snippet edits where it supports them (laid out for VS Code's snippet whitespace adjustment, see
 * protocol/snippet-edits.ts). Undefined when a file to edit is not in the index (its text, and so the
 * edit's range, is unknown): a fix is sent whole or not at all.
 */
function toWorkspaceEdit(session: Session, edits: readonly FixEdit[], support: EditSupport): WorkspaceEdit | undefined {
  const fixEditsByUri = new Map<string, FixEdit[]>();
  for (const edit of edits) fixEditsByUri.set(edit.uri, [...(fixEditsByUri.get(edit.uri) ?? []), edit]);
  const byUri = new Map<string, (TextEdit | SnippetTextEdit)[]>();
  for (const [uri, fileEdits] of fixEditsByUri) {
    const source = session.index.get(uri);
    if (source === undefined) return undefined;
    const plain = fileEdits.map((e): ClientEdit => ({ span: e.span, newText: e.newText }));
    const sent = support.snippets && support.documentChanges ? (snippetEditsFor(source.text, fileEdits) ?? plain) : plain;
    const index = lineIndexFor(source, source.text);
    byUri.set(
      uri,
      sent.map((e): TextEdit | SnippetTextEdit => ('snippet' in e ? { range: toRange(index, e.span), snippet: { kind: 'snippet', value: e.snippet } } : { range: toRange(index, e.span), newText: e.newText })),
    );
  }
  if (!support.documentChanges) {
    return { changes: Object.fromEntries([...byUri].map(([uri, list]) => [uri, list as TextEdit[]])) };
  }
  const documentChanges: TextDocumentEdit[] = [...byUri].map(([uri, list]) => ({ textDocument: { uri, version: session.index.get(uri)?.version ?? null }, edits: list }));
  return { documentChanges };
}

/** The client command that asks for the reason (and expiry) and inserts the suppression comment. */
export const SUPPRESS_COMMAND = 'healthcareIac.suppress';

/**
 * "Suppress <rule> with justification…": a command, not an edit, because only the user can give the
 * reason. The comment goes on its own line directly above the resource or object, which is where
 * the suppression parser looks (docs/suppressions.md).
 */
function suppressAction(source: SourceFile, finding: Finding, diagnostic: Diagnostic, index: LineIndex): CodeAction {
  const line = index.positionAt(finding.extent.start).line;
  const lineStart = index.lineStart(line);
  const indent = /^[ \t]*/.exec(source.text.slice(lineStart, lineStart + 200))?.[0] ?? '';
  const args: SuppressArguments = { uri: source.uri, version: source.version ?? null, ruleId: finding.ruleId, line, indent };
  return {
    title: `Suppress ${finding.ruleId} with justification…`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: 'Suppress with justification…', command: SUPPRESS_COMMAND, arguments: [args] },
  };
}
