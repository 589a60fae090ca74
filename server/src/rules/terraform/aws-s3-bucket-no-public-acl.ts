import type { Located } from '../../model/terraform/module';
import { nestedBlocks, resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { replaceLiteral, valueText } from './helpers';
import { asString, asStringList, originRelated, originSuffix } from './values';

/**
 * aws-s3-bucket-no-public-acl
 *
 * Logic (catalog): fails when the bucket's canned ACL is public-read, public-read-write or
 * authenticated-read, written inline on `aws_s3_bucket` (`acl`, AWS provider < 4) or on an
 * `aws_s3_bucket_acl` (v4+), or when a grant names the AllUsers or AuthenticatedUsers group
 * (inline `grant { uri }` or `access_control_policy { grant { grantee { uri } } }`). Passes otherwise.
 *
 * Each resource is judged on its own (an ACL resource is bad whatever bucket it points at), so an
 * aws_s3_bucket_acl finding is shown on it and never again on the bucket. Findings are at the
 * offending value (the `acl` value or the grantee `uri`). Unknown values: cannot determine.
 *
 * Fix (catalog autofix.safe: false): replacing a literal public canned ACL with "private" is a
 * review fix, since consumers relying on the public grant lose access. Grants get no fix.
 */

const PUBLIC_ACLS: Readonly<Record<string, string>> = {
  'public-read': 'everyone on the internet read access',
  'public-read-write': 'everyone on the internet read and write access',
  'authenticated-read': 'every AWS account read access',
};
const PUBLIC_GROUPS: Readonly<Record<string, string>> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'everyone on the internet (AllUsers)',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'every AWS account (AuthenticatedUsers)',
};

const messages = {
  publicAcl: '{resource} "{name}" sets acl = {value}{origin}, which gives {who} to the bucket.',
  publicGrant: '{resource} "{name}" grants {permission} to {who}{origin}.',
};
const fixes = {
  setPrivate: { title: 'Set acl = "private" (removes the public grant: anyone relying on it loses access)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-s3-bucket-no-public-acl',
  resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_acl'],
  messages,
  fixes,
  check(resource, ctx) {
    const block = resource.node;
    checkCannedAcl(resource, ctx);
    if (resourceType(block) === 'aws_s3_bucket') {
      // Legacy inline grants (AWS provider < 4): grant { type = "Group", uri = "…", permissions = [...] }.
      for (const grant of nestedBlocks(block, 'grant')) checkGrantee(resource, grant, grant, 'permissions', ctx);
    } else {
      for (const policy of nestedBlocks(block, 'access_control_policy')) {
        for (const grant of nestedBlocks(policy, 'grant')) {
          for (const grantee of nestedBlocks(grant, 'grantee')) checkGrantee(resource, grantee, grant, 'permission', ctx);
        }
      }
    }
  },
});

function checkCannedAcl(resource: Located<TfBlock>, ctx: Ctx): void {
  const attr = resource.node.attributes.get('acl');
  if (attr === undefined) return;
  const value = ctx.evaluate(attr.expr);
  if (!value.known) {
    ctx.cannotDetermine(attr.expr.span, `acl = ${value.text} cannot be resolved statically`);
    return;
  }
  const acl = value.value === null ? undefined : asString(value.value);
  const who = acl === undefined ? undefined : PUBLIC_ACLS[acl];
  if (who === undefined) return;
  const fix = replaceLiteral(resource.uri, attr, '"private"');
  ctx.report({
    messageId: 'publicAcl',
    at: attr.expr.span,
    data: { resource: resourceType(resource.node), name: resourceName(resource.node), value: valueText(value), origin: originSuffix(value), who },
    related: originRelated(value),
    ...(fix ? { fix: { fixId: 'setPrivate' as const, edits: [fix] } } : {}),
  });
}

/** A grantee `uri` naming a public group; `permissionBlock` holds `permissions` (list) or `permission`. */
function checkGrantee(resource: Located<TfBlock>, grantee: TfBlock, permissionBlock: TfBlock, permissionAttr: string, ctx: Ctx): void {
  const attr = grantee.attributes.get('uri');
  if (attr === undefined) return;
  const value = ctx.evaluate(attr.expr);
  if (!value.known) {
    ctx.cannotDetermine(attr.expr.span, `grantee uri = ${value.text} cannot be resolved statically`);
    return;
  }
  const uri = value.value === null ? undefined : asString(value.value);
  const who = uri === undefined ? undefined : PUBLIC_GROUPS[uri];
  if (who === undefined) return;
  const p = permissionBlock.attributes.get(permissionAttr);
  const pv = p === undefined ? undefined : ctx.evaluate(p.expr);
  const list = pv?.known ? asStringList(pv.value).items : [];
  const permission = list.length > 0 ? list.join(', ') : 'access';
  ctx.report({
    messageId: 'publicGrant',
    at: attr.expr.span,
    data: { resource: resourceType(resource.node), name: resourceName(resource.node), permission, who, origin: originSuffix(value) },
    related: originRelated(value),
  });
}
