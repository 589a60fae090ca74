import type { FileAnalysis } from '../engine/finding';
import { applySuppressions, isoDay } from '../engine/suppressions';
import type { Rule } from '../rules/types';
import type { AnalysisFinisher } from '../workspace/workspace-index';
import { ruleEnabled, type WorkspaceConfiguration } from './workspace-configuration';

/**
 * What a file's raw analysis becomes under its root's configuration, identically in the editor and
 * the CLI: findings and evaluations of rules that do not run for this root are dropped (the engine
 * runs the union over roots), suppressions are applied under the root's policy, and a repository
 * file carries its own configuration problems.
 */
export function configuredFinisher(config: WorkspaceConfiguration, rules: readonly Rule[], clock: () => Date): AnalysisFinisher {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return (raw, source) => {
    const settings = config.settingsFor(source.uri);
    const enabled = (id: string) => {
      const rule = byId.get(id);
      return rule !== undefined && ruleEnabled(settings, rule);
    };
    let analysis: FileAnalysis = {
      ...raw,
      findings: raw.findings.filter((f) => enabled(f.ruleId)),
      evaluations: raw.evaluations.filter((e) => enabled(e.ruleId)),
    };
    if (source.model.kind !== 'none') {
      analysis = applySuppressions(analysis, source.model.file, source.text, { policy: config.policyFor(source.uri), today: isoDay(clock()), rules, isRuleEnabled: enabled });
    }
    const configProblems = config.problemsFor(source.uri);
    return configProblems.length === 0 ? analysis : { ...analysis, problems: [...analysis.problems, ...configProblems] };
  };
}
