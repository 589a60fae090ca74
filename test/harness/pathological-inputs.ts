import type { AnalysisNote } from '../../server/src/engine/finding';

/**
 * Hostile and extreme files, generated on demand, with what the server must publish for each:
 * findings of the named rules, or exactly one information note, or both (a partial analysis) —
 * never a crash. Shared by test/protocol/pathological.test.ts (behaviour) and the benchmark (time).
 * The limits behind the notes are documented in docs/limits.md.
 */
export interface PathologicalInput {
  readonly name: string;
  /** File name; its extension decides how the server reads it. */
  readonly file: string;
  readonly text: () => string;
  /** Rules that must report (at least these codes); omitted: no findings at all. */
  readonly findings?: readonly string[];
  /** The one information note the file must carry. */
  readonly note?: AnalysisNote['code'];
  /** Findings must all start before this line (0-based): what follows is broken or beyond a limit. */
  readonly findingsBeforeLine?: number;
}

const MB = 1024 * 1024;

/** An RDS instance without storage encryption: `aws-rds-instance-storage-encrypted` on line 2 of the block. */
export const rdsResource = (name: string): string => `resource "aws_db_instance" "${name}" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n`;

/** A pod on the host network: `k8s-no-host-network`. */
export const hostNetworkPod = (name: string, extra = ''): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: phi\nspec:\n  hostNetwork: true\n${extra}  containers:\n    - name: app\n      image: registry.example/app@sha256:0\n`;

const RDS = 'aws-rds-instance-storage-encrypted';
const HOST_NETWORK = 'k8s-no-host-network';

function repeatUntil(length: number, piece: (i: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const p = piece(i);
    parts.push(p);
    size += p.length;
  }
  return parts.join('');
}

function linesOf(count: number, piece: (i: number) => string): string {
  const lines: string[] = [];
  for (let i = 0; lines.length < count; i++) lines.push(...piece(i).split('\n').slice(0, -1));
  return lines.slice(0, count).join('\n') + '\n';
}

/** A ConfigMap of `count` lines. */
const configMapLines = (count: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: phi}\ndata:\n${linesOf(count - 4, (i) => `  k${i}: v${i}\n`)}`;

/** A ConfigMap-style billion laughs: 9 levels of 9 aliases each (9^9 nodes if anything expanded them). */
function billionLaughs(): string {
  const names = 'abcdefghi';
  let out = `    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n`;
  for (let i = 1; i < names.length; i++) out += `    ${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]\n`;
  return out;
}

export const PATHOLOGICAL_INPUTS: readonly PathologicalInput[] = [
  { name: 'a 10 MB Terraform file', file: 'huge.tf', text: () => repeatUntil(10 * MB, (i) => rdsResource(`db${i}`)), note: 'file-too-large' },
  { name: 'a 50,000-line Terraform file', file: 'long.tf', text: () => `${rdsResource('first')}locals {\n${linesOf(50_000, (i) => `  k${i} = "v${i}"\n`)}}\n${rdsResource('last')}`, findings: [RDS] },
  {
    name: 'a 50,000-line Kubernetes stream (past the YAML line limit: analysed up to it, one note)',
    file: 'long.yaml',
    text: () => `${hostNetworkPod('first')}---\n${configMapLines(50_000)}---\n${hostNetworkPod('last')}`,
    findings: [HOST_NETWORK],
    note: 'partially-analysed',
    findingsBeforeLine: 32_767,
  },
  {
    name: 'a Kubernetes stream with CRLF line breaks past the YAML line limit (a CRLF counts two)',
    file: 'long-crlf.yaml',
    text: () => `${hostNetworkPod('first')}---\n${configMapLines(20_000)}---\n${hostNetworkPod('last')}`.replace(/\n/g, '\r\n'),
    findings: [HOST_NETWORK],
    note: 'partially-analysed',
    findingsBeforeLine: 16_384,
  },
  { name: 'a 1 MB single line (Terraform string)', file: 'wide.tf', text: () => `locals {\n  blob = "${'x'.repeat(MB)}"\n}\n${rdsResource('after')}`, findings: [RDS] },
  { name: 'a 1 MB single line (Terraform list)', file: 'wide-list.tf', text: () => `locals {\n  ids = [${'1, '.repeat(MB / 3)}]\n}\n${rdsResource('after')}`, findings: [RDS] },
  { name: 'a 1 MB single line (YAML annotation)', file: 'wide.yaml', text: () => hostNetworkPod('wide').replace('  namespace: phi\n', `  namespace: phi\n  annotations:\n    blob: "${'y'.repeat(MB)}"\n`), findings: [HOST_NETWORK] },
  { name: 'YAML nested 10,000 deep (compact block sequences)', file: 'deep-seq.yaml', text: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n  ${'- '.repeat(10_000)}x\n`, note: 'nested-too-deep' },
  { name: 'YAML nested 300 deep (indented block mappings)', file: 'deep-map.yaml', text: () => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} leaf\n`, note: 'nested-too-deep' },
  {
    name: 'YAML nested 10,000 deep (flow collections: the model stops at its depth cap)',
    file: 'deep-flow.yaml',
    text: () => hostNetworkPod('flow', `  x-deep: ${'{a: ['.repeat(5_000)}1${']}'.repeat(5_000)}\n`),
    findings: [HOST_NETWORK],
  },
  { name: 'Terraform tuples nested 10,000 deep', file: 'deep-tuple.tf', text: () => `locals {\n  x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}\n${rdsResource('db')}`, note: 'nested-too-deep' },
  { name: 'Terraform objects nested 10,000 deep', file: 'deep-object.tf', text: () => `locals {\n  x = ${'{a = '.repeat(10_000)}1${'}'.repeat(10_000)}\n}\n${rdsResource('db')}`, note: 'nested-too-deep' },
  { name: 'Terraform blocks nested 10,000 deep', file: 'deep-blocks.tf', text: () => `resource "aws_db_instance" "db" {\n${'a {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}}\n`, note: 'nested-too-deep' },
  { name: 'Terraform parentheses nested 10,000 deep', file: 'deep-parens.tf', text: () => `locals {\n  x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n}\n`, note: 'nested-too-deep' },
  { name: 'a YAML alias bomb (billion laughs)', file: 'bomb.yaml', text: () => hostNetworkPod('lol', `  x-lol:\n${billionLaughs()}`), findings: [HOST_NETWORK] },
  {
    name: 'a YAML alias bomb through container lists',
    file: 'bomb-containers.yaml',
    text: () =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: lol, namespace: phi}\nspec:\n  hostNetwork: true\n  containers: &c0\n    - {name: a, image: "x@sha256:0", securityContext: {privileged: true}}\n` +
      Array.from({ length: 9 }, (_, i) => `  x-c${i + 1}: &c${i + 1} [${Array(9).fill(`*c${i}`).join(', ')}]\n`).join('') +
      `  initContainers: *c9\n`,
    findings: [HOST_NETWORK, 'k8s-no-privileged-containers'],
  },
  { name: 'binary data in a .tf', file: 'blob.tf', text: () => Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256)).toString('utf8'), note: 'binary-file' },
  { name: 'invalid UTF-8 in a .tf (decoded to replacement characters)', file: 'latin1.tf', text: () => Buffer.from(`# caf\xe9 na\xefve r\xe9sum\xe9 \xe0 \xe9t\xe9 \xfc\xf1\xee\n${rdsResource('db')}`, 'latin1').toString('utf8'), note: 'binary-file' },
  { name: 'a byte order mark', file: 'bom.tf', text: () => `\uFEFF${rdsResource('db')}`, findings: [RDS] },
  { name: 'a NUL byte at the start', file: 'nul-early.tf', text: () => `\u0000${rdsResource('db')}`, note: 'binary-file' },
  { name: 'a NUL byte after 64 KiB (tree-sitter would stop reading there)', file: 'nul-late.yaml', text: () => `${repeatUntil(64 * 1024, (i) => `# padding ${i}\n`)}${hostNetworkPod('a')}\u0000\n---\n${hostNetworkPod('b')}`, note: 'binary-file' },
  {
    name: 'an unterminated string',
    file: 'open-string.tf',
    text: () => `${rdsResource('ok')}resource "aws_db_instance" "broken" {\n  engine            = "postgres\n  storage_encrypted = false\n}\n`,
    findings: [RDS],
    findingsBeforeLine: 4,
  },
  { name: 'an unterminated heredoc', file: 'open-heredoc.tf', text: () => `${rdsResource('ok')}locals {\n  policy = <<EOT\n${rdsResource('inside')}`, findings: [RDS], findingsBeforeLine: 4 },
  {
    name: 'an unterminated YAML quoted scalar',
    file: 'open-quote.yaml',
    text: () => `${hostNetworkPod('ok')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: "broken\nspec:\n  hostNetwork: true\n`,
    findings: [HOST_NETWORK],
    findingsBeforeLine: 11,
  },
  { name: 'a Helm template', file: 'templates/deployment.yaml', text: () => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.hostNetwork }}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n{{- end }}\n`, note: 'helm-template' },
];
