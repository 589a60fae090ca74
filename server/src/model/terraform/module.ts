import type { Location } from '../span';
import { recordLookup } from './lookups';
import type { Resolved } from './evaluate';
import { isResource, resourceName, resourceType, type TfAttribute, type TfBlock, type TfExpr, type TfFile } from './types';

/** A block together with the file it is declared in. */
export interface Located<T> {
  readonly uri: string;
  readonly node: T;
}

/** One input of a `module` block, evaluated in the calling module. */
export interface ModuleInput {
  readonly value: Resolved;
  /** The `name = value` attribute in the `module` block. */
  readonly at: Location;
}

/** How a module directory is instantiated by a `module` block of another module. */
export interface ModuleInstantiation {
  /** The instance's address: `module.db`, `module.db["prod"]`, `module.app.module.db`. */
  readonly address: string;
  /** The arguments of the call other than meta-arguments, by variable name. */
  readonly inputs: ReadonlyMap<string, ModuleInput>;
}

/**
 * A Terraform module: every .tf and .tfvars file of one directory, open or not. Lookups cover all
 * files, so a rule analysing main.tf sees the companion resource in s3.tf and the variable default in
 * variables.tf. Built once per module version and immutable.
 *
 * Analysed on its own, a module is a root module: its variables take terraform.tfvars/*.auto.tfvars,
 * then their defaults. Instantiated by a `module` block (`instantiation`), its variables take the
 * call's inputs, then their defaults; Terraform does not read a child module's .tfvars files.
 */
export class TfModule {
  private readonly byType = new Map<string, Located<TfBlock>[]>();
  private readonly dataByType = new Map<string, Located<TfBlock>[]>();
  private readonly variables = new Map<string, Located<TfBlock>>();
  private readonly locals = new Map<string, Located<TfAttribute>>();
  private readonly tfvars = new Map<string, Located<TfAttribute>>();
  private readonly byBlockType = new Map<string, Located<TfBlock>[]>();
  private readonly byAddress = new Map<string, Located<TfBlock>>();

  constructor(
    readonly dir: string,
    private readonly allFiles: readonly TfFile[],
    readonly instantiation?: ModuleInstantiation,
  ) {
    const files = allFiles;
    // terraform.tfvars first, then *.auto.tfvars in lexical order: later definitions win (Terraform's precedence).
    const varFiles = files
      .filter((f) => instantiation === undefined && f.kind === 'terraform-vars' && isAutoLoadedVarFile(f.uri))
      .sort((a, b) => varFileRank(a.uri) - varFileRank(b.uri) || (a.uri < b.uri ? -1 : 1));
    for (const file of varFiles) for (const [name, attr] of file.attributes) this.tfvars.set(name, { uri: file.uri, node: attr });
    for (const file of files) {
      if (file.kind !== 'terraform') continue;
      for (const block of file.blocks) {
        const sameType = this.byBlockType.get(block.type) ?? [];
        sameType.push({ uri: file.uri, node: block });
        this.byBlockType.set(block.type, sameType);
        if (isResource(block)) {
          const address = `${resourceType(block)}.${resourceName(block)}`;
          if (!this.byAddress.has(address)) this.byAddress.set(address, { uri: file.uri, node: block });
          const list = this.byType.get(resourceType(block)) ?? [];
          list.push({ uri: file.uri, node: block });
          this.byType.set(resourceType(block), list);
        } else if (block.type === 'data' && block.labels.length >= 2) {
          const list = this.dataByType.get(resourceType(block)) ?? [];
          list.push({ uri: file.uri, node: block });
          this.dataByType.set(resourceType(block), list);
        } else if (block.type === 'variable' && block.labels[0] !== undefined) {
          if (!this.variables.has(block.labels[0])) this.variables.set(block.labels[0], { uri: file.uri, node: block });
        } else if (block.type === 'locals') {
          for (const [name, attr] of block.attributes) if (!this.locals.has(name)) this.locals.set(name, { uri: file.uri, node: attr });
        }
      }
    }
  }

  /** Every file of the module (a rule that reads this depends on everything: prefer the lookups below). */
  get files(): readonly TfFile[] {
    recordLookup('*');
    return this.allFiles;
  }

  /**
   * The files, for finding which one holds an expression the caller already has (e.g. the `dynamic`
   * block around it): not a dependency, since the answer is fixed by the expression's own block.
   */
  filesHoldingExpressions(): readonly TfFile[] {
    return this.allFiles;
  }

  resourcesOfType(type: string): readonly Located<TfBlock>[] {
    recordLookup(`type:${type}`);
    return this.byType.get(type) ?? [];
  }

  /**
   * The resource `<type>.<name>` (the first declared when names repeat). Depends on that resource
   * only: prefer it to searching resourcesOfType, which depends on every resource of the type.
   */
  resource(type: string, name: string): Located<TfBlock> | undefined {
    recordLookup(`res:${type}.${name}`);
    return this.byAddress.get(`${type}.${name}`);
  }

  /** Top-level blocks of one block type (`provider`, `import`, `moved`, …), in file and source order. */
  topLevelBlocks(type: string): readonly Located<TfBlock>[] {
    recordLookup(`block:${type}`);
    return this.byBlockType.get(type) ?? [];
  }

  /** `data "<type>" "…"` blocks of the module (e.g. every aws_iam_policy_document). */
  dataSources(type: string): readonly Located<TfBlock>[] {
    recordLookup(`data:${type}`);
    return this.dataByType.get(type) ?? [];
  }

  /** The data source `data.<type>.<name>`; the first declaration wins, like variables. */
  dataSource(type: string, name: string): Located<TfBlock> | undefined {
    return this.dataSources(type).find((d) => resourceName(d.node) === name);
  }

  variable(name: string): Located<TfBlock> | undefined {
    recordLookup(`var:${name}`);
    return this.variables.get(name);
  }

  local(name: string): Located<TfAttribute> | undefined {
    recordLookup(`local:${name}`);
    return this.locals.get(name);
  }

  /** The value assigned in terraform.tfvars / *.auto.tfvars, if any (the last one loaded wins). */
  tfvarsValue(name: string): Located<TfAttribute> | undefined {
    recordLookup(`tfvars:${name}`);
    return this.tfvars.get(name);
  }

  /** The input the calling `module` block passes for variable `name` (only for an instantiated module). */
  input(name: string): ModuleInput | undefined {
    recordLookup(`input:${name}`);
    return this.instantiation?.inputs.get(name);
  }

  /**
   * Resources of `type` whose attribute `attr` points at `target`: by reference
   * (`aws_s3_bucket.phi.id`, `.bucket`, `.arn`, …) or by the target's literal name/id.
   */
  referencing(target: Located<TfBlock>, type: string, attr: string, targetNames: readonly string[] = []): Located<TfBlock>[] {
    return this.resourcesOfType(type).filter((candidate) => {
      const a = candidate.node.attributes.get(attr);
      return a !== undefined && refersTo(a.expr, target.node, targetNames);
    });
  }
}

/** True when `expr` is a reference to `resource` (e.g. `aws_s3_bucket.phi.id`) or equals one of its literal names. */
export function refersTo(expr: TfExpr, resource: TfBlock, literalNames: readonly string[] = []): boolean {
  if (expr.kind === 'reference') {
    const [t, n] = expr.path;
    return t !== undefined && n !== undefined && 'name' in t && 'name' in n && t.name === resourceType(resource) && n.name === resourceName(resource);
  }
  if (expr.kind === 'literal' && typeof expr.value === 'string') return literalNames.includes(expr.value);
  // Terraform 0.11 style `"${aws_s3_bucket.phi.id}"`: an interpolation-only string is the reference itself.
  if (expr.kind === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'object') return refersTo(expr.parts[0], resource, literalNames);
  return false;
}

function isAutoLoadedVarFile(uri: string): boolean {
  const base = uri.slice(uri.lastIndexOf('/') + 1);
  return base === 'terraform.tfvars' || base.endsWith('.auto.tfvars');
}

function varFileRank(uri: string): number {
  return uri.endsWith('/terraform.tfvars') || uri === 'terraform.tfvars' ? 0 : 1;
}

export function locationOf<T extends { span: Location['span'] }>(located: Located<T>): Location {
  return { uri: located.uri, span: located.node.span };
}
