import { FRAMEWORK_IDS, type CatalogSeverityName, type EditorSeverity, type RuleLevel, type Settings } from '../../../common/settings';
import type { AnalysisProblem } from '../engine/finding';
import type { ConfigFile } from './config-file';

const STRENGTH: Readonly<Record<RuleLevel, number>> = { off: 0, hint: 1, information: 2, warning: 3, error: 4 };

/**
 * The settings that apply under a repository file: the file's values win over the editor's (so the
 * editor shows what CI enforces); `rules` and `severity` merge per key, `exclude` lists add up.
 *
 * In an untrusted workspace (VS Code Restricted Mode) the file comes from an author the user has
 * not vouched for, so it may only make analysis stricter: raise severities, add frameworks, lower
 * the file limits, tighten the suppression policy. Whatever would weaken analysis — `enable: false`,
 * a rule turned off or lowered, `exclude`, higher limits, dropping frameworks — is ignored with an
 * information problem on the key.
 */
export function applyConfigFile(editor: Settings, file: ConfigFile, trusted: boolean, catalogSeverity: (ruleId: string) => CatalogSeverityName | undefined): { settings: Settings; problems: AnalysisProblem[] } {
  const f = file.settings;
  if (trusted) {
    return {
      settings: {
        enable: f.enable ?? editor.enable,
        severity: { ...editor.severity, ...f.severity },
        rules: { ...editor.rules, ...f.rules },
        exclude: f.exclude === undefined ? editor.exclude : [...new Set([...editor.exclude, ...f.exclude])],
        maxFiles: f.maxFiles ?? editor.maxFiles,
        maxFileSize: f.maxFileSize ?? editor.maxFileSize,
        frameworks: f.frameworks ?? editor.frameworks,
      },
      problems: [],
    };
  }

  const problems: AnalysisProblem[] = [];
  const ignored = (pointer: string, what: string) =>
    problems.push({
      code: 'hciac-config',
      severity: 'information',
      message: `Ignored in Restricted Mode: ${what} would weaken analysis. Trust this workspace to apply it.`,
      span: file.keySpans.get(pointer) ?? { start: 0, end: 0 },
    });

  let enable = editor.enable;
  if (f.enable === false && editor.enable) ignored('/enable', '`enable: false`');
  else if (f.enable === true) enable = true;

  const severity: Record<CatalogSeverityName, EditorSeverity> = { ...editor.severity };
  for (const [key, level] of Object.entries(f.severity ?? {}) as [CatalogSeverityName, EditorSeverity][]) {
    if (STRENGTH[level] >= STRENGTH[severity[key]]) severity[key] = level;
    else ignored(`/severity/${key}`, `lowering ${key} to ${level}`);
  }

  const rules: Record<string, RuleLevel> = { ...editor.rules };
  for (const [id, level] of Object.entries(f.rules ?? {})) {
    const catalog = catalogSeverity(id);
    const current: RuleLevel = rules[id] ?? (catalog === undefined ? 'off' : severity[catalog]);
    if (STRENGTH[level] >= STRENGTH[current]) rules[id] = level;
    else ignored(`/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`, level === 'off' ? `turning ${id} off` : `lowering ${id} to ${level}`);
  }

  if (f.exclude !== undefined && f.exclude.some((g) => !editor.exclude.includes(g))) ignored('/exclude', '`exclude`');

  const maxFiles = lower(f.maxFiles, editor.maxFiles, () => ignored('/maxFiles', 'raising maxFiles'));
  const maxFileSize = lower(f.maxFileSize, editor.maxFileSize, () => ignored('/maxFileSize', 'raising maxFileSize'));

  let frameworks = editor.frameworks;
  if (f.frameworks !== undefined) {
    if (editor.frameworks.some((id) => !f.frameworks!.includes(id))) ignored('/frameworks', 'dropping frameworks');
    frameworks = FRAMEWORK_IDS.filter((id) => editor.frameworks.includes(id) || f.frameworks!.includes(id));
  }

  return { settings: { enable, severity, rules, exclude: editor.exclude, maxFiles, maxFileSize, frameworks }, problems };
}

function lower(value: number | undefined, current: number, onIgnored: () => void): number {
  if (value === undefined) return current;
  if (value <= current) return value;
  onIgnored();
  return current;
}
