import rule from '../../../../server/src/rules/terraform/aws-s3-bucket-no-public-acl';
import { runRuleCases } from '../../../harness/rule-cases';

const acl = (value: string): string => `resource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  acl    = ${value}\n}\n`;
const grantAcl = (uri: string, permission = '"READ"'): string =>
  'resource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  access_control_policy {\n    grant {\n      grantee {\n        type = "Group"\n' +
  `        uri  = ${uri}\n      }\n      permission = ${permission}\n    }\n    owner {\n      id = data.aws_canonical_user_id.current.id\n    }\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'inline private ACL', code: 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n  acl    = "private"\n}\n' },
    { name: 'no ACL at all', code: 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n}\n' },
    { name: 'v4 ACL resource, private', code: acl('"private"') },
    { name: 'log-delivery-write is not public', code: acl('"log-delivery-write"') },
    { name: 'ACL from a variable default that is private', files: { 'main.tf': acl('var.acl'), 'variables.tf': 'variable "acl" {\n  default = "private"\n}\n' } },
    { name: 'grant to the LogDelivery group', code: grantAcl('"http://acs.amazonaws.com/groups/s3/LogDelivery"', '"WRITE"') },
    { name: 'an unknown ACL is not judged', code: 'variable "acl" {}\n' + acl('var.acl') },
    { name: 'count bucket with a private ACL', code: 'resource "aws_s3_bucket" "phi" {\n  count = 2\n  acl   = "private"\n}\n' },
  ],
  invalid: [
    {
      name: 'inline public-read: review fix sets private',
      code: 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n  acl    = «"public-read"»\n}\n',
      findings: [{ messageId: 'publicAcl', severity: 'critical' }],
      fix: 'setPrivate',
      output: 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-data"\n  acl    = "private"\n}\n',
    },
    {
      name: 'v4 ACL resource public-read-write',
      code: acl('«"public-read-write"»'),
      findings: [{ messageId: 'publicAcl' }],
      fix: 'setPrivate',
      output: acl('"private"'),
    },
    {
      name: 'authenticated-read from terraform.tfvars: related to the tfvars, no fix at the use site',
      files: { 'main.tf': 'variable "acl" {}\n' + acl('«var.acl»'), 'terraform.tfvars': 'acl = "authenticated-read"\n' },
      findings: [{ messageId: 'publicAcl', relatedCount: 1 }],
    },
    {
      name: 'for_each bucket with an inline public ACL: one finding for the block',
      code: 'resource "aws_s3_bucket" "phi" {\n  for_each = toset(["a", "b"])\n  acl      = «"public-read"»\n}\n',
      findings: [{ messageId: 'publicAcl' }],
    },
    {
      name: 'grant to AllUsers in access_control_policy',
      code: grantAcl('«"http://acs.amazonaws.com/groups/global/AllUsers"»'),
      findings: [{ messageId: 'publicGrant' }],
    },
    {
      name: 'dynamic grant to AuthenticatedUsers',
      code:
        'resource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  access_control_policy {\n    dynamic "grant" {\n      for_each = [1]\n      content {\n        grantee {\n          type = "Group"\n' +
        '          uri  = «"http://acs.amazonaws.com/groups/global/AuthenticatedUsers"»\n        }\n        permission = "READ"\n      }\n    }\n    owner {\n      id = "x"\n    }\n  }\n}\n',
      findings: [{ messageId: 'publicGrant' }],
    },
    {
      name: 'legacy inline grant block to AllUsers',
      code: 'resource "aws_s3_bucket" "phi" {\n  grant {\n    type        = "Group"\n    permissions = ["READ_ACP", "WRITE"]\n    uri         = «"http://acs.amazonaws.com/groups/global/AllUsers"»\n  }\n}\n',
      findings: [{ messageId: 'publicGrant' }],
    },
  ],
});
