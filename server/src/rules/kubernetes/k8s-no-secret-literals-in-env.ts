/**
 * k8s-no-secret-literals-in-env: no plaintext credentials in container env values, ConfigMaps or
 * committed Secret manifests (catalog `fail_if_any`, all critical).
 *
 * 1. env_literal_scan, on every container (containers, initContainers, ephemeralContainers): an env
 *    item with a literal `value` (not `valueFrom`) fails when
 *    - its name is a credential name and the value looks like a credential, or
 *    - its value matches a known credential format (whatever the name).
 * 2. configmap_scan: a ConfigMap `data` entry fails on the same two tests applied to its key and value,
 *    and, for a value holding a configuration file (properties, YAML, JSON, .env lines), on each
 *    `key = value` / `key: value` line whose key is a credential name.
 * 3. secret_manifest: a Secret with a non-empty literal in `data` or `stringData` fails: base64 is an
 *    encoding, not encryption. SOPS-encrypted manifests (a root `sops:` key, or ENC[…] values) pass;
 *    SealedSecret and ExternalSecret are other kinds and are not dispatched here.
 *
 * Credential names follow the catalog's pattern (pass(word)?, secret, token, api_?key, private_?key,
 * credential; `_`, `-` or `.` between the words), read with two refinements that keep the noise low:
 * - the name must END with the credential word (DB_PASSWORD, PGPASSWORD, jwtSecret, STRIPE_API_KEY,
 *   SECRET_KEY_BASE); a name that only mentions it (PASSWORD_FILE, TOKEN_TTL, SECRET_NAME,
 *   SECRETS_MANAGER_REGION, BYPASS_CACHE) names a setting about the credential, not the credential;
 * - conn(ection)?_?str and dsn names are credentials only when the value embeds a password (a Sentry
 *   DSN or a password-less URL is not secret): that is the value test below.
 * "Looks like a credential": a non-empty string that is not a reference or a placeholder, i.e. not a
 * file path, a `$(VAR)` / `${VAR}` / `{{ … }}` / `<…>` placeholder, a secret-store reference (vault:,
 * ref+, arn:aws:secretsmanager:, …), a boolean word or a number.
 * Known credential formats: AWS access key ids, PEM private keys, GitHub, Slack, Stripe live, SendGrid
 * and Google API keys, JSON Web Tokens, URLs with an embedded password, connection strings with
 * Password=/Pwd=, Azure storage AccountKey=. The catalog's generic "high-entropy" detector is not
 * implemented: on its own it flags hashes, digests and base64 configuration (see the rule's docs).
 *
 * Where findings are shown: the env item's `value: …` entry; the ConfigMap data key; the Secret's
 * `data` / `stringData` key (one finding per Secret, naming the keys). Messages never quote the value.
 *
 * No fix (catalog autofix: manual): the credential must be rotated and moved to a Secret sourced from
 * an external store, which a text edit cannot do.
 */
import { WORKLOAD_KINDS } from '../../model/kubernetes/extract';
import type { K8sObject } from '../../model/kubernetes/types';
import { entry, get, scalarString, type YEntry, type YMap, type YNode } from '../../model/kubernetes/yaml';
import { defineKubernetesRule } from '../define-rule';
import { distinctContainers, isUnset, objectLabel, tightEntrySpan } from './containers';

const CREDENTIAL_NAME = /(pass(word)?|secret|token|api[_.-]?key|private[_.-]?key|credential)/i;
/** Last name tokens that are the credential itself. */
const CREDENTIAL_TOKENS = new Set(['PASS', 'PASSWORD', 'PASSWD', 'PWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'KEY', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS', 'CREDS']);
/** A single token ending with these is a credential too (PGPASSWORD, APITOKEN, CLIENTSECRET). */
const CREDENTIAL_SUFFIX = /(PASSWORD|PASSWD|SECRET|TOKEN|APIKEY)$/;
/** Trailing tokens that still name the credential's value (SECRET_KEY_BASE, API_TOKEN_VALUE). */
const VALUE_TOKENS = new Set(['BASE', 'VALUE', 'STRING', 'B64', 'BASE64']);

/** DB_PASSWORD, jwtSecret, spring.datasource.password → true; PASSWORD_FILE, TOKEN_TTL, BYPASS → false. */
export function isCredentialName(name: string): boolean {
  if (!CREDENTIAL_NAME.test(name)) return false;
  const tokens = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((t) => t !== '')
    .map((t) => t.toUpperCase());
  while (tokens.length > 1 && VALUE_TOKENS.has(tokens[tokens.length - 1]!)) tokens.pop();
  const last = tokens[tokens.length - 1];
  if (last === undefined) return false;
  return CREDENTIAL_TOKENS.has(last) || CREDENTIAL_SUFFIX.test(last);
}

const PLACEHOLDER = [
  /\$\{[^}]*\}/, // ${VAR} (envsubst, Terraform, Spring)
  /^\$\([^)]*\)$/, // $(VAR): Kubernetes dependent environment variables
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /\{\{.*\}\}/, // {{ … }}
  /^<[^>]*>$/, // <password>
  /^%\([^)]*\)s$/, // %(var)s
  /^__[A-Za-z0-9_]+__$/, // __PASSWORD__
  /^#\{[^}]*\}$/, // #{var}
  /^(\*+|x{3,}|X{3,}|\.{3,})$/, // ****, xxxx
  /^(redacted|replace[_-]?me|to[_-]?be[_-]?replaced|set[_-]?me|fill[_-]?me[_-]?in|tbd|todo)$/i,
  /^ENC\[[^\]]*\]$/, // SOPS
];
const REFERENCE = /^(\/|\.{1,2}\/|file:|vault:|ref\+|arn:aws:(secretsmanager|ssm|kms):|sm:\/\/|gcp:secretmanager:|projects\/[^/]+\/secrets\/|azurekeyvault:|akv:|keyvault:|secretsmanager:|ssm:|k8s:\/\/|env:)/i;
const NOT_A_SECRET = /^(true|false|yes|no|on|off|enabled|disabled|null|none|nil|~)$/i;

/** A literal value that could be a credential: non-empty and not a reference, placeholder, boolean or number. */
export function isLiteralCredential(value: string): boolean {
  const v = value.trim();
  if (v === '' || NOT_A_SECRET.test(v) || /^-?\d+(\.\d+)?$/.test(v) || REFERENCE.test(v)) return false;
  return !PLACEHOLDER.some((p) => p.test(v));
}

/** A Secret value that holds data: non-empty, and not a placeholder or a secret-store reference (booleans and numbers count). */
function isCommittedValue(value: string): boolean {
  const v = value.trim();
  return v !== '' && !REFERENCE.test(v) && !PLACEHOLDER.some((p) => p.test(v));
}

const PASSWORD_PLACEHOLDER = (p: string): boolean => !isLiteralCredential(decodeURIComponentSafe(p));

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Known credential formats: a description for the message, and a test that ignores documentation examples. */
const FORMATS: readonly { readonly what: string; readonly test: (v: string) => boolean }[] = [
  { what: 'an AWS access key id', test: (v) => /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(v) && !/EXAMPLE/.test(v) },
  { what: 'a private key', test: (v) => /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/.test(v) },
  { what: 'a GitHub token', test: (v) => /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/.test(v) },
  { what: 'a Slack token', test: (v) => /\bxox[abposr]-[A-Za-z0-9-]{10,}/.test(v) },
  { what: 'a Stripe live key', test: (v) => /\b[rs]k_live_[0-9a-zA-Z]{20,}/.test(v) },
  { what: 'a SendGrid API key', test: (v) => /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/.test(v) },
  { what: 'a Google API key', test: (v) => /\bAIza[0-9A-Za-z_-]{35}\b/.test(v) },
  { what: 'a JSON Web Token', test: (v) => /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/.test(v) },
  {
    what: 'a URL with an embedded password',
    test: (v) => [...v.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@[^\s@]/gi)].some((m) => !PASSWORD_PLACEHOLDER(m[1]!)),
  },
  {
    what: 'a connection string with a password',
    test: (v) => [...v.matchAll(/(?:^|;)\s*(?:password|pwd)\s*=\s*([^;\r\n]+)/gi)].some((m) => isLiteralCredential(m[1]!.replace(/^(["'])(.*)\1$/, '$2'))),
  },
  { what: 'an Azure storage account key', test: (v) => /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/.test(v) },
];

export function credentialFormat(value: string): string | undefined {
  return FORMATS.find((f) => f.test(value))?.what;
}

/** `key = value`, `key: value`, `"key": "value"` lines of a configuration file. */
const ASSIGNMENT = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? m[2]! : value.replace(/\s+#.*$/, '');
}

/** What makes a name/value pair a plaintext credential, or undefined. */
function judge(name: string, value: string): string | undefined {
  const format = credentialFormat(value);
  if (format !== undefined) return format;
  if (isCredentialName(name) && isLiteralCredential(value)) return 'credential';
  return undefined;
}

/** A ConfigMap value: the pair itself, else a credential assignment on one of its lines. */
function judgeConfigValue(key: string, value: string): string | undefined {
  const direct = judge(key, value);
  if (direct !== undefined) return direct;
  for (const line of value.split(/\r?\n/)) {
    const m = ASSIGNMENT.exec(line);
    if (m === null) continue;
    const inner = unquote(m[2]!);
    if (inner === '' || inner === '{' || inner === '[') continue;
    if (isCredentialName(m[1]!) && isLiteralCredential(inner)) return `credential (${m[1]!})`;
  }
  return undefined;
}

function describeWhat(what: string): string {
  return what === 'credential' ? 'a credential' : what.startsWith('credential (') ? `a credential ${what.slice('credential '.length)}` : what;
}

function stringValue(node: YNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

function isSopsEncrypted(object: K8sObject): boolean {
  if (!isUnset(get(object.root, 'sops'))) return true;
  const values = ['data', 'stringData'].flatMap((k) => {
    const m = get(object.root, k);
    return m?.kind === 'map' ? m.entries.map((e) => stringValue(e.value) ?? '') : [];
  });
  return values.length > 0 && values.every((v) => v === '' || v.startsWith('ENC['));
}

function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

export default defineKubernetesRule({
  id: 'k8s-no-secret-literals-in-env',
  kinds: [...WORKLOAD_KINDS, 'ConfigMap', 'Secret'],
  messages: {
    env: 'Container "{container}" of {object} sets env {name} to {what} written in the manifest, where it ends up in Git history, CI logs and kubectl describe output.',
    configMap: '{object} holds {what} in plain text under key {key}; ConfigMaps are readable by anyone who can read the namespace\'s configuration.',
    secret: '{object} commits {keys} in the manifest: base64 is an encoding, not encryption, so anyone with the repository can read the credentials.',
  },
  fixes: {},
  check(object, ctx) {
    const label = objectLabel(object);
    if (object.kind === 'Secret') {
      if (isSopsEncrypted(object)) return;
      const committed: string[] = [];
      let first: YEntry | undefined;
      for (const field of ['stringData', 'data'] as const) {
        const e = entry(object.root, field);
        const map = e?.value;
        if (e === undefined || map?.kind !== 'map') continue;
        for (const item of map.entries) {
          const raw = stringValue(item.value);
          if (raw === undefined) continue;
          const plain = field === 'data' ? decodeBase64(raw) : raw;
          if (!isCommittedValue(plain ?? raw)) continue;
          if (!committed.includes(item.key)) committed.push(item.key);
          first ??= e;
        }
      }
      if (first === undefined) return;
      const shown = committed.slice(0, 5).map((k) => `"${k}"`);
      const keys = `${committed.length === 1 ? 'the value' : `${committed.length} values`} ${list(shown)}${committed.length > 5 ? ' and more' : ''}`;
      ctx.report({ messageId: 'secret', at: first.keySpan, data: { object: label, keys } });
      return;
    }

    if (object.kind === 'ConfigMap') {
      const data = get(object.root, 'data');
      if (data?.kind !== 'map') return;
      for (const item of data.entries) {
        const value = stringValue(item.value);
        if (value === undefined) continue;
        const what = judgeConfigValue(item.key, value);
        if (what !== undefined) ctx.report({ messageId: 'configMap', at: item.keySpan, data: { object: label, key: item.key, what: describeWhat(what) } });
      }
      return;
    }

    for (const container of distinctContainers(object)) {
      const env = get(container.node, 'env');
      if (env?.kind !== 'seq') continue;
      const seen = new Set<YMap>();
      for (const item of env.items) {
        if (item.kind !== 'map' || seen.has(item)) continue;
        seen.add(item);
        const name = scalarString(get(item, 'name'));
        const valueEntry = entry(item, 'value');
        const value = stringValue(valueEntry?.value);
        if (name === undefined || valueEntry === undefined || value === undefined) continue;
        const what = judge(name, value);
        if (what !== undefined) {
          ctx.report({ messageId: 'env', at: tightEntrySpan(valueEntry), data: { container: container.name, object: label, name, what: describeWhat(what) } });
        }
      }
    }
  },
});
