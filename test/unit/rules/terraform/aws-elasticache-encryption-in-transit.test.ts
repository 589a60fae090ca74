import rule from '../../../../server/src/rules/terraform/aws-elasticache-encryption-in-transit';
import { runRuleCases } from '../../../harness/rule-cases';

const group = (attrs: string): string =>
  `resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id = "phi-sessions"\n  description          = "Patient portal sessions"\n  node_type            = "cache.r7g.large"\n${attrs}}\n`;
/** What the fixes append: the user group is the user's choice, so a variable without a default. */
const groupVariable =
  '\nvariable "elasticache_user_group_id" {\n  description = "ID of the ElastiCache RBAC user group whose users may connect (aws_elasticache_user_group)"\n  type        = string\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'TLS with an AUTH token from a variable', code: 'variable "redis_auth" {\n  sensitive = true\n}\n' + group('  transit_encryption_enabled = true\n  auth_token                 = var.redis_auth\n') },
    { name: 'TLS with RBAC user groups', code: group('  transit_encryption_enabled = true\n  user_group_ids             = [aws_elasticache_user_group.app.id]\n') },
    { name: 'enabled through terraform.tfvars', files: { 'main.tf': 'variable "tls" {}\n' + group('  transit_encryption_enabled = var.tls\n  auth_token                 = var.token\n'), 'terraform.tfvars': 'tls = true\n' } },
    { name: 'unknown value is not judged', code: 'variable "tls" {}\n' + group('  transit_encryption_enabled = var.tls\n') },
    { name: 'Global Datastore member inherits the setting', code: group('  global_replication_group_id = aws_elasticache_global_replication_group.g.global_replication_group_id\n') },
  ],
  invalid: [
    {
      name: 'not set, Redis 6: review fix (the group is replaced)',
      code: group('  engine_version       = "6.2"\n').replace('resource "aws_elasticache_replication_group" "sessions"', '«resource "aws_elasticache_replication_group" "sessions"»'),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'enableWithAuth',
      output: group('  engine_version       = "6.2"\n  transit_encryption_enabled = true\n  user_group_ids       = [var.elasticache_user_group_id]\n') + groupVariable,
    },
    {
      name: 'false on Redis 7: review fix enables it in preferred mode',
      code: group('  engine_version             = "7.1"\n  transit_encryption_enabled = «false»\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enableOnlineWithAuth',
      output:
        group('  engine_version             = "7.1"\n  transit_encryption_enabled = true\n  transit_encryption_mode = "preferred"\n  user_group_ids = [var.elasticache_user_group_id]\n') +
        groupVariable,
    },
    {
      name: 'false on Redis 7 with an AUTH token: the fix only enables TLS in preferred mode',
      code: 'variable "redis_auth" {}\n' + group('  engine_version             = "7.1"\n  auth_token                 = var.redis_auth\n  transit_encryption_enabled = «false»\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enableOnline',
      output:
        'variable "redis_auth" {}\n' +
        group('  engine_version             = "7.1"\n  auth_token                 = var.redis_auth\n  transit_encryption_enabled = true\n  transit_encryption_mode = "preferred"\n'),
    },
    {
      name: 'false from a variable default, for_each group reported once: related, no fix',
      files: {
        'main.tf': group('  for_each                   = toset(["a", "b"])\n  transit_encryption_enabled = «var.tls»\n'),
        'variables.tf': 'variable "tls" {\n  default = false\n}\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'TLS without AUTH or RBAC (warn, medium): the fix asks for an RBAC user group',
      code: group('  transit_encryption_enabled = true\n').replace('resource "aws_elasticache_replication_group" "sessions"', '«resource "aws_elasticache_replication_group" "sessions"»'),
      findings: [{ messageId: 'noAuth', severity: 'medium' }],
      fix: 'requireAuth',
      output: group('  transit_encryption_enabled = true\n  user_group_ids = [var.elasticache_user_group_id]\n') + groupVariable,
    },
  ],
});
