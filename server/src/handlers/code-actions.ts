import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding } from '../engine/finding';
import type { FixEdit } from '../fixes/fix-edit';
import { lineIndexFor, toRange } from '../protocol/convert';
import { guard } from '../protocol/guard';
import type { Session } from '../session';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.hciac`;

/**
 * Quick fixes computed from the current analysis of the document (no state kept between requests).
 * A fix is offered for the finding under the cursor; `source.fixAll.hciac` applies only safe fixes.
 */
export function registerCodeActions(connection: Connection, session: Session): void {
  connection.onCodeAction((params) =>
    guard(session.once, 'codeAction', () => {
      const uri = params.textDocument.uri;
      const source = session.index.get(uri);
      if (source === undefined) return [];
      const analysis = session.index.analysis(uri);
      const index = lineIndexFor(source, source.text);
      const only = params.context.only;
      const wants = (kind: string) => only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`));
      const actions: CodeAction[] = [];

      if (wants(CodeActionKind.QuickFix)) {
        for (const diagnostic of params.context.diagnostics) {
          const finding = analysis.findings.find((f) => matches(f, diagnostic, index));
          if (finding?.fix === undefined) continue;
          actions.push({
            title: finding.fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: finding.fix.safety === 'safe',
            edit: toWorkspaceEdit(session, finding.fix.edits),
          });
        }
      }
      if (wants(FIX_ALL_KIND)) {
        const safe = analysis.findings.filter((f) => f.fix?.safety === 'safe' && f.fix.edits.every((e) => e.uri === uri));
        const edits = nonOverlapping(safe.flatMap((f) => f.fix!.edits));
        if (edits.length > 0) actions.push({ title: 'Fix all safe Healthcare IaC Compliance findings', kind: FIX_ALL_KIND, edit: toWorkspaceEdit(session, edits) });
      }
      return actions;
    }, []),
  );
}

function matches(finding: Finding, diagnostic: Diagnostic, index: ReturnType<typeof lineIndexFor>): boolean {
  if (diagnostic.code !== finding.ruleId) return false;
  const r = toRange(index, finding.span);
  return r.start.line === diagnostic.range.start.line && r.start.character === diagnostic.range.start.character && r.end.line === diagnostic.range.end.line && r.end.character === diagnostic.range.end.character;
}

function nonOverlapping(edits: readonly FixEdit[]): FixEdit[] {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  const out: FixEdit[] = [];
  let end = -1;
  for (const e of sorted) {
    if (e.span.start < end || (e.span.start === end && out.length > 0 && out[out.length - 1]!.span.start === e.span.start)) continue;
    out.push(e);
    end = e.span.end;
  }
  return out;
}

function toWorkspaceEdit(session: Session, edits: readonly FixEdit[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) {
    const source = session.index.get(edit.uri);
    if (source === undefined) continue;
    const index = lineIndexFor(source, source.text);
    (changes[edit.uri] ??= []).push({ range: toRange(index, edit.span), newText: edit.newText });
  }
  const documentChanges = Object.entries(changes).map(([uri, textEdits]) => ({
    textDocument: { uri, version: session.index.get(uri)?.version ?? null },
    edits: textEdits,
  }));
  return { documentChanges };
}
