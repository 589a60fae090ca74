/** Command ids; contract-tested against package.json `contributes.commands`. */
export const CommandId = {
  restartServer: 'healthcareIac.server.restart',
  showOutput: 'healthcareIac.output.show',
  showSummary: 'healthcareIac.summary.show',
  exportEvidence: 'healthcareIac.evidence.export',
  scanWorkspace: 'healthcareIac.workspace.scan',
  explainControl: 'healthcareIac.control.explain',
  showRules: 'healthcareIac.rules.show',
  showControls: 'healthcareIac.controls.show',
  toggleGrouping: 'healthcareIac.controls.toggleGrouping',
  openRuleDoc: 'healthcareIac.rule.openDocumentation',
  copyEvidence: 'healthcareIac.evidence.copy',
  /** Run by the "Suppress … with justification…" quick fix (hidden from the palette). */
  suppress: 'healthcareIac.suppress',
} as const;
