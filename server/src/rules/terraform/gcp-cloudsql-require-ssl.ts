/**
 * gcp-cloudsql-require-ssl
 *
 * Logic (catalog, pass_if_any): a google_sql_database_instance passes when
 * `settings.ip_configuration.ssl_mode` is "ENCRYPTED_ONLY" or "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
 * (google provider 5+; ENCRYPTED_ONLY passes for every engine), or when the legacy
 * `settings.ip_configuration.require_ssl` is true. ssl_mode "ALLOW_UNENCRYPTED_AND_ENCRYPTED", or
 * neither attribute (no ip_configuration / settings), fails. Unknown values are never guessed.
 *
 * Findings: on ssl_mode's value, else on `require_ssl = false`, else on the header of the deepest
 * block written (ip_configuration, settings, or the resource).
 *
 * Fix (safe, catalog autofix.safe): sets ssl_mode = "ENCRYPTED_ONLY" — replaces a literal weaker mode,
 * or inserts it (with an `ip_configuration` block when settings has none). `require_ssl = false` is
 * left as is: the API pairs ENCRYPTED_ONLY with require_ssl = false. In place; clients that do not use
 * TLS are refused, Cloud SQL Auth Proxy and connectors are unaffected. No fix without `settings`.
 */
import type { Located } from '../../model/terraform/module';
import { resourceName, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { descend, insertNestedAttributes, judgeBool, replaceLiteral, valueText } from './helpers';
import { asString, originRelated, originSuffix } from './values';

const ALLOWED = ['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'];
const SSL_MODE = ['ssl_mode', '"ENCRYPTED_ONLY"'] as const;

const messages = {
  missing: 'google_sql_database_instance "{name}" does not set ssl_mode; clients may connect without TLS.',
  weakMode: 'google_sql_database_instance "{name}" sets ssl_mode = {value}{origin}; clients may connect without TLS.',
  sslOff: 'google_sql_database_instance "{name}" sets require_ssl = {value}{origin} and no ssl_mode; clients may connect without TLS.',
};
const fixes = {
  encryptedOnly: { title: 'Set ssl_mode = "ENCRYPTED_ONLY" (clients without TLS are refused)', safety: 'safe' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'gcp-cloudsql-require-ssl',
  resourceTypes: ['google_sql_database_instance'],
  messages,
  fixes,
  check(resource, ctx) {
    const name = resourceName(resource.node);
    const path = descend(resource.node, ['settings', 'ip_configuration']);
    if (path.blocks.length === 0) {
      const fixable = path.deepest !== resource.node; // settings exists, ip_configuration does not
      ctx.report({
        messageId: 'missing',
        at: path.deepest.headerSpan,
        data: { name },
        ...(fixable ? { fix: { fixId: 'encryptedOnly' as const, edits: [insertNestedAttributes(resource.uri, ctx.text, path.deepest, path.missing, [SSL_MODE])] } } : {}),
      });
      return;
    }
    for (const ip of path.blocks) checkIpConfiguration(resource, ip, name, ctx);
  },
});

function checkIpConfiguration(resource: Located<TfBlock>, ip: TfBlock, name: string, ctx: Ctx): void {
  const mode = ip.attributes.get('ssl_mode');
  const modeValue = mode === undefined ? undefined : ctx.evaluate(mode.expr);
  const modeText = modeValue?.known === true && modeValue.value !== null ? asString(modeValue.value) : undefined;
  if (modeText !== undefined && ALLOWED.includes(modeText)) return;
  const legacy = judgeBool(ctx, ip, 'require_ssl', true, 'fail');
  if (legacy.kind === 'ok') return;
  if (modeValue?.known === false) {
    ctx.cannotDetermine(mode!.expr.span, `ssl_mode = ${modeValue.text} cannot be resolved statically`);
    return;
  }
  if (legacy.kind === 'unknown') {
    ctx.cannotDetermine(legacy.at, legacy.reason);
    return;
  }
  if (mode !== undefined && modeValue?.known === true && modeValue.value !== null) {
    const fix = replaceLiteral(resource.uri, mode, SSL_MODE[1]);
    ctx.report({
      messageId: 'weakMode',
      at: mode.expr.span,
      data: { name, value: valueText(modeValue), origin: originSuffix(modeValue) },
      related: originRelated(modeValue),
      ...(fix ? { fix: { fixId: 'encryptedOnly' as const, edits: [fix] } } : {}),
    });
    return;
  }
  // No usable ssl_mode: insert one unless an explicit `ssl_mode = null` is written (the value comes from elsewhere).
  const fix = mode === undefined ? { fix: { fixId: 'encryptedOnly' as const, edits: [insertNestedAttributes(resource.uri, ctx.text, ip, [], [SSL_MODE])] } } : {};
  if (legacy.kind === 'wrong') {
    ctx.report({
      messageId: 'sslOff',
      at: legacy.attr.expr.span,
      data: { name, value: valueText(legacy.resolved), origin: originSuffix(legacy.resolved) },
      related: originRelated(legacy.resolved),
      ...fix,
    });
    return;
  }
  ctx.report({ messageId: 'missing', at: ip.headerSpan, data: { name }, ...fix });
}
