import type { K8sFile, K8sObject } from '../model/kubernetes/types';
import type { Span } from '../model/span';
import { evaluate } from '../model/terraform/evaluate';
import type { Located, TfModule } from '../model/terraform/module';
import { isResource, resourceName, resourceType, type TfBlock, type TfFile } from '../model/terraform/types';
import { controlLabel } from '../rules/catalog';
import type { KubernetesContext, Report, Rule, TerraformContext } from '../rules/types';
import type { Evaluation, Finding } from './finding';
import type { RuleSet } from './rule-set';

/** Called once per failing rule invocation; the engine goes on with the other rules. */
export type RuleErrorHandler = (ruleId: string, error: unknown) => void;

export interface AnalysisResult {
  readonly findings: Finding[];
  readonly evaluations: Evaluation[];
}

/**
 * Runs the rules for the resources of one Terraform file, with the whole module as context.
 * Blocks with syntax errors are skipped: a half-typed block must not produce false findings.
 */
export function analyzeTerraform(file: TfFile, module: TfModule, text: string, rules: RuleSet, onError: RuleErrorHandler): AnalysisResult {
  const result: AnalysisResult = { findings: [], evaluations: [] };
  if (file.kind !== 'terraform') return result;
  for (const block of file.blocks) {
    if (!isResource(block) || block.hasErrors) continue;
    const located: Located<TfBlock> = { uri: file.uri, node: block };
    const address = `${resourceType(block)}.${resourceName(block)}`;
    for (const rule of rules.forResourceType(resourceType(block))) {
      const ctx = new Collector(rule, file.uri, address, block.headerSpan, block.span, text, result);
      const tfCtx: TerraformContext<string, string> = Object.assign(ctx.context(), {
        file,
        module,
        evaluate: (expr: Parameters<typeof evaluate>[0]) => evaluate(expr, module),
      });
      run(rule, onError, ctx, () => rule.check(located, tfCtx));
    }
  }
  return result;
}

/** Runs the rules for the objects of one Kubernetes file. Documents with syntax errors are skipped. */
export function analyzeKubernetes(file: K8sFile, text: string, rules: RuleSet, workspaceObjects: () => readonly K8sObject[], onError: RuleErrorHandler): AnalysisResult {
  const result: AnalysisResult = { findings: [], evaluations: [] };
  for (const object of file.objects) {
    if (object.hasErrors) continue;
    const address = `${object.kind}/${object.name ?? '(unnamed)'}`;
    for (const rule of rules.forKind(object.kind)) {
      const ctx = new Collector(rule, file.uri, address, object.headerSpan, object.span, text, result);
      const k8sCtx: KubernetesContext<string, string> = Object.assign(ctx.context(), { file, workspaceObjects });
      run(rule, onError, ctx, () => rule.check(object, k8sCtx));
    }
  }
  return result;
}

function run(rule: Rule, onError: RuleErrorHandler, ctx: Collector, check: () => void): void {
  try {
    check();
    ctx.finish();
  } catch (error) {
    onError(rule.id, error);
  }
}

/** Collects one rule's reports on one resource and turns them into findings and an evaluation. */
class Collector {
  private readonly findings: Finding[] = [];
  private unknown: { span: Span; reason: string } | undefined;

  constructor(
    private readonly rule: Rule,
    private readonly uri: string,
    private readonly resource: string,
    private readonly resourceSpan: Span,
    private readonly extent: Span,
    private readonly text: string,
    private readonly out: AnalysisResult,
  ) {}

  context(): { text: string; report: (r: Report<string, string>) => void; cannotDetermine: (at: Span, reason: string) => void } {
    return {
      text: this.text,
      report: (r) => this.findings.push(this.toFinding(r)),
      cannotDetermine: (at, reason) => {
        this.unknown ??= { span: at, reason };
      },
    };
  }

  finish(): void {
    this.out.findings.push(...this.findings);
    const base = { ruleId: this.rule.id, uri: this.uri, resource: this.resource };
    if (this.findings.length > 0) {
      for (const f of this.findings) this.out.evaluations.push({ ...base, span: f.span, outcome: 'violated' });
    } else if (this.unknown !== undefined) {
      this.out.evaluations.push({ ...base, span: this.unknown.span, outcome: 'unknown', reason: this.unknown.reason });
    } else {
      this.out.evaluations.push({ ...base, span: this.resourceSpan, outcome: 'satisfied' });
    }
  }

  private toFinding(report: Report<string, string>): Finding {
    const rule = this.rule;
    const template = (rule.messages as Record<string, string>)[report.messageId] ?? report.messageId;
    const text = template.replace(/\{(\w+)\}/g, (m, key: string) => report.data?.[key] ?? m);
    const hipaa = rule.meta.controls.filter((c) => c.framework === 'hipaa').map((c) => controlLabel(c.id));
    const message = hipaa.length > 0 ? `${text} (${hipaa.join(', ')})` : text;
    const fixMeta = report.fix ? (rule.fixes as Record<string, { title: string; safety: 'safe' | 'review' }>)[report.fix.fixId] : undefined;
    return {
      ruleId: rule.id,
      messageId: report.messageId,
      message,
      severity: report.severity ?? rule.meta.severity,
      uri: this.uri,
      span: report.at,
      related: report.related ?? [],
      controls: rule.meta.controls.map((c) => c.id),
      resource: this.resource,
      extent: this.extent,
      ...(report.fix && fixMeta ? { fix: { ...fixMeta, fixId: report.fix.fixId, edits: report.fix.edits } } : {}),
    };
  }
}
