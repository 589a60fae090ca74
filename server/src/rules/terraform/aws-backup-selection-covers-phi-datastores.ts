/**
 * aws-backup-selection-covers-phi-datastores — every data store (RDS instance or cluster, DynamoDB
 * table, EFS file system, EBS volume, FSx file system) is selected by an AWS Backup plan.
 *
 * Scope (the catalog's resolution is cross_file_context; this is the rule's precise, low-noise
 * reading): a module that declares no aws_backup_plan and no aws_backup_selection may well be backed
 * up centrally (another stack, an AWS Organizations backup policy), so its data stores are recorded
 * as "cannot determine" and never reported. A module that declares either manages backups itself:
 * then every data store of the module must be selected by one of its aws_backup_selection resources.
 * Read replicas (`replicate_source_db`) are exempt: AWS Backup does not back them up.
 *
 * A selection selects a store when (catalog pass_if_any, with AWS Backup's selection semantics)
 * `resources` contains a reference to the store (`aws_db_instance.phi.arn`, `[*]`, `[count.index]`,
 * `values(aws_db_instance.phi)[*].arn`, also through locals), `"*"` or an ARN pattern that matches
 * the store's service and resource type (`arn:aws:rds:*:*:db:*`), or one of its `selection_tag`s
 * (STRINGEQUALS) matches the store's tags (its own `tags` and the provider's `default_tags`); and every
 * `condition` (string_equals/string_like/string_not_equals/string_not_like on `aws:ResourceTag/<key>`)
 * holds; and `not_resources` does not exclude it. An EBS volume attached (aws_volume_attachment) to a
 * selected EC2 instance is covered by the instance's backup, and an EFS file system with an enabled
 * aws_efs_backup_policy is covered by AWS Backup's automatic EFS plan. Anything the rule cannot
 * resolve (a selection built from variables or module outputs, tags from an unseen provider, a
 * `dynamic` selection_tag) makes the store "cannot determine", never a guess.
 *
 * Findings: on the data store's header, with the module's backup plans and selections as related
 * locations.
 *
 * Fixes (catalog autofix.safe: false → review; backup storage grows, and which plan backs up a store
 * is a retention decision). The catalog's tag-based selection needs an agreed tag taxonomy, so the
 * fixes select the store by reference instead:
 * - `addToSelection`: the module has exactly one aws_backup_selection, in the store's file, with no
 *   `condition`, `dynamic` block, `count` or `for_each`, and `resources` absent or written as a list:
 *   the store's ARN is added to that list (Terraform replaces the selection).
 * - `addSelection` / `addSelectionChosenRole`: otherwise, when the module has exactly one
 *   aws_backup_plan (without count/for_each), a new aws_backup_selection right after the store, with
 *   that plan, and the IAM role every selection of the module uses, or `var.backup_iam_role_arn`
 *   (declared without a default; a snippet placeholder where the editor supports it) when they do
 *   not agree on one or there is none.
 * No fix when a selection excludes the store on purpose (`not_resources`), or the module has several
 * plans (the plan is the user's choice).
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { appendTupleItem, insertAttribute, insertBlockAfter } from '../../fixes/terraform-edits';
import { userValueRef, type UserValue } from '../../fixes/user-values';
import type { Value } from '../../model/terraform/evaluate';
import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { Related, TerraformContext } from '../types';
import { agreedExpression, isAttributeSet, nestedInstances, resourceBlockLines, resourceReference, resourceTags, uniqueResourceName, withUserValues } from './helpers';
import { asString } from './values';

const SELECTION = 'aws_backup_selection';
const PLAN = 'aws_backup_plan';

/** How AWS names each store in ARNs: service, the resource part's prefix, and the attribute whose value follows it. */
const ARN_SHAPES: Readonly<Record<string, { readonly service: string; readonly prefix: string; readonly idAttr?: string }>> = {
  aws_db_instance: { service: 'rds', prefix: 'db:', idAttr: 'identifier' },
  aws_rds_cluster: { service: 'rds', prefix: 'cluster:', idAttr: 'cluster_identifier' },
  aws_dynamodb_table: { service: 'dynamodb', prefix: 'table/', idAttr: 'name' },
  aws_efs_file_system: { service: 'elasticfilesystem', prefix: 'file-system/' },
  aws_ebs_volume: { service: 'ec2', prefix: 'volume/' },
  aws_instance: { service: 'ec2', prefix: 'instance/' },
  aws_fsx_lustre_file_system: { service: 'fsx', prefix: 'file-system/' },
  aws_fsx_windows_file_system: { service: 'fsx', prefix: 'file-system/' },
  aws_fsx_ontap_file_system: { service: 'fsx', prefix: 'file-system/' },
  aws_fsx_openzfs_file_system: { service: 'fsx', prefix: 'file-system/' },
};
const STORE_TYPES = Object.keys(ARN_SHAPES).filter((t) => t !== 'aws_instance');

const messages = {
  notSelected: '{resource} "{name}" is not selected by any aws_backup_selection, although this module manages AWS Backup plans, so its data is not in a backup plan.',
};
const ROLE: UserValue = {
  variable: 'backup_iam_role_arn',
  description: 'ARN of the IAM role AWS Backup assumes to back up the selected resources (for example with the AWSBackupServiceRolePolicyForBackup managed policy)',
};
const fixes = {
  addToSelection: { title: "Add this data store to the module's aws_backup_selection (review: Terraform replaces the selection; backup storage and cost grow)", safety: 'review' as const },
  addSelection: { title: "Add an aws_backup_selection of this data store to the module's backup plan (review: backup storage and cost grow)", safety: 'review' as const },
  addSelectionChosenRole: {
    title: `Add an aws_backup_selection of this data store to the module's backup plan, with an IAM role you choose (var.${ROLE.variable}; backups fail unless AWS Backup can assume it; storage and cost grow)`,
    safety: 'review' as const,
  },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;
type Fix = { readonly fixId: keyof typeof fixes; readonly edits: readonly FixEdit[] };

/** Three-valued logic: true, false, or undefined when it cannot be decided statically. */
type Tri = boolean | undefined;
const or = (a: Tri, b: Tri): Tri => (a === true || b === true ? true : a === false && b === false ? false : undefined);
const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === true && b === true ? true : undefined);
const not = (a: Tri): Tri => (a === undefined ? undefined : !a);

export default defineTerraformRule({
  id: 'aws-backup-selection-covers-phi-datastores',
  resourceTypes: STORE_TYPES,
  messages,
  fixes,
  check(resource, ctx) {
    const block = resource.node;
    if (resourceType(block) === 'aws_db_instance' && isAttributeSet(ctx, block, 'replicate_source_db')) return;
    const plans = ctx.module.resourcesOfType(PLAN);
    const selections = ctx.module.resourcesOfType(SELECTION);
    if (plans.length === 0 && selections.length === 0) {
      ctx.cannotDetermine(block.headerSpan, 'this module declares no AWS Backup plan or selection; backups may be managed in another stack or by an organization backup policy');
      return;
    }
    const covered = coveredByBackup(resource, ctx);
    if (covered === true) return;
    if (covered === undefined) {
      ctx.cannotDetermine(block.headerSpan, 'an AWS Backup selection of this module may select this data store; it cannot be resolved statically');
      return;
    }
    const related: Related[] = [
      ...plans.slice(0, 3).map((p) => ({ uri: p.uri, span: p.node.headerSpan, message: `${PLAN} "${resourceName(p.node)}" is declared in this module` })),
      ...selections.slice(0, 3).map((s) => ({ uri: s.uri, span: s.node.headerSpan, message: `${SELECTION} "${resourceName(s.node)}" does not select this data store` })),
    ];
    const fix = selectStore(resource, ctx);
    ctx.report({ messageId: 'notSelected', at: block.headerSpan, data: { resource: resourceType(block), name: resourceName(block) }, related, ...(fix !== undefined ? { fix } : {}) });
  },
});

/** The fix for a store no selection selects (see the header). */
function selectStore(store: Located<TfBlock>, ctx: Ctx): Fix | undefined {
  const selections = ctx.module.resourcesOfType(SELECTION);
  const excluded = selections.some((s) => {
    const notResources = s.node.attributes.get('not_resources');
    return notResources !== undefined && listMatches(notResources.expr, store.node, ctx, 0) !== false;
  });
  if (excluded) return undefined;
  const only = selections.length === 1 ? selections[0]! : undefined;
  const added = only === undefined ? undefined : addToSelection(only, store, ctx);
  if (added !== undefined) return { fixId: 'addToSelection', edits: [added] };
  return newSelection(store, ctx);
}

/** How a selection's `resources` names the store: its ARN, all its `count` instances, or all its `for_each` instances. */
function storeArns(store: TfBlock): { readonly element?: string; readonly list: string } {
  const address = `${resourceType(store)}.${resourceName(store)}`;
  if (store.attributes.has('for_each')) return { list: `[for s in ${address} : s.arn]` };
  if (store.attributes.has('count')) return { list: `${address}[*].arn` };
  return { element: `${address}.arn`, list: `[${address}.arn]` };
}

/** The store's ARN added to the `resources` list of a plain selection in the store's file (see the header). */
function addToSelection(selection: Located<TfBlock>, store: Located<TfBlock>, ctx: Ctx): FixEdit | undefined {
  const block = selection.node;
  if (selection.uri !== store.uri || block.hasErrors || block.attributes.has('count') || block.attributes.has('for_each')) return undefined;
  if (block.blocks.some((b) => b.type === 'condition' || b.type === 'dynamic')) return undefined;
  const arns = storeArns(store.node);
  const resources = block.attributes.get('resources');
  if (resources === undefined) return insertAttribute(selection.uri, ctx.text, block, 'resources', arns.list);
  if (resources.expr.kind !== 'tuple' || arns.element === undefined) return undefined;
  return appendTupleItem(selection.uri, ctx.text, resources.expr, arns.element);
}

/** A new aws_backup_selection of the store to the module's only backup plan, right after the store. */
function newSelection(store: Located<TfBlock>, ctx: Ctx): Fix | undefined {
  const plans = ctx.module.resourcesOfType(PLAN);
  const plan = plans.length === 1 ? plans[0]!.node : undefined;
  if (plan === undefined || plan.attributes.has('count') || plan.attributes.has('for_each')) return undefined;
  const role = agreedExpression(ctx.module.resourcesOfType(SELECTION).map((s) => s.node.attributes.get('iam_role_arn')?.expr));
  const name = resourceName(store.node);
  const lines = resourceBlockLines(SELECTION, uniqueResourceName(ctx.module, SELECTION, name), [
    ['name', JSON.stringify(name.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 50))],
    ['plan_id', `${PLAN}.${resourceName(plan)}.id`],
    ['iam_role_arn', role ?? userValueRef(ROLE)],
    ['resources', storeArns(store.node).list],
  ]);
  const edit = insertBlockAfter(ctx.text, store, lines);
  return role !== undefined ? { fixId: 'addSelection', edits: [edit] } : { fixId: 'addSelectionChosenRole', edits: withUserValues(ctx, store.uri, [ROLE], [edit]) };
}

function coveredByBackup(store: Located<TfBlock>, ctx: Ctx): Tri {
  let covered: Tri = false;
  for (const selection of ctx.module.resourcesOfType(SELECTION)) {
    covered = or(covered, selection.node.hasErrors ? undefined : selects(selection.node, store.node, ctx));
    if (covered === true) return true;
  }
  const type = resourceType(store.node);
  if (type === 'aws_ebs_volume') {
    // A volume attached to a selected instance is in the instance's backup.
    for (const attachment of ctx.module.resourcesOfType('aws_volume_attachment')) {
      const volume = attachment.node.attributes.get('volume_id');
      if (volume === undefined || !mentions(volume.expr, store.node, ctx)) continue;
      const instanceAttr = attachment.node.attributes.get('instance_id');
      const ref = instanceAttr === undefined ? undefined : resourceReference(instanceAttr.expr);
      const instance = ref?.type === 'aws_instance' ? ctx.module.resource('aws_instance', ref.name) : undefined;
      if (instance === undefined) {
        covered = or(covered, undefined);
        continue;
      }
      for (const selection of ctx.module.resourcesOfType(SELECTION)) covered = or(covered, selects(selection.node, instance.node, ctx));
    }
  }
  if (type === 'aws_efs_file_system') {
    // aws_efs_backup_policy ENABLED = AWS Backup's automatic daily plan for EFS.
    for (const policy of ctx.module.resourcesOfType('aws_efs_backup_policy')) {
      const fs = policy.node.attributes.get('file_system_id');
      if (fs === undefined || !mentions(fs.expr, store.node, ctx)) continue;
      for (const bp of nestedBlocks(policy.node, 'backup_policy')) {
        const status = bp.attributes.get('status');
        const value = status === undefined ? undefined : ctx.evaluate(status.expr);
        covered = or(covered, value === undefined ? false : value.known ? value.value === 'ENABLED' : undefined);
      }
    }
  }
  return covered;
}

/** Whether one aws_backup_selection selects `store` (AWS: (resources ∪ selection_tag) ∩ conditions ∖ not_resources). */
function selects(selection: TfBlock, store: TfBlock, ctx: Ctx): Tri {
  const resources = selection.attributes.get('resources');
  let primary: Tri = resources === undefined ? false : listMatches(resources.expr, store, ctx, 0);
  const tags = nestedInstances(ctx, selection, 'selection_tag');
  if (tags.uncertain.length > 0) primary = or(primary, undefined);
  for (const tag of tags.present) primary = or(primary, tagCondition(tag, 'STRINGEQUALS', store, ctx));
  if (primary === false) return false;
  let conditions: Tri = true;
  const conditionBlocks = nestedInstances(ctx, selection, 'condition');
  if (conditionBlocks.uncertain.length > 0) conditions = undefined;
  for (const condition of conditionBlocks.present) {
    for (const child of condition.blocks) {
      const kind = child.type === 'dynamic' ? undefined : child.type.toUpperCase().replace(/_/g, '');
      conditions = and(conditions, kind === undefined ? undefined : tagCondition(child, kind, store, ctx));
    }
  }
  const notResources = selection.attributes.get('not_resources');
  const excluded: Tri = notResources === undefined ? false : listMatches(notResources.expr, store, ctx, 0);
  return and(and(primary, conditions), not(excluded));
}

/**
 * A `selection_tag { type key value }` or a condition (`string_equals { key = "aws:ResourceTag/k" value }`,
 * string_like, string_not_equals, string_not_like) applied to the store's tags.
 */
function tagCondition(block: TfBlock, kind: string, store: TfBlock, ctx: Ctx): Tri {
  const text = (name: string): string | null | undefined => {
    const attr = block.attributes.get(name);
    if (attr === undefined) return null;
    const v = ctx.evaluate(attr.expr);
    return v.known && typeof v.value === 'string' ? v.value : undefined;
  };
  const type = block.attributes.has('type') ? text('type') : kind;
  let key = text('key');
  const value = text('value');
  if (typeof type !== 'string' || typeof key !== 'string' || typeof value !== 'string') return undefined;
  if (block.type !== 'selection_tag') {
    if (!key.startsWith('aws:ResourceTag/')) return undefined;
    key = key.slice('aws:ResourceTag/'.length);
  }
  const op = type.toUpperCase().replace(/_/g, '');
  const tags = resourceTags(ctx, store);
  const actual: Value | undefined = tags.tags.get(key);
  const tagText = actual === undefined || actual === null ? undefined : asString(actual);
  let result: Tri;
  if (tagText === undefined) result = tags.complete && tags.providerSeen && actual === undefined ? false : undefined;
  else if (op === 'STRINGEQUALS' || op === 'STRINGNOTEQUALS') result = tagText === value;
  else if (op === 'STRINGLIKE' || op === 'STRINGNOTLIKE') result = globMatch(value, tagText);
  else return undefined;
  // A tag whose value is written may still be overridden by an unresolvable part of the tags.
  if (result === false && !tags.complete) result = undefined;
  return op.includes('NOT') ? not(result) : result;
}

/** Whether a `resources`/`not_resources` list (or one element of it) contains the store. */
function listMatches(expr: TfExpr, store: TfBlock, ctx: Ctx, depth: number): Tri {
  if (depth > 8) return undefined;
  if (mentions(expr, store, ctx)) return true;
  switch (expr.kind) {
    case 'tuple':
      return expr.items.reduce<Tri>((acc, item) => or(acc, listMatches(item, store, ctx, depth + 1)), false);
    case 'call':
      if (['concat', 'flatten', 'compact', 'distinct', 'tolist', 'toset', 'sort'].includes(expr.name)) {
        return expr.args.reduce<Tri>((acc, arg) => or(acc, listMatches(arg, store, ctx, depth + 1)), false);
      }
      break;
    case 'reference': {
      const first = expr.path[0];
      const second = expr.path[1];
      if (first !== undefined && 'name' in first && first.name === 'local' && second !== undefined && 'name' in second && expr.path.length === 2) {
        const local = ctx.module.local(second.name);
        if (local !== undefined) return listMatches(local.node.expr, store, ctx, depth + 1);
      }
      if (resourceReference(expr) !== undefined) return false; // another resource's ARN (mentions() saw it is not this store)
      break;
    }
    case 'template':
      if (expr.parts.length === 1 && typeof expr.parts[0] === 'object' && resourceReference(expr.parts[0]) !== undefined) return false;
      break;
    default:
      break;
  }
  const value = ctx.evaluate(expr);
  if (!value.known) return undefined;
  const values: readonly Value[] = Array.isArray(value.value) ? (value.value as readonly Value[]) : [value.value];
  return values.reduce<Tri>((acc, v) => or(acc, typeof v === 'string' ? arnMatches(v, store, ctx) : v === null ? false : undefined), false);
}

/** True when the expression refers to the store (by reference, splat, index or in a `for` expression), also through locals. */
function mentions(expr: TfExpr, store: TfBlock, ctx: Ctx, depth = 0): boolean {
  if (depth > 8) return false;
  const type = resourceType(store);
  const name = resourceName(store);
  switch (expr.kind) {
    case 'reference': {
      const [first, second] = expr.path;
      if (first === undefined || second === undefined || !('name' in first) || !('name' in second)) return false;
      if (first.name === type && second.name === name) return true;
      if (first.name === 'local' && expr.path.length >= 2) {
        const local = ctx.module.local(second.name);
        return local !== undefined && mentions(local.node.expr, store, ctx, depth + 1);
      }
      return false;
    }
    case 'for':
    case 'other':
      return new RegExp(`(^|[^\\w.])${type}\\.${name.replace(/-/g, '\\-')}(?![\\w-])`).test(expr.text);
    case 'template':
      return expr.parts.some((p) => typeof p !== 'string' && mentions(p, store, ctx, depth + 1));
    case 'tuple':
      return expr.items.some((i) => mentions(i, store, ctx, depth + 1));
    case 'object':
      return expr.entries.some((e) => mentions(e.value, store, ctx, depth + 1));
    case 'call':
      return expr.args.some((a) => mentions(a, store, ctx, depth + 1));
    case 'conditional':
      // Either branch may be taken: only a store named in both is certainly selected.
      return mentions(expr.then, store, ctx, depth + 1) && mentions(expr.otherwise, store, ctx, depth + 1);
    default:
      return false;
  }
}

/** Whether a literal in `resources` (`"*"`, an ARN or ARN pattern) selects the store. */
function arnMatches(value: string, store: TfBlock, ctx: Ctx): Tri {
  if (/^\*+$/.test(value)) return true;
  const shape = ARN_SHAPES[resourceType(store)];
  const arn = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.*)$/.exec(value);
  if (shape === undefined || arn === null) return false;
  if (!globMatch(arn[1]!, shape.service)) return false;
  const pattern = arn[2]!;
  const idAttr = shape.idAttr === undefined ? undefined : store.attributes.get(shape.idAttr);
  const id = idAttr === undefined ? undefined : ctx.evaluate(idAttr.expr);
  if (id?.known === true && typeof id.value === 'string') return globMatch(pattern, shape.prefix + id.value);
  // The store's id is generated or unknown: only the resource-type part of the pattern can be compared.
  const head = pattern.split('*')[0]!;
  if (!(shape.prefix.startsWith(head) || head.startsWith(shape.prefix))) return false;
  if (/^\*+$/.test(pattern) || (pattern.startsWith(shape.prefix) && /^\*+$/.test(pattern.slice(shape.prefix.length)))) return true;
  return undefined;
}

/** AWS Backup's `*` wildcard (any characters). */
function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(text);
}
