import type { FixEdit } from '../fixes/fix-edit';
import type { Fact } from '../model/facts';
import type { K8sFile, K8sObject } from '../model/kubernetes/types';
import type { Location, Span } from '../model/span';
import type { Resolved } from '../model/terraform/evaluate';
import type { ResourceInstance } from '../model/terraform/instances';
import type { Located, TfModule } from '../model/terraform/module';
import type { TfBlock, TfExpr, TfFile } from '../model/terraform/types';
import type { CatalogCheck, CatalogSeverity } from './catalog';

/** How safe a fix is: 'safe' fixes may run in fix-all; 'review' fixes are offered one at a time. */
export interface FixMeta {
  readonly title: string;
  readonly safety: 'safe' | 'review';
}

/** A location shown with a finding (the variable that decided it, the companion resource, …). */
export interface Related extends Location {
  readonly message: string;
}

export interface Report<M extends string, F extends string> {
  readonly messageId: M;
  /** Where the finding is shown, in the file being analysed. */
  readonly at: Span;
  readonly data?: Readonly<Record<string, string>>;
  readonly related?: readonly Related[];
  /** Lowers or raises the catalog severity for this report (e.g. the catalog's `warn` outcomes). */
  readonly severity?: CatalogSeverity;
  readonly fix?: { readonly fixId: F; readonly edits: readonly FixEdit[]; readonly decidedElsewhere?: DecidedElsewhere };
}

/**
 * Where a fix changes a value that is decided outside the resource: the attribute reads `var.<variable>`,
 * and the edit changes the variable's winning `.tfvars` assignment or its default. The fix is then a
 * review variant of the declared one (rules/fix-meta.ts), whose title says where the edit goes.
 */
export interface DecidedElsewhere {
  readonly variable: string;
  readonly place: 'tfvars' | 'default';
  /** The name of the file the edit changes, e.g. `terraform.tfvars`. */
  readonly file: string;
  /** The value written there, as written (`true`). */
  readonly value: string;
}

export interface RuleContext<M extends string, F extends string> {
  /** The text of the file being analysed (for fixes that need indentation). */
  readonly text: string;
  report(report: Report<M, F>): void;
  /** Records that the rule could not decide (a value unknown statically); no finding is shown. */
  cannotDetermine(at: Span, reason: string): void;
}

export interface TerraformContext<M extends string, F extends string> extends RuleContext<M, F> {
  readonly file: TfFile;
  readonly module: TfModule;
  /** Resolves an expression statically (variables, tfvars, locals); unknown values are never guessed. */
  evaluate(expr: TfExpr): Resolved;
  /**
   * The instance being judged when the block has a known `count`/`for_each` and reads
   * `count.index`/`each.*`: `evaluate` binds them for the block's own expressions. The engine runs
   * the rule once per instance and merges the findings; rules rarely need to look at this (a memo
   * of evaluated facts about the block must be keyed by it).
   */
  readonly instance?: ResourceInstance;
}

export interface KubernetesContext<M extends string, F extends string> extends RuleContext<M, F> {
  /** The whole file: reading it makes the result depend on all of it (re-run on every edit of the file). */
  readonly file: K8sFile;
  /**
   * A fact about this file (model/facts.ts): the result depends only on the fact's fingerprint, so an
   * edit elsewhere in the file that leaves the fact unchanged does not re-run the rule.
   */
  fileFact<V>(fact: Fact<K8sFile, V>): V;
  /** Every Kubernetes object of the workspace (for namespace-level checks). */
  readonly workspaceObjects: () => readonly K8sObject[];
}

interface RuleBase<M extends string, F extends string> {
  /** The check id of the catalog (`../shared/catalog/checks.yaml`); stable public API. */
  readonly id: string;
  /** Title, severity, rationale, controls and equivalents, from the shipped catalog. */
  readonly meta: CatalogCheck;
  /** Message templates; `{name}` placeholders are filled from `Report.data`. */
  readonly messages: Readonly<Record<M, string>>;
  readonly fixes: Readonly<Record<F, FixMeta>>;
}

export interface TerraformRule<M extends string = string, F extends string = string> extends RuleBase<M, F> {
  readonly platform: 'terraform';
  /**
   * Resource types the rule is dispatched on. Other blocks and whole files have these keys (see
   * `terraformTargets` in engine/analyze.ts): `data.<type>` (a data source), `provider.<name>` (a
   * `provider` block), `backend.<type>` (the `backend` block of `terraform {}`), `*.tf` and `*.tfvars`
   * (the whole file, as a synthetic block).
   */
  readonly resourceTypes: readonly string[];
  check(resource: Located<TfBlock>, ctx: TerraformContext<M, F>): void;
}

export interface KubernetesRule<M extends string = string, F extends string = string> extends RuleBase<M, F> {
  readonly platform: 'kubernetes';
  /** Object kinds the rule is dispatched on. */
  readonly kinds: readonly string[];
  check(object: K8sObject, ctx: KubernetesContext<M, F>): void;
}

export type Rule = TerraformRule | KubernetesRule;
