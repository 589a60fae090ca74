import { allRules } from '../rules';
import type { KubernetesRule, Rule, TerraformRule } from '../rules/types';

/** The enabled rules, indexed for dispatch by resource type and object kind. */
export class RuleSet {
  private readonly byResourceType = new Map<string, TerraformRule[]>();
  private readonly byKind = new Map<string, KubernetesRule[]>();
  readonly rules: readonly Rule[];

  constructor(rules: readonly Rule[] = allRules, disabled: ReadonlySet<string> = new Set()) {
    this.rules = rules.filter((r) => !disabled.has(r.id));
    for (const rule of this.rules) {
      if (rule.platform === 'terraform') {
        for (const type of rule.resourceTypes) push(this.byResourceType, type, rule);
      } else {
        for (const kind of rule.kinds) push(this.byKind, kind, rule);
      }
    }
  }

  forResourceType(type: string): readonly TerraformRule[] {
    return this.byResourceType.get(type) ?? [];
  }

  forKind(kind: string): readonly KubernetesRule[] {
    return this.byKind.get(kind) ?? [];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
