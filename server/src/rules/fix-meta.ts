import type { DecidedElsewhere, FixMeta, Report, Rule } from './types';

/**
 * The title and safety class of the fix a report offers: the rule's declared fix, or, when the fix
 * changes the value where it is decided outside the resource (`Report.fix.decidedElsewhere`), that
 * fix's variant. Undefined when the report offers no fix or names a fix the rule does not declare.
 */
export function fixMetaOf(rule: Rule, fix: Report<string, string>['fix']): FixMeta | undefined {
  if (fix === undefined) return undefined;
  const declared = (rule.fixes as Readonly<Record<string, FixMeta>>)[fix.fixId];
  if (declared === undefined || fix.decidedElsewhere === undefined) return declared;
  return decidedElsewhereMeta(declared, fix.decidedElsewhere);
}

/**
 * A fix made where the value is decided is always review: the variable may feed other attributes and
 * resources, which change with it, and the edit is in another place than the finding (fix-all never
 * edits other files). Its title is the rule's own (with its consequence), where the edit goes, and what
 * else changes: `Set storage_encrypted = true (replaces an existing instance) — in terraform.tfvars:
 * db_storage_encrypted = true (every use of var.db_storage_encrypted changes)`.
 */
export function decidedElsewhereMeta(declared: FixMeta, at: DecidedElsewhere): FixMeta {
  const written = at.place === 'tfvars' ? `${at.variable} = ${at.value}` : `variable "${at.variable}" default = ${at.value}`;
  return { title: `${declared.title} — in ${at.file}: ${written} (every use of var.${at.variable} changes)`, safety: 'review' };
}
