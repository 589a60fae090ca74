import rule from '../../../../server/src/rules/terraform/aws-elasticache-encryption-at-rest';
import { runRuleCases } from '../../../harness/rule-cases';

const group = (attrs: string, label = 'sessions'): string =>
  `resource "aws_elasticache_replication_group" "${label}" {\n  replication_group_id = "phi-sessions"\n  description          = "Patient portal sessions"\n  node_type            = "cache.r7g.large"\n  num_cache_clusters   = 2\n${attrs}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'encrypted at rest', code: group('  at_rest_encryption_enabled = true\n  kms_key_id                 = aws_kms_key.cache.arn\n') },
    { name: 'serverless caches are always encrypted', code: 'resource "aws_elasticache_serverless_cache" "s" {\n  engine = "valkey"\n  name   = "sessions"\n}\n' },
    { name: 'enabled through a variable default', files: { 'main.tf': group('  at_rest_encryption_enabled = var.encrypt\n'), 'variables.tf': 'variable "encrypt" {\n  default = true\n}\n' } },
    { name: 'unknown value is not judged', code: 'variable "encrypt" {}\n' + group('  at_rest_encryption_enabled = var.encrypt\n') },
    { name: 'unknown engine with the attribute absent is not judged', code: 'variable "engine" {}\n' + group('  engine = var.engine\n') },
    { name: 'Global Datastore member inherits the setting', code: group('  global_replication_group_id = aws_elasticache_global_replication_group.g.global_replication_group_id\n') },
  ],
  invalid: [
    {
      name: 'not set on Redis OSS (the default engine): review fix, the group is replaced',
      code: group('').replace('resource "aws_elasticache_replication_group" "sessions"', '«resource "aws_elasticache_replication_group" "sessions"»'),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'enable',
      output: group('  at_rest_encryption_enabled = true\n'),
    },
    {
      name: 'explicitly false',
      code: group('  engine                     = "redis"\n  at_rest_encryption_enabled = «false»\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: group('  engine                     = "redis"\n  at_rest_encryption_enabled = true\n'),
    },
    {
      name: 'false from terraform.tfvars, count group reported once',
      files: {
        'main.tf': 'variable "encrypt" {}\n' + group('  count                      = 2\n  at_rest_encryption_enabled = «var.encrypt»\n'),
        'terraform.tfvars': 'encrypt = false\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'Valkey relies on its default (warn, medium)',
      code: group('  engine               = "valkey"\n').replace('resource "aws_elasticache_replication_group" "sessions"', '«resource "aws_elasticache_replication_group" "sessions"»'),
      findings: [{ messageId: 'valkeyDefault', severity: 'medium' }],
      fix: 'declare',
      output: group('  engine               = "valkey"\n  at_rest_encryption_enabled = true\n'),
    },
  ],
});
