import rule from '../../../../server/src/rules/terraform/aws-elasticache-redis-backup';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (attrs: string, label = 'queue'): string =>
  `resource "aws_elasticache_cluster" "${label}" {\n  cluster_id      = "phi-queue"\n  engine          = "redis"\n  node_type       = "cache.t4g.small"\n  num_cache_nodes = 1\n${attrs}}\n`;
const group = (attrs: string): string =>
  `resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id = "phi-sessions"\n  description          = "Patient portal sessions"\n  node_type            = "cache.r7g.large"\n${attrs}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'Redis cluster keeping 7 days', code: cluster('  snapshot_retention_limit = 7\n') },
    { name: 'replication group (engine absent: Redis) keeping 35 days', code: group('  snapshot_retention_limit = 35\n') },
    { name: 'memcached has no snapshots', code: 'resource "aws_elasticache_cluster" "m" {\n  cluster_id      = "m"\n  engine          = "memcached"\n  node_type       = "cache.t4g.small"\n  num_cache_nodes = 2\n}\n' },
    { name: 'member cluster of a replication group', code: 'resource "aws_elasticache_cluster" "replica" {\n  cluster_id           = "replica"\n  replication_group_id = aws_elasticache_replication_group.sessions.id\n}\n' },
    { name: 'retention from a variable default', files: { 'main.tf': group('  snapshot_retention_limit = var.days\n'), 'variables.tf': 'variable "days" {\n  default = 14\n}\n' } },
    { name: 'unknown retention is not judged', code: 'variable "days" {}\n' + group('  snapshot_retention_limit = var.days\n') },
    { name: 'unknown engine without retention is not judged', code: 'variable "engine" {}\nresource "aws_elasticache_cluster" "x" {\n  cluster_id = "x"\n  engine     = var.engine\n}\n' },
  ],
  invalid: [
    {
      name: 'Redis cluster without retention: safe fix inserts 15 days',
      code: cluster('').replace('resource "aws_elasticache_cluster" "queue"', '«resource "aws_elasticache_cluster" "queue"»'),
      findings: [{ messageId: 'missing', severity: 'medium' }],
      fix: 'retain',
      output: cluster('  snapshot_retention_limit = 15\n'),
    },
    {
      name: 'Valkey replication group with retention 0: safe fix replaces it',
      code: group('  engine                   = "valkey"\n  snapshot_retention_limit = «0»\n'),
      findings: [{ messageId: 'tooLow' }],
      fix: 'retain',
      output: group('  engine                   = "valkey"\n  snapshot_retention_limit = 15\n'),
    },
    {
      name: 'retention 0 from terraform.tfvars, count cluster reported once',
      files: {
        'main.tf': 'variable "days" {}\n' + cluster('  count                    = 3\n  snapshot_retention_limit = «var.days»\n'),
        'terraform.tfvars': 'days = 0\n',
      },
      findings: [{ messageId: 'tooLow', relatedCount: 1 }],
    },
    {
      name: 'replication group without engine and without retention',
      code: group('').replace('resource "aws_elasticache_replication_group" "sessions"', '«resource "aws_elasticache_replication_group" "sessions"»'),
      findings: [{ messageId: 'missing' }],
      fix: 'retain',
      output: group('  snapshot_retention_limit = 15\n'),
    },
  ],
});
