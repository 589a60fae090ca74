import type { TfBlock } from '../../../server/src/model/terraform/types';
import { buildSource } from '../../../server/src/workspace/source-file';
import { grammars } from '../../harness/assets';
import type { ParsedSnippet } from './snippet-file';

/**
 * A workspace made of snippets as a user ends up with them: every snippet of one platform expanded
 * into its own file of one directory (so Terraform sees one module), and the values only the user
 * can choose filled in — the `variable`s the Terraform snippets declare get a value in
 * terraform.tfvars, the `<…>` placeholders of the Kubernetes snippets a concrete value.
 */
export interface GoldenWorkspace {
  readonly files: Readonly<Record<string, string>>;
  /** The file each snippet was expanded into. */
  readonly fileOf: ReadonlyMap<ParsedSnippet, string>;
}

/** What a user types for a Terraform variable the snippets leave to them (test data, not a real resource). */
const USER_STRING = 'hciac-test-value';

/** What a user types for the `<…>` placeholders of the Kubernetes snippets. */
const KUBERNETES_COMPLETIONS: ReadonlyMap<string, string> = new Map([
  ['<registry>/<image>@sha256:<digest>', `registry.example.org/phi/app@sha256:${'0'.repeat(64)}`],
  ['<encrypted-storage-class>', 'encrypted-ssd'],
]);
const ANGLE_PLACEHOLDER = /<[a-z-]+>/;

export async function terraformWorkspace(snippets: readonly ParsedSnippet[]): Promise<GoldenWorkspace> {
  const files: Record<string, string> = {};
  const fileOf = new Map<ParsedSnippet, string>();
  const assignments: string[] = [];
  for (const snippet of snippets) {
    const name = `${snippet.prefix}.tf`;
    files[name] = snippet.expanded;
    fileOf.set(snippet, name);
    for (const variable of (await terraformBlocks(name, snippet.expanded)).filter((b) => b.type === 'variable')) {
      if (variable.attributes.has('default')) continue;
      assignments.push(`${variable.labels[0]} = ${userValue(variable)}`);
    }
  }
  files['terraform.tfvars'] = assignments.join('\n') + '\n';
  return { files, fileOf };
}

export function kubernetesWorkspace(snippets: readonly ParsedSnippet[]): GoldenWorkspace {
  const files: Record<string, string> = {};
  const fileOf = new Map<ParsedSnippet, string>();
  for (const snippet of snippets) {
    let text = snippet.expanded;
    for (const [placeholder, value] of KUBERNETES_COMPLETIONS) text = text.split(placeholder).join(value);
    const left = ANGLE_PLACEHOLDER.exec(text);
    if (left !== null) throw new Error(`${snippet.prefix}: no completion for the placeholder ${left[0]}`);
    const name = `${snippet.prefix}.yaml`;
    files[name] = text;
    fileOf.set(snippet, name);
  }
  return { files, fileOf };
}

/**
 * Addresses (`resource.aws_s3_bucket.x`, `data.…`, `variable.x`) declared more than once across the
 * Terraform files: Terraform refuses such a module, so snippets inserted side by side with their
 * defaults must not collide.
 */
export async function duplicateTerraformAddresses(files: Readonly<Record<string, string>>): Promise<string[]> {
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    if (!name.endsWith('.tf')) continue;
    for (const block of await terraformBlocks(name, text)) {
      const address = [block.type, ...block.labels].join('.');
      if (!['resource', 'data', 'variable'].includes(block.type)) continue;
      const first = seen.get(address);
      if (first !== undefined) duplicates.push(`${address} in ${first} and ${name}`);
      else seen.set(address, name);
    }
  }
  return duplicates;
}

async function terraformBlocks(name: string, text: string): Promise<readonly TfBlock[]> {
  const source = buildSource(`file:///golden/${name}`, 'terraform', text, undefined, await grammars(), { maxFileSize: 10 * 1024 * 1024 });
  if (source.model.kind !== 'terraform') throw new Error(`${name} is not Terraform`);
  return source.model.file.blocks;
}

/** An HCL value of the variable's declared type: `string`, or `list(string)` / `set(string)`. */
function userValue(variable: TfBlock): string {
  const type = variable.attributes.get('type')?.expr;
  const name = variable.labels[0] ?? '';
  if (type?.kind === 'reference' && type.text === 'string') return JSON.stringify(`${USER_STRING}-${name}`);
  if (type?.kind === 'call' && (type.name === 'list' || type.name === 'set')) return `[${JSON.stringify(`${USER_STRING}-${name}`)}]`;
  throw new Error(`variable "${name}": declare type = string or list(string) so the test can give it a value`);
}
