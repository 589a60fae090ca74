/**
 * aws-rds-enforce-tls-in-transit — the parameter group of an RDS instance or Aurora/Multi-AZ cluster
 * forces TLS: `rds.force_ssl = 1` (PostgreSQL, Aurora PostgreSQL, SQL Server) or
 * `require_secure_transport = 1|ON` (MySQL, MariaDB, Aurora MySQL).
 *
 * - aws_db_instance / aws_rds_cluster: `parameter_group_name` / `db_cluster_parameter_group_name`
 *   absent, `null` or a `default.<family>` name means the engine's default group, where the
 *   parameter is off: reported at the catalog severity. Exception (catalog note): RDS for PostgreSQL
 *   15 and later defaults rds.force_ssl to 1, so there the default group is the catalog's `warn`
 *   outcome, reported one step lower (medium); that includes an absent or unresolvable
 *   engine_version, because both outcomes are findings and medium is the certain one. A group of
 *   this module (by reference, or by its literal `name`) is judged on its own, never again on the
 *   database. A name that no group of the module has (managed in another stack), an unknown engine
 *   or an unresolvable group name is never guessed ("cannot determine"). Engines without these
 *   parameters (Oracle, Db2, RDS Custom) are not applicable.
 * - aws_db_parameter_group / aws_rds_cluster_parameter_group: judged by `family`. The parameter set
 *   to another value is reported at the value; an absent parameter at the group header (for a
 *   `postgres15`+ family, where the engine default is 1, as the medium `warn`). `dynamic "parameter"`
 *   blocks are expanded when their `for_each` resolves (e.g. a variable default); otherwise not guessed.
 *
 * Fixes: `review` only (catalog autofix.safe: false) — once TLS is forced, clients that do not use
 * it are refused, and attaching a new group takes effect after a reboot. The database fix adds a
 * parameter group (family derived from the literal engine and engine_version) that forces TLS and
 * points the database at it; the group fix adds the parameter (with `apply_method =
 * "pending-reboot"` for SQL Server, where it is static) or replaces a literal value with "1".
 */
import type { FixEdit } from '../../fixes/fix-edit';
import { insertAttribute, insertBlockAfter, insertNestedBlock, replaceSpan } from '../../fixes/terraform-edits';
import type { Span } from '../../model/span';
import { UNKNOWN, type Resolved, type Value } from '../../model/terraform/evaluate';
import type { Located } from '../../model/terraform/module';
import { resourceName, resourceType, type RefStep, type TfAttribute, type TfBlock, type TfExpr } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { resolveReferencedResource, uniqueResourceName, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const INSTANCE_GROUP = 'aws_db_parameter_group';
const CLUSTER_GROUP = 'aws_rds_cluster_parameter_group';

type Engine = 'postgres' | 'aurora-postgresql' | 'sqlserver' | 'mysql' | 'mariadb' | 'aurora-mysql';
const FORCE_SSL = 'rds.force_ssl';
const SECURE_TRANSPORT = 'require_secure_transport';
const PARAMETER: Readonly<Record<Engine, string>> = {
  postgres: FORCE_SSL,
  'aurora-postgresql': FORCE_SSL,
  sqlserver: FORCE_SSL,
  mysql: SECURE_TRANSPORT,
  mariadb: SECURE_TRANSPORT,
  'aurora-mysql': SECURE_TRANSPORT,
};
/** The first RDS for PostgreSQL major version whose default rds.force_ssl is 1. */
const PG_FORCE_SSL_DEFAULT_ON = 15;

const messages = {
  defaultGroup: '{resource} "{name}" uses the default parameter group{group}{origin}, where {parameter} is off; clients can connect without TLS.',
  defaultGroupPostgres15:
    '{resource} "{name}" relies on the default parameter group{group}{origin} for TLS; rds.force_ssl defaults to 1 only on PostgreSQL 15 and later, and the requirement is not declared in code.',
  parameterMissing: '{resource} "{name}" (family {family}) does not set {parameter}; it defaults to off, so clients can connect without TLS.',
  parameterDefaultOn: '{resource} "{name}" (family {family}) does not set rds.force_ssl; PostgreSQL 15 and later default it to 1, but the requirement is not declared in code.',
  parameterDisabled: '{resource} "{name}" sets {parameter} = {value}{origin}; clients can connect without TLS.',
};
const fixes = {
  addGroup: { title: 'Add a parameter group that forces TLS and use it (non-TLS clients are refused after a reboot)', safety: 'review' as const },
  forceTls: { title: 'Force TLS in the parameter group (non-TLS clients are refused)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-rds-enforce-tls-in-transit',
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster', INSTANCE_GROUP, CLUSTER_GROUP],
  messages,
  fixes,
  check(resource, ctx) {
    const type = resourceType(resource.node);
    if (type === INSTANCE_GROUP || type === CLUSTER_GROUP) checkGroup(resource, ctx);
    else checkDatabase(resource, ctx);
  },
});

// ---------------------------------------------------------------------------------------------
// Engines and families

/** The engine of `engine = "…"`; null when the engine has no TLS-forcing parameter (Oracle, Db2, RDS Custom). */
function engineOf(engine: string): Engine | null {
  switch (engine) {
    case 'postgres':
    case 'aurora-postgresql':
    case 'mysql':
    case 'mariadb':
    case 'aurora-mysql':
      return engine;
    case 'aurora': // Aurora MySQL 5.6-compatible (provider v4 default)
      return 'aurora-mysql';
    default:
      return /^sqlserver-(ee|se|ex|web)$/.test(engine) ? 'sqlserver' : null;
  }
}

/** The engine (and PostgreSQL major version) of a parameter group family such as `postgres16`, `aurora-mysql8.0`. */
function familyOf(family: string): { engine: Engine; major?: number } | null {
  let m: RegExpExecArray | null;
  if ((m = /^aurora-postgresql(\d+)/.exec(family)) !== null) return { engine: 'aurora-postgresql', major: Number(m[1]) };
  if ((m = /^postgres(\d+)/.exec(family)) !== null) return { engine: 'postgres', major: Number(m[1]) };
  if (/^sqlserver-(ee|se|ex|web)-/.test(family)) return { engine: 'sqlserver' };
  if (/^aurora-mysql/.test(family) || /^aurora\d/.test(family)) return { engine: 'aurora-mysql' };
  if (/^mysql\d/.test(family)) return { engine: 'mysql' };
  if (/^mariadb\d/.test(family)) return { engine: 'mariadb' };
  return null;
}

/** The parameter group family for an engine and a literal engine_version; undefined when it cannot be derived with certainty. */
function familyFor(engine: string, version: string): string | undefined {
  const parts = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (parts === null) return undefined;
  const major = Number(parts[1]);
  const minor = parts[2];
  switch (engine) {
    case 'postgres':
      return major >= 10 ? `postgres${major}` : undefined;
    case 'aurora-postgresql':
      return major >= 10 ? `aurora-postgresql${major}` : undefined;
    case 'mysql':
    case 'mariadb':
      return minor === undefined ? undefined : `${engine}${major}.${Number(minor)}`;
    case 'aurora-mysql': {
      const aurora = /^(\d+\.\d+)\.mysql_aurora\./.exec(version);
      return aurora === null ? undefined : `aurora-mysql${aurora[1]}`;
    }
    default: {
      const sql = /^sqlserver-(ee|se|ex|web)$/.exec(engine);
      return sql !== null ? `${engine}-${major}.0` : undefined;
    }
  }
}

function acceptedValue(parameter: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  return parameter === FORCE_SSL ? v === '1' : v === '1' || v === 'on';
}

// ---------------------------------------------------------------------------------------------
// Databases

function checkDatabase(resource: Located<TfBlock>, ctx: Ctx): void {
  const db = resource.node;
  const isInstance = resourceType(db) === 'aws_db_instance';
  const attrName = isInstance ? 'parameter_group_name' : 'db_cluster_parameter_group_name';
  const groupType = isInstance ? INSTANCE_GROUP : CLUSTER_GROUP;
  const data = { resource: resourceType(db), name: resourceName(db) };

  const attr = db.attributes.get(attrName);
  const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
  if (attr === undefined || value === undefined || (value.known && value.value === null)) {
    reportDefaultGroup(resource, ctx, { at: attr?.expr.span ?? db.headerSpan, attr, groupType, data });
    return;
  }
  const target = resolveReferencedResource(ctx, attr.expr, [groupType]);
  switch (target.kind) {
    case 'resource':
      return; // the group is judged on its own, where its findings are shown
    case 'unknown':
      ctx.cannotDetermine(attr.expr.span, target.reason);
      return;
    case 'literal':
      if (!target.value.startsWith('default.')) {
        ctx.cannotDetermine(attr.expr.span, `parameter group "${target.value}" is not declared in this module`);
        return;
      }
      reportDefaultGroup(resource, ctx, { at: attr.expr.span, attr, groupType, data, named: target.resolved, family: target.value.slice('default.'.length) });
  }
}

interface DefaultGroup {
  readonly at: Span;
  readonly attr: TfAttribute | undefined;
  readonly groupType: string;
  readonly data: Readonly<Record<string, string>>;
  /** The resolved `default.<family>` name, when the group is named. */
  readonly named?: Extract<Resolved, { known: true }>;
  readonly family?: string;
}

function reportDefaultGroup(resource: Located<TfBlock>, ctx: Ctx, g: DefaultGroup): void {
  const db = resource.node;
  let engine: Engine | null;
  let major: number | undefined;
  let family = g.family;
  if (family !== undefined) {
    const f = familyOf(family);
    engine = f?.engine ?? null;
    major = f?.major;
  } else {
    const e = known(ctx, db, 'engine');
    if (e.kind !== 'known') {
      ctx.cannotDetermine(e.kind === 'unknown' ? e.at : db.headerSpan, e.kind === 'unknown' ? e.reason : 'engine is not set (a replica or a restore takes its engine from the source)');
      return;
    }
    engine = engineOf(e.value);
    const v = known(ctx, db, 'engine_version');
    if (v.kind === 'known') {
      const m = /^(\d+)/.exec(v.value);
      major = m === null ? undefined : Number(m[1]);
    }
    // The family of a fix is derived only from values written in the resource itself.
    const engineAttr = db.attributes.get('engine');
    const versionAttr = db.attributes.get('engine_version');
    if (engineAttr?.expr.kind === 'literal' && versionAttr?.expr.kind === 'literal' && typeof engineAttr.expr.value === 'string' && typeof versionAttr.expr.value === 'string') {
      family = familyFor(engineAttr.expr.value, versionAttr.expr.value);
    }
  }
  if (engine === null) return; // not applicable: the engine has no TLS-forcing parameter
  const parameter = PARAMETER[engine];
  // Catalog note: RDS for PostgreSQL 15+ defaults rds.force_ssl to 1 (warn). An absent or unknown
  // version is at least a warn: medium is the outcome that is certain.
  const defaultOn = engine === 'postgres' && (major === undefined || major >= PG_FORCE_SSL_DEFAULT_ON);
  const fix = addGroupFix(resource, ctx, g, engine, family);
  ctx.report({
    messageId: defaultOn ? 'defaultGroupPostgres15' : 'defaultGroup',
    at: g.at,
    data: { ...g.data, parameter, group: g.named ? ` ${valueText(g.named)}` : '', origin: g.named ? originSuffix(g.named) : '' },
    related: g.named ? originRelated(g.named) : [],
    ...(defaultOn ? { severity: 'medium' as const } : {}),
    ...(fix ? { fix: { fixId: 'addGroup' as const, edits: fix } } : {}),
  });
}

/**
 * Adds a parameter group of the right family that forces TLS, right after the database, and points
 * the database at it (inserting the attribute, or replacing a literal value). The group has no
 * `name`: Terraform generates a unique one. Not offered when the family cannot be derived.
 */
function addGroupFix(resource: Located<TfBlock>, ctx: Ctx, g: DefaultGroup, engine: Engine, family: string | undefined): FixEdit[] | undefined {
  if (family === undefined) return undefined;
  if (g.attr !== undefined && g.attr.expr.kind !== 'literal') return undefined; // the value comes from elsewhere: change it there
  const db = resource.node;
  const label = uniqueResourceName(ctx.module, g.groupType, resourceName(db));
  const ref = `${g.groupType}.${label}.name`;
  const lines = [`resource "${g.groupType}" "${label}" {`, `  family = "${family}"`, '', ...parameterLines(engine).map((l) => `  ${l}`), '}'];
  const point = g.attr !== undefined ? replaceSpan(resource.uri, g.attr.expr.span, ref) : insertAttribute(resource.uri, ctx.text, db, resourceType(db) === 'aws_db_instance' ? 'parameter_group_name' : 'db_cluster_parameter_group_name', ref);
  return [point, insertBlockAfter(ctx.text, resource, lines)];
}

function parameterLines(engine: Engine): string[] {
  if (engine === 'sqlserver') {
    // rds.force_ssl is a static parameter on SQL Server: "immediate" is rejected by the API.
    return ['parameter {', `  name         = "${FORCE_SSL}"`, '  value        = "1"', '  apply_method = "pending-reboot"', '}'];
  }
  return ['parameter {', `  name  = "${PARAMETER[engine]}"`, '  value = "1"', '}'];
}

type Known = { kind: 'known'; value: string } | { kind: 'absent' } | { kind: 'unknown'; at: Span; reason: string };

function known(ctx: Ctx, block: TfBlock, name: string): Known {
  const attr = block.attributes.get(name);
  if (attr === undefined) return { kind: 'absent' };
  const value = ctx.evaluate(attr.expr);
  if (!value.known) return { kind: 'unknown', at: attr.expr.span, reason: `${name} = ${value.text} cannot be resolved statically` };
  if (value.value === null) return { kind: 'absent' };
  const s = asString(value.value);
  return s === undefined ? { kind: 'unknown', at: attr.expr.span, reason: `${name} is not a string` } : { kind: 'known', value: s };
}

// ---------------------------------------------------------------------------------------------
// Parameter groups

function checkGroup(resource: Located<TfBlock>, ctx: Ctx): void {
  const group = resource.node;
  const data = { resource: resourceType(group), name: resourceName(group) };
  const fam = known(ctx, group, 'family');
  if (fam.kind === 'unknown') {
    ctx.cannotDetermine(fam.at, fam.reason);
    return;
  }
  if (fam.kind === 'absent') return; // a required argument is missing: Terraform rejects the resource
  const family = familyOf(fam.value);
  if (family === null) return; // not applicable (Oracle, Db2, custom engines)
  const parameter = PARAMETER[family.engine];

  const { params, undecided } = parameters(ctx, group);
  let found = false;
  let unresolvedName: { at: Span; reason: string } | undefined;
  for (const p of params) {
    if (!p.name.known) {
      unresolvedName ??= { at: p.nameAt, reason: `parameter name ${p.name.text} cannot be resolved statically` };
      continue;
    }
    if (p.name.value === null || asString(p.name.value)?.toLowerCase() !== parameter) continue;
    found = true;
    if (p.value === undefined || p.valueAt === undefined) continue; // a required argument is missing
    if (!p.value.known) {
      ctx.cannotDetermine(p.valueAt, `${parameter} = ${p.value.text} cannot be resolved statically`);
      continue;
    }
    const text = p.value.value === null ? undefined : asString(p.value.value);
    if (text !== undefined && acceptedValue(parameter, text)) continue;
    ctx.report({
      messageId: 'parameterDisabled',
      at: p.valueAt,
      data: { ...data, parameter, value: valueText(p.value), origin: originSuffix(p.value) },
      related: originRelated(p.value),
      ...(p.literal ? { fix: { fixId: 'forceTls' as const, edits: [replaceSpan(resource.uri, p.valueAt, '"1"')] } } : {}),
    });
  }
  if (found) return;
  const maybe = unresolvedName ?? undecided;
  if (maybe !== undefined) {
    ctx.cannotDetermine(maybe.at, maybe.reason);
    return;
  }
  const defaultOn = family.engine === 'postgres' && family.major !== undefined && family.major >= PG_FORCE_SSL_DEFAULT_ON;
  ctx.report({
    messageId: defaultOn ? 'parameterDefaultOn' : 'parameterMissing',
    at: group.headerSpan,
    data: { ...data, parameter, family: fam.value },
    ...(defaultOn ? { severity: 'medium' as const } : {}),
    fix: { fixId: 'forceTls', edits: [insertNestedBlock(resource.uri, ctx.text, group, parameterLines(family.engine))] },
  });
}

interface Parameter {
  readonly name: Resolved;
  readonly nameAt: Span;
  readonly value?: Resolved;
  readonly valueAt?: Span;
  /** The value is a literal written in a `parameter` block (a fix may replace it). */
  readonly literal: boolean;
}

/**
 * Every `parameter` of the group: written blocks, and the contents of `dynamic "parameter"` blocks
 * expanded over their `for_each` when it resolves (e.g. `for_each = var.parameters` with a default).
 * `undecided` is set when a dynamic block's `for_each` cannot be resolved.
 */
function parameters(ctx: Ctx, group: TfBlock): { params: Parameter[]; undecided?: { at: Span; reason: string } } {
  const params: Parameter[] = [];
  let undecided: { at: Span; reason: string } | undefined;
  for (const child of group.blocks) {
    if (child.type === 'parameter') {
      const name = child.attributes.get('name');
      const value = child.attributes.get('value');
      if (name === undefined) continue;
      params.push({
        name: ctx.evaluate(name.expr),
        nameAt: name.expr.span,
        ...(value !== undefined ? { value: ctx.evaluate(value.expr), valueAt: value.expr.span } : {}),
        literal: value?.expr.kind === 'literal',
      });
      continue;
    }
    if (child.type !== 'dynamic' || child.labels[0] !== 'parameter') continue;
    const content = child.blocks.find((b) => b.type === 'content');
    const forEach = child.attributes.get('for_each');
    if (content === undefined || forEach === undefined) continue;
    const collection = ctx.evaluate(forEach.expr);
    const entries = collection.known ? entriesOf(collection.value) : undefined;
    if (!collection.known || entries === undefined) {
      undecided ??= { at: forEach.expr.span, reason: `dynamic "parameter" for_each = ${collection.known ? 'a non-collection value' : collection.text} cannot be resolved statically` };
      continue;
    }
    const iterator = iteratorName(child);
    const name = content.attributes.get('name');
    const value = content.attributes.get('value');
    if (name === undefined) continue;
    for (const [key, item] of entries) {
      const inIteration = (expr: TfExpr): Resolved => {
        const resolved = iterationValue(expr, iterator, key, item);
        if (resolved === undefined) return ctx.evaluate(expr);
        if (resolved === UNKNOWN) return { known: false, text: `${iterator}.value` };
        return collection.origin ? { known: true, value: resolved, origin: collection.origin } : { known: true, value: resolved };
      };
      params.push({
        name: inIteration(name.expr),
        nameAt: name.expr.span,
        ...(value !== undefined ? { value: inIteration(value.expr), valueAt: value.expr.span } : {}),
        literal: false,
      });
    }
  }
  return undecided === undefined ? { params } : { params, undecided };
}

function entriesOf(value: Value): [Value, Value][] | undefined {
  if (Array.isArray(value)) return (value as readonly Value[]).map((v, i) => [i, v]);
  if (value !== null && typeof value === 'object') return Object.entries(value as Record<string, Value>);
  return undefined;
}

/** `iterator = p` of a dynamic block, or its label. */
function iteratorName(dynamic: TfBlock): string {
  const it = dynamic.attributes.get('iterator');
  if (it?.expr.kind === 'reference' && it.expr.path.length === 1) {
    const step = it.expr.path[0];
    if (step !== undefined && 'name' in step) return step.name;
  }
  return dynamic.labels[0] ?? '';
}

/**
 * The value of `<iterator>.value…` / `<iterator>.key` for one element of the for_each collection;
 * undefined when the expression does not use the iterator (it is evaluated normally).
 */
function iterationValue(expr: TfExpr, iterator: string, key: Value, item: Value): Value | typeof UNKNOWN | undefined {
  const inner = expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object' ? expr.parts[0] : expr;
  if (inner.kind !== 'reference') return undefined;
  const [root, which, ...rest] = inner.path;
  if (root === undefined || !('name' in root) || root.name !== iterator) return undefined;
  if (which === undefined || !('name' in which)) return UNKNOWN;
  if (which.name === 'key') return rest.length === 0 ? key : UNKNOWN;
  if (which.name !== 'value') return UNKNOWN;
  return follow(item, rest);
}

function follow(value: Value, steps: readonly RefStep[]): Value | typeof UNKNOWN {
  let v: Value = value;
  for (const step of steps) {
    if (v === UNKNOWN || v === null || typeof v !== 'object' || 'splat' in step || 'computed' in step) return UNKNOWN;
    const k = 'name' in step ? step.name : step.index;
    v = Array.isArray(v) ? ((v as readonly Value[])[Number(k)] ?? UNKNOWN) : ((v as Record<string, Value>)[String(k)] ?? UNKNOWN);
  }
  return v;
}
