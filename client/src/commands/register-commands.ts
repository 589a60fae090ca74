import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ComplianceStore } from '../compliance/compliance-store';
import type { ControlsView } from '../views/controls-view';
import { SummaryPanel } from '../webviews/summary';
import { copyEvidence, ruleIdOf } from './evidence-actions';
import { explainControl, type ControlExplanations } from './explain-control';
import { exportEvidence } from './export-evidence';
import { CommandId } from './ids';
import { scanWorkspace } from './scan-workspace';
import { suppressWithJustification } from './suppress';
import { openRuleDoc, showRules } from './show-rules';

/** What the commands act on; built once by extension.ts. */
export interface CommandTargets {
  readonly extensionUri: vscode.Uri;
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
  readonly store: ComplianceStore;
  readonly controls: ControlsView;
  readonly explanations: ControlExplanations;
}

/** Every command of the extension is registered here, once. */
export function registerCommands(t: CommandTargets): vscode.Disposable {
  const register = (id: string, run: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, run);
  return vscode.Disposable.from(
    register(CommandId.restartServer, () => t.client.restart()),
    register(CommandId.showOutput, () => t.output.show()),
    register(CommandId.showSummary, () =>
      SummaryPanel.show(t.extensionUri, t.store, {
        explainControl: (id) => vscode.commands.executeCommand(CommandId.explainControl, id),
        openRuleDoc: (id) => vscode.commands.executeCommand(CommandId.openRuleDoc, id),
      }, t.output),
    ),
    register(CommandId.exportEvidence, () => exportEvidence(t.client, t.output)),
    register(CommandId.scanWorkspace, () => scanWorkspace(t.client)),
    register(CommandId.explainControl, (arg) => explainControl(t.store, t.explanations, arg)),
    register(CommandId.showRules, () => showRules(t.store)),
    register(CommandId.showControls, () => t.controls.show(vscode.window.activeTextEditor?.document.uri.toString())),
    register(CommandId.toggleGrouping, () => t.controls.toggleGrouping()),
    register(CommandId.openRuleDoc, (arg) => openRuleDoc(t.store, ruleIdOf(t.store, arg))),
    register(CommandId.copyEvidence, (arg) => copyEvidence(t.store, arg)),
    register(CommandId.suppress, (arg) => suppressWithJustification(arg)),
  );
}
