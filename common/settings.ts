/**
 * The `healthcareIac.*` settings: types, defaults and a tolerant parser. Shared by the client,
 * the server and the CLI; keys equal package.json `contributes.configuration` (contract-tested).
 */

export type EditorSeverity = 'error' | 'warning' | 'information' | 'hint';
export type RuleLevel = EditorSeverity | 'off';
export type CatalogSeverityName = 'critical' | 'high' | 'medium' | 'low';

/** Control frameworks of the catalog, HIPAA first (the order the panel and reports use). */
export const FRAMEWORK_IDS = ['hipaa', 'hitrust', 'soc2', 'nist-800-53', 'cis-kubernetes', 'nsa-cisa-kubernetes'] as const;
export type FrameworkName = (typeof FRAMEWORK_IDS)[number];

export interface Settings {
  /** Master switch. */
  readonly enable: boolean;
  /** Editor severity for each catalog severity. */
  readonly severity: Readonly<Record<CatalogSeverityName, EditorSeverity>>;
  /** Per-rule override: a severity, or 'off'. Keys are rule ids. */
  readonly rules: Readonly<Record<string, RuleLevel>>;
  /** Glob patterns (relative to the workspace folder) that are never analysed. */
  readonly exclude: readonly string[];
  /** Upper bound of files the background workspace scan reads. */
  readonly maxFiles: number;
  /** Files larger than this (bytes) get one information note instead of analysis. */
  readonly maxFileSize: number;
  /**
   * The control frameworks reported (controls panel, summaries, evidence) and checked: a rule runs
   * when it maps to at least one control of an enabled framework.
   */
  readonly frameworks: readonly FrameworkName[];
}

export const defaultSettings: Settings = {
  enable: true,
  severity: { critical: 'error', high: 'error', medium: 'warning', low: 'information' },
  rules: {},
  exclude: ['**/.terraform/**', '**/node_modules/**', '**/.git/**'],
  maxFiles: 5000,
  maxFileSize: 2 * 1024 * 1024,
  frameworks: ['hipaa', 'hitrust', 'soc2', 'nist-800-53'],
};

const LEVELS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Reads raw settings; never throws. Invalid values fall back to defaults and are listed in `problems`. */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const obj = isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) problems.push('healthcareIac settings must be an object; using defaults');

  const enable = typeof obj.enable === 'boolean' ? obj.enable : defaultSettings.enable;
  if (obj.enable !== undefined && typeof obj.enable !== 'boolean') problems.push('healthcareIac.enable must be true or false');

  const severity = { ...defaultSettings.severity };
  if (isRecord(obj.severity)) {
    for (const [key, value] of Object.entries(obj.severity)) {
      if (!(key in severity)) problems.push(`healthcareIac.severity.${key}: unknown catalog severity`);
      else if (typeof value !== 'string' || !LEVELS.includes(value) || value === 'off') problems.push(`healthcareIac.severity.${key}: expected error, warning, information or hint`);
      else severity[key as CatalogSeverityName] = value as EditorSeverity;
    }
  } else if (obj.severity !== undefined) problems.push('healthcareIac.severity must be an object');

  const rules: Record<string, RuleLevel> = {};
  if (isRecord(obj.rules)) {
    for (const [key, value] of Object.entries(obj.rules)) {
      if (typeof value === 'string' && LEVELS.includes(value)) rules[key] = value as RuleLevel;
      else problems.push(`healthcareIac.rules.${key}: expected off, error, warning, information or hint`);
    }
  } else if (obj.rules !== undefined) problems.push('healthcareIac.rules must be an object');

  const exclude = Array.isArray(obj.exclude) && obj.exclude.every((g) => typeof g === 'string') ? (obj.exclude as string[]) : defaultSettings.exclude;
  if (obj.exclude !== undefined && exclude === defaultSettings.exclude) problems.push('healthcareIac.exclude must be a list of glob patterns');

  const maxFiles = positiveInt(obj.maxFiles, defaultSettings.maxFiles, 'healthcareIac.maxFiles', problems);
  const maxFileSize = positiveInt(obj.maxFileSize, defaultSettings.maxFileSize, 'healthcareIac.maxFileSize', problems);

  const frameworks = parseFrameworks(obj.frameworks, problems);

  return { settings: { enable, severity, rules, exclude, maxFiles, maxFileSize, frameworks }, problems };
}

function parseFrameworks(value: unknown, problems: string[]): readonly FrameworkName[] {
  if (value === undefined) return defaultSettings.frameworks;
  if (!Array.isArray(value)) {
    problems.push('healthcareIac.frameworks must be a list of framework ids');
    return defaultSettings.frameworks;
  }
  const known: string[] = [...FRAMEWORK_IDS];
  for (const v of value) if (typeof v !== 'string' || !known.includes(v)) problems.push(`healthcareIac.frameworks: unknown framework ${JSON.stringify(v)} (${FRAMEWORK_IDS.join(', ')})`);
  // Catalog order, each once, so every consumer lists frameworks the same way.
  const chosen = FRAMEWORK_IDS.filter((id) => value.includes(id));
  if (chosen.length === 0) {
    problems.push('healthcareIac.frameworks names no known framework; using the default');
    return defaultSettings.frameworks;
  }
  return chosen;
}

function positiveInt(value: unknown, fallback: number, name: string, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  problems.push(`${name} must be a positive whole number`);
  return fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
