import type { K8sFile, K8sObject } from '../model/kubernetes/types';
import type { Span } from '../model/span';
import { evaluateCached } from '../model/terraform/evaluate';
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
 * Rules are dispatched on the targets of `terraformTargets` (resources, data sources, …).
 */
export function analyzeTerraform(file: TfFile, module: TfModule, text: string, rules: RuleSet, onError: RuleErrorHandler): AnalysisResult {
  const result: AnalysisResult = { findings: [], evaluations: [] };
  for (const { key, address, block } of terraformTargets(file, text.length)) {
    const located: Located<TfBlock> = { uri: file.uri, node: block };
    for (const rule of rules.forResourceType(key)) {
      const ctx = new Collector(rule, file.uri, address, block.headerSpan, block.span, text, result);
      const tfCtx: TerraformContext<string, string> = Object.assign(ctx.context(), {
        file,
        module,
        evaluate: (expr: Parameters<typeof evaluateCached>[0]) => evaluateCached(expr, module),
      });
      run(rule, onError, ctx, () => rule.check(located, tfCtx));
    }
  }
  return result;
}

/** One thing a Terraform rule can be dispatched on: `key` is matched against `TerraformRule.resourceTypes`. */
export interface TerraformTarget {
  readonly key: string;
  /** Shown as the finding's resource: `aws_s3_bucket.phi`, `data.x.y`, `provider.aws`, `terraform.backend.s3`, `main.tf`. */
  readonly address: string;
  readonly block: TfBlock;
}

/**
 * The dispatch targets of one file, in source order: `resource "<type>" "<name>"` blocks (key
 * `<type>`), data sources (key `data.<type>`, the catalog's notation, e.g. data.aws_iam_policy_document),
 * `provider "<name>"` blocks (key `provider.<name>`) and the `backend "<type>"` block of `terraform {}`
 * (key `backend.<type>`), each skipped when it has syntax errors; then the whole file (key `*.tf` or
 * `*.tfvars`) as a synthetic block holding the file's top-level blocks and attributes. A rule
 * dispatched on a whole file must skip the parts that have syntax errors itself.
 */
export function terraformTargets(file: TfFile, textLength: number): TerraformTarget[] {
  const targets: TerraformTarget[] = [];
  if (file.kind === 'terraform') {
    for (const block of file.blocks) {
      if (block.hasErrors) continue;
      if (isResource(block)) {
        targets.push({ key: resourceType(block), address: `${resourceType(block)}.${resourceName(block)}`, block });
      } else if (block.type === 'data' && block.labels.length >= 2) {
        const type = `data.${resourceType(block)}`;
        targets.push({ key: type, address: `${type}.${resourceName(block)}`, block });
      } else if (block.type === 'provider' && block.labels[0] !== undefined) {
        const alias = block.attributes.get('alias')?.expr;
        const suffix = alias?.kind === 'literal' && typeof alias.value === 'string' ? `.${alias.value}` : '';
        targets.push({ key: `provider.${block.labels[0]}`, address: `provider.${block.labels[0]}${suffix}`, block });
      } else if (block.type === 'terraform') {
        for (const backend of block.blocks) {
          if (backend.type !== 'backend' || backend.labels[0] === undefined) continue;
          targets.push({ key: `backend.${backend.labels[0]}`, address: `terraform.backend.${backend.labels[0]}`, block: backend });
        }
      }
    }
  }
  const name = file.uri.slice(file.uri.lastIndexOf('/') + 1);
  const whole: TfBlock = {
    type: file.kind === 'terraform' ? '*.tf' : '*.tfvars',
    labels: [name],
    span: { start: 0, end: textLength },
    headerSpan: { start: 0, end: 0 },
    attributes: file.attributes,
    blocks: file.blocks,
    bodyStart: 0,
    closeBrace: textLength,
    hasErrors: file.hasErrors,
  };
  targets.push({ key: whole.type, address: name, block: whole });
  return targets;
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
