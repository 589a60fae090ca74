import type { ControlInfo, RuleInfo } from '../../../common/protocol';
import { describeCounts, STATUS_LABEL } from './outcomes';
import type { ComplianceSnapshot } from './snapshot';

/** Escapes text for Markdown (catalog and workspace text is shown as text, never as markup). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** The rules mapped to a control, enabled first, then by id. */
export function rulesOf(control: ControlInfo, rules: ReadonlyMap<string, RuleInfo>): RuleInfo[] {
  return control.ruleIds
    .map((id) => rules.get(id))
    .filter((r): r is RuleInfo => r !== undefined)
    .sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.id.localeCompare(b.id));
}

/**
 * "Explain Control": what the control asks, how far infrastructure code can evidence it, where the
 * workspace stands on it (files per status), and the rules that evidence it, linked to their pages
 * through `ruleHref` (the Markdown preview does not follow `file:` links: the caller serves the pages).
 */
export function controlExplanation(control: ControlInfo, snap: ComplianceSnapshot, displayPath: (uri: string) => string, ruleHref: (rule: RuleInfo) => string): string {
  const framework = snap.catalog.frameworks.find((f) => f.id === control.framework);
  const lines: string[] = [`# ${escapeMarkdown(control.label)} — ${escapeMarkdown(control.title)}`, ''];
  const facts = [framework?.name ?? control.framework, control.designation].filter((x): x is string => x !== undefined);
  lines.push(escapeMarkdown(facts.join(' · ')), '');
  if (control.intent !== undefined) lines.push(`> ${escapeMarkdown(control.intent)}`, '');
  if (control.iacEvidence !== undefined) lines.push(`How far infrastructure code can evidence it: **${escapeMarkdown(control.iacEvidence)}**.`, '');

  lines.push('## In this workspace', '');
  const status = snap.workspace.find((c) => c.controlId === control.id);
  if (framework?.enabled === false || status === undefined) {
    lines.push(`${escapeMarkdown(framework?.name ?? control.framework)} is not an enabled framework, so files are not traced against this control.`, '');
  } else if (status.status === 'not-evaluated') {
    lines.push('No file of the workspace is evaluated against this control.', '');
  } else {
    lines.push(`Status: **${STATUS_LABEL[status.status]}** — files: ${describeCounts(status.files)}.`, '', '| File | Status |', '|---|---|');
    for (const file of snap.files.values()) {
      const here = file.controls.find((c) => c.controlId === control.id);
      if (here !== undefined) lines.push(`| ${escapeMarkdown(displayPath(file.uri))} | ${STATUS_LABEL[here.status]} |`);
    }
    lines.push('');
  }

  lines.push('## Rules that evidence it', '');
  const rules = rulesOf(control, snap.rules);
  if (rules.length === 0) lines.push('No rule of this version evidences this control: it needs evidence outside infrastructure code.');
  else {
    lines.push('| Rule | Title | Severity |', '|---|---|---|');
    for (const r of rules) lines.push(`| [\`${r.id}\`](<${ruleHref(r)}>)${r.enabled ? '' : ' (turned off)'} | ${escapeMarkdown(r.title)} | ${r.severity} |`);
  }
  lines.push('');
  return lines.join('\n');
}
