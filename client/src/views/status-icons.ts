import * as vscode from 'vscode';
import type { ShownStatus } from '../compliance/outcomes';

/** One icon per status, coloured from the theme, so it reads the same in the panel and elsewhere. */
const ICONS: Readonly<Record<ShownStatus | 'not-touched', [codicon: string, color: string]>> = {
  violated: ['error', 'list.errorForeground'],
  suppressed: ['bell-slash', 'list.warningForeground'],
  unknown: ['question', 'list.warningForeground'],
  satisfied: ['pass', 'testing.iconPassed'],
  'not-evaluated': ['circle-outline', 'disabledForeground'],
  'not-touched': ['circle-outline', 'disabledForeground'],
};

export function statusIcon(status: ShownStatus | 'not-touched'): vscode.ThemeIcon {
  const [codicon, color] = ICONS[status];
  return new vscode.ThemeIcon(codicon, new vscode.ThemeColor(color));
}

/** The codicon of a status, for `$(…)` text in the status bar and quick picks. */
export function statusCodicon(status: ShownStatus): string {
  return ICONS[status][0];
}
