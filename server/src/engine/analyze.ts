import type { K8sFile, K8sObject } from '../model/kubernetes/types';
import type { Span } from '../model/span';
import { evaluateCached } from '../model/terraform/evaluate';
import { expandInstances, type ResourceInstance } from '../model/terraform/instances';
import type { Located, TfModule } from '../model/terraform/module';
import { isResource, resourceName, resourceType, type TfBlock, type TfExpr, type TfFile } from '../model/terraform/types';
import { controlLabel } from '../rules/catalog';
import { fixMetaOf } from '../rules/fix-meta';
import type { KubernetesContext, Report, Rule, TerraformContext } from '../rules/types';
import type { Evaluation, Finding } from './finding';
import { originalBlock } from '../model/terraform/incremental';
import { recordingLookups, recordLookup } from '../model/terraform/lookups';
import type { ReusableResults, StoredResults } from './result-reuse';
import type { Fact } from '../model/facts';
import { appendSentence, instancesSentence, mergeInstanceRuns, type InstanceRun } from './instance-merge';
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
 *
 * A resource or data source with a known `count`/`for_each` whose block reads `count.index` or
 * `each.*` is judged once per instance (see model/terraform/instances.ts) and the findings are
 * merged into one per block and rule; `count = 0` or an empty `for_each` creates nothing, so the
 * block is not judged.
 */
export function analyzeTerraform(
  file: TfFile,
  module: TfModule,
  text: string,
  rules: RuleSet,
  onError: RuleErrorHandler,
  reuse?: { readonly previous?: ReusableResults; readonly next?: StoredResults },
): AnalysisResult {
  const result: AnalysisResult = { findings: [], evaluations: [] };
  for (const { key, address, block } of terraformTargets(file, text.length)) {
    const targeted = rules.forResourceType(key);
    if (targeted.length === 0) continue;
    // The whole-file target reads everything: it always runs.
    const wholeFile = key === '*.tf' || key === '*.tfvars';
    const targetKey = `${key}|${address}`;
    const identity = originalBlock(block);
    const reused = wholeFile ? undefined : reuse?.previous?.take(targetKey, block.span, identity);
    if (reused !== undefined) {
      result.findings.push(...reused.findings);
      result.evaluations.push(...reused.evaluations);
      reuse?.next?.keep(targetKey, block.span, reused, reused.lookups, identity);
      continue;
    }
    const before = { findings: result.findings.length, evaluations: result.evaluations.length };
    const { lookups } = recordingLookups(() => judgeTerraformTarget(file, module, text, targeted, block, address, result, onError));
    if (!wholeFile) {
      const own = { findings: result.findings.slice(before.findings), evaluations: result.evaluations.slice(before.evaluations) };
      reuse?.next?.keep(targetKey, block.span, own, lookups, identity);
    }
  }
  return result;
}

/** Runs the rules dispatched on one target (per instance when the block has instances). */
function judgeTerraformTarget(file: TfFile, module: TfModule, text: string, targeted: ReturnType<RuleSet['forResourceType']>, block: TfBlock, address: string, result: AnalysisResult, onError: RuleErrorHandler): void {
  const located: Located<TfBlock> = { uri: file.uri, node: block };
  const expansion = block.type === 'resource' || block.type === 'data' ? expandInstances(located, address, module) : undefined;
  if (expansion?.kind === 'none') return;
  const instances: readonly (ResourceInstance | undefined)[] = expansion?.kind === 'instances' ? expansion.instances : [undefined];
  for (const rule of targeted) {
    const ctx = new Collector(rule, file.uri, address, block.headerSpan, block.span, text, result);
    run(rule, onError, ctx, () => {
      for (const instance of instances) {
        const tfCtx: TerraformContext<string, string> = Object.assign(ctx.context(instance?.key), {
          file,
          module,
          evaluate: (expr: TfExpr) => evaluateCached(expr, module, instance),
          ...(instance !== undefined ? { instance } : {}),
        });
        // Reading the file as a whole makes the result depend on all of it.
        Object.defineProperty(tfCtx, 'file', { get: () => (recordLookup('file'), file), enumerable: true });
        rule.check(located, tfCtx);
      }
    });
  }
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
export function analyzeKubernetes(
  file: K8sFile,
  text: string,
  rules: RuleSet,
  workspaceObjects: () => readonly K8sObject[],
  onError: RuleErrorHandler,
  reuse?: { readonly previous?: ReusableResults; readonly next?: StoredResults },
): AnalysisResult {
  const result: AnalysisResult = { findings: [], evaluations: [] };
  const workspace = (): readonly K8sObject[] => (recordLookup('workspace'), workspaceObjects());
  for (const object of file.objects) {
    if (object.hasErrors) continue;
    const address = `${object.kind}/${object.name ?? '(unnamed)'}`;
    const targeted = rules.forKind(object.kind);
    if (targeted.length === 0) continue;
    const reused = reuse?.previous?.take(address, object.span);
    if (reused !== undefined) {
      result.findings.push(...reused.findings);
      result.evaluations.push(...reused.evaluations);
      reuse?.next?.keep(address, object.span, reused, reused.lookups);
      continue;
    }
    const before = { findings: result.findings.length, evaluations: result.evaluations.length };
    const { lookups } = recordingLookups(() => {
      for (const rule of targeted) {
        const ctx = new Collector(rule, file.uri, address, object.headerSpan, object.span, text, result);
        const k8sCtx: KubernetesContext<string, string> = Object.assign(ctx.context(), { file, workspaceObjects: workspace, fileFact: <V>(fact: Fact<K8sFile, V>): V => fact.get(file) });
        Object.defineProperty(k8sCtx, 'file', { get: () => (recordLookup('file'), file), enumerable: true });
        run(rule, onError, ctx, () => rule.check(object, k8sCtx));
      }
    });
    reuse?.next?.keep(address, object.span, { findings: result.findings.slice(before.findings), evaluations: result.evaluations.slice(before.evaluations) }, lookups);
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

/** One rule's reports on one resource, or on one instance of it. */
interface InstanceReports {
  /** The instance key (`[0]`, `["prod"]`); undefined when the block is judged once. */
  readonly key: string | undefined;
  readonly reports: Report<string, string>[];
  unknown?: { span: Span; reason: string };
}

/**
 * Collects one rule's reports on one resource — per instance when the block is judged per
 * instance — and turns them into findings and an evaluation.
 */
class Collector {
  private readonly runs: InstanceReports[] = [];

  constructor(
    private readonly rule: Rule,
    private readonly uri: string,
    private readonly resource: string,
    private readonly resourceSpan: Span,
    private readonly extent: Span,
    private readonly text: string,
    private readonly out: AnalysisResult,
  ) {}

  /** A context for one run of the rule (one instance, or the whole block when `key` is undefined). */
  context(key?: string): { text: string; report: (r: Report<string, string>) => void; cannotDetermine: (at: Span, reason: string) => void } {
    const run: InstanceReports = { key, reports: [] };
    this.runs.push(run);
    return {
      text: this.text,
      report: (r) => run.reports.push(r),
      cannotDetermine: (at, reason) => {
        run.unknown ??= { span: at, reason };
      },
    };
  }

  finish(): void {
    const single = this.runs.length === 1 && this.runs[0]!.key === undefined ? this.runs[0]! : undefined;
    const findings = single !== undefined ? single.reports.map((r) => this.toFinding(r)) : this.mergedFindings();
    this.out.findings.push(...findings);
    const base = { ruleId: this.rule.id, uri: this.uri, resource: this.resource };
    const unknown = this.runs.find((r) => r.reports.length === 0 && r.unknown !== undefined);
    if (findings.length > 0) {
      for (const f of findings) this.out.evaluations.push({ ...base, span: f.span, outcome: 'violated' });
    } else if (unknown?.unknown !== undefined) {
      const reason = unknown.key === undefined ? unknown.unknown.reason : `instance ${unknown.key}: ${unknown.unknown.reason}`;
      this.out.evaluations.push({ ...base, span: unknown.unknown.span, outcome: 'unknown', reason });
    } else {
      this.out.evaluations.push({ ...base, span: this.resourceSpan, outcome: 'satisfied' });
    }
  }

  /** One finding per report that some instance made; those not made by every instance name the ones that fail. */
  private mergedFindings(): Finding[] {
    const runs: InstanceRun<Report<string, string>>[] = this.runs.map((r) => ({
      key: r.key ?? '',
      items: r.reports,
      status: r.reports.length > 0 ? 'fail' : r.unknown !== undefined ? 'unknown' : 'pass',
    }));
    return mergeInstanceRuns(runs, (r) => `${r.at.start}:${r.at.end}:${r.messageId}`).map((m) =>
      this.toFinding(m.item, m.keys, m.all ? undefined : instancesSentence(m.keys, runs)),
    );
  }

  private toFinding(report: Report<string, string>, instances?: readonly string[], instancesNote?: string): Finding {
    const rule = this.rule;
    const template = (rule.messages as Record<string, string>)[report.messageId] ?? report.messageId;
    const filled = template.replace(/\{(\w+)\}/g, (m, key: string) => report.data?.[key] ?? m);
    const text = instancesNote === undefined ? filled : appendSentence(filled, instancesNote);
    const hipaa = rule.meta.controls.filter((c) => c.framework === 'hipaa').map((c) => controlLabel(c.id));
    const message = hipaa.length > 0 ? `${text} (${hipaa.join(', ')})` : text;
    const fixMeta = fixMetaOf(rule, report.fix);
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
      ...(instances !== undefined ? { instances } : {}),
    };
  }
}
