/** What the server does with a file, decided from its name and (for YAML) its content. */
export type FileKind = 'terraform' | 'terraform-vars' | 'yaml';

/** Terraform by extension; YAML is parsed and later judged to be Kubernetes by content. */
export function fileKindOf(uriOrPath: string): FileKind | undefined {
  const lower = uriOrPath.toLowerCase();
  if (lower.endsWith('.tf')) return 'terraform';
  if (lower.endsWith('.tfvars')) return 'terraform-vars';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

/**
 * Helm chart templates and other Go-templated YAML: `{{ … }}` makes the file not YAML. A `${{ … }}`
 * expression (GitHub Actions, and the like) is plain YAML text and does not count.
 */
export function looksLikeTemplate(text: string): boolean {
  return /(?<!\$)\{\{[-\s]/.test(text) || /(?<!\$)\{\{\s*[.$a-zA-Z/]/.test(text);
}

/**
 * Binary data: a NUL byte anywhere (tree-sitter stops reading at a NUL — the YAML grammar without
 * an error — so the rest of the file would silently go unanalysed), or more than 8 replacement
 * characters (left by invalid UTF-8) in the first 8 KiB.
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const head = text.slice(0, 8192);
  let replacements = 0;
  for (const ch of head) if (ch === '\uFFFD') replacements += 1;
  return replacements > 8;
}
