import type { Located, TfModule } from '../../model/terraform/module';
import { resourceName, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { resourceReference, type Evaluator } from './helpers';

/**
 * The join between REST API stages (`aws_api_gateway_stage`) and the `aws_api_gateway_method_settings`
 * that configure them, shared by aws-apigw-stage-access-logging and aws-apigw-cache-encrypted.
 * A method settings resource points at a stage by reference (`stage_name =
 * aws_api_gateway_stage.prod.stage_name`) or by the literal stage name together with the same
 * `rest_api_id` (same resource reference or same literal id). Anything else is undecided, never guessed.
 */

export const METHOD_SETTINGS = 'aws_api_gateway_method_settings';
export const REST_STAGE = 'aws_api_gateway_stage';

type Ctx = Evaluator & { readonly module: TfModule };

/** The stage a method settings resource configures: a stage of the module, none of them, or undecided. */
export type StageOf = { readonly kind: 'stage'; readonly stage: Located<TfBlock> } | { readonly kind: 'none' } | { readonly kind: 'unknown'; readonly reason: string };

export function stageOf(ctx: Ctx, settings: TfBlock): StageOf {
  const attr = settings.attributes.get('stage_name');
  if (attr === undefined) return { kind: 'unknown', reason: 'stage_name is not set' };
  const ref = resourceReference(attr.expr);
  if (ref !== undefined) {
    if (ref.type !== REST_STAGE) return { kind: 'unknown', reason: `stage_name refers to ${ref.type}.${ref.name}` };
    const stage = ctx.module.resource(REST_STAGE, ref.name);
    return stage === undefined ? { kind: 'none' } : { kind: 'stage', stage };
  }
  const name = ctx.evaluate(attr.expr);
  if (!name.known || typeof name.value !== 'string') return { kind: 'unknown', reason: 'stage_name cannot be resolved statically' };
  let found: Located<TfBlock> | undefined;
  let undecided: string | undefined;
  for (const stage of ctx.module.resourcesOfType(REST_STAGE)) {
    const stageName = stage.node.attributes.get('stage_name');
    const value = stageName === undefined ? undefined : ctx.evaluate(stageName.expr);
    if (value === undefined) continue;
    if (!value.known) {
      undecided ??= `the stage_name of aws_api_gateway_stage "${resourceName(stage.node)}" cannot be resolved statically`;
      continue;
    }
    if (value.value !== name.value) continue;
    const same = sameApi(ctx, settings, stage.node);
    if (same === undefined) undecided ??= `rest_api_id of aws_api_gateway_stage "${resourceName(stage.node)}" cannot be compared statically`;
    else if (same) {
      if (found !== undefined) return { kind: 'unknown', reason: `several stages are named "${name.value}"` };
      found = stage;
    }
  }
  if (found !== undefined) return { kind: 'stage', stage: found };
  return undecided === undefined ? { kind: 'none' } : { kind: 'unknown', reason: undecided };
}

/** True/false when both blocks' `rest_api_id` are the same reference or the same known literal; undefined otherwise. */
function sameApi(ctx: Ctx, a: TfBlock, b: TfBlock): boolean | undefined {
  const x = apiIdentity(ctx, a.attributes.get('rest_api_id')?.expr);
  const y = apiIdentity(ctx, b.attributes.get('rest_api_id')?.expr);
  if (x === undefined || y === undefined) return undefined;
  if (x.startsWith('ref:') !== y.startsWith('ref:')) return undefined; // a reference and a literal id: cannot be compared
  return x === y;
}

function apiIdentity(ctx: Ctx, expr: TfExpr | undefined): string | undefined {
  if (expr === undefined) return undefined;
  const ref = resourceReference(expr);
  if (ref !== undefined) return `ref:${ref.type}.${ref.name}`;
  const value = ctx.evaluate(expr);
  return value.known && typeof value.value === 'string' ? `id:${value.value}` : undefined;
}

export interface StageSettings {
  /** Method settings that configure the stage. */
  readonly matches: readonly Located<TfBlock>[];
  /** Method settings whose stage cannot be resolved: they may configure it. */
  readonly undecided: readonly Located<TfBlock>[];
}

/** Every method settings resource of the module that configures `stage` (or may). */
export function methodSettingsOf(ctx: Ctx, stage: Located<TfBlock>): StageSettings {
  const matches: Located<TfBlock>[] = [];
  const undecided: Located<TfBlock>[] = [];
  for (const settings of ctx.module.resourcesOfType(METHOD_SETTINGS)) {
    const target = stageOf(ctx, settings.node);
    if (target.kind === 'stage' && target.stage.node === stage.node) matches.push(settings);
    else if (target.kind === 'unknown') undecided.push(settings);
  }
  return { matches, undecided };
}

/** `"*\/*"` when the method settings apply to every method of the stage; undefined when unknown. */
export function appliesToAllMethods(ctx: Evaluator, settings: TfBlock): boolean | undefined {
  const attr = settings.attributes.get('method_path');
  if (attr === undefined) return false;
  const value = ctx.evaluate(attr.expr);
  return value.known && typeof value.value === 'string' ? value.value === '*/*' : undefined;
}

/**
 * Other method settings of the same stage: by the resolved stage, or (stage not declared in the
 * module) by the same stage name and API. `complete` is false when some other method settings may
 * belong to the same stage but cannot be told.
 */
export function siblingSettings(ctx: Ctx, settings: Located<TfBlock>): { readonly items: readonly Located<TfBlock>[]; readonly complete: boolean } {
  const own = stageOf(ctx, settings.node);
  if (own.kind === 'stage') {
    const all = methodSettingsOf(ctx, own.stage);
    return { items: all.matches.filter((s) => s.node !== settings.node), complete: all.undecided.length === 0 };
  }
  const key = literalKey(ctx, settings.node);
  if (key === undefined) return { items: [], complete: false };
  const items: Located<TfBlock>[] = [];
  let complete = true;
  for (const other of ctx.module.resourcesOfType(METHOD_SETTINGS)) {
    if (other.node === settings.node) continue;
    const otherKey = literalKey(ctx, other.node);
    if (otherKey === undefined) complete = false;
    else if (otherKey === key) items.push(other);
  }
  return { items, complete };
}

function literalKey(ctx: Ctx, settings: TfBlock): string | undefined {
  const stage = settings.attributes.get('stage_name');
  const api = apiIdentity(ctx, settings.attributes.get('rest_api_id')?.expr);
  if (stage === undefined || api === undefined) return undefined;
  const ref = resourceReference(stage.expr);
  if (ref !== undefined) return `${ref.type}.${ref.name}.${ref.attributes.join('.')}|${api}`;
  const value = ctx.evaluate(stage.expr);
  return value.known && typeof value.value === 'string' ? `name:${value.value}|${api}` : undefined;
}
