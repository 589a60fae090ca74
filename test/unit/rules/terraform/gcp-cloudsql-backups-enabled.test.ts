import rule from '../../../../server/src/rules/terraform/gcp-cloudsql-backups-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

const instance = (settings: string, header = 'resource "google_sql_database_instance" "ehr"', extra = ''): string =>
  `${header} {\n  name             = "ehr-pg"\n  database_version = "POSTGRES_15"\n  region           = "us-central1"\n${extra}${settings}}\n`;
const settings = (inner: string, header = 'settings'): string => `\n  ${header} {\n    tier = "db-custom-2-7680"\n${inner}  }\n`;
const backup = (attrs: string, header = 'backup_configuration'): string => `\n    ${header} {\n${attrs}    }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'backups with PITR', code: instance(settings(backup('      enabled                        = true\n      point_in_time_recovery_enabled = true\n'))) },
    { name: 'enabled from a variable default in another file', files: { 'main.tf': instance(settings(backup('      enabled = var.backups\n'))), 'variables.tf': 'variable "backups" {\n  default = true\n}\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "backups" {}\n' + instance(settings(backup('      enabled = var.backups\n'))) },
    { name: 'read replica of a primary in the module', code: instance(settings(''), 'resource "google_sql_database_instance" "replica"', '  master_instance_name = google_sql_database_instance.ehr.name\n') },
    { name: 'read replica by literal name', code: instance(settings(''), 'resource "google_sql_database_instance" "replica"', '  master_instance_name = "ehr-pg"\n') },
    { name: 'replica flag from a variable without a value is not guessed', code: 'variable "primary" {}\n' + instance(settings(''), 'resource "google_sql_database_instance" "replica"', '  master_instance_name = var.primary\n') },
  ],
  invalid: [
    {
      name: 'settings without backup_configuration: the fix adds it',
      code: instance(settings('', '«settings»')),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'enable',
      output: instance(settings('    backup_configuration {\n      enabled = true\n    }\n')),
    },
    {
      name: 'backup_configuration without enabled: the fix inserts it',
      code: instance(settings(backup('      binary_log_enabled = true\n', '«backup_configuration»'))),
      findings: [{ messageId: 'missing' }],
      fix: 'enable',
      output: instance(settings(backup('      binary_log_enabled = true\n      enabled = true\n'))),
    },
    {
      name: 'backups disabled: the fix replaces the literal',
      code: instance(settings(backup('      enabled = «false»\n'))),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: instance(settings(backup('      enabled = true\n'))),
    },
    {
      name: 'disabled through terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "backups" {}\n' + instance(settings(backup('      enabled = «var.backups»\n'))), 'terraform.tfvars': 'backups = false\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'master_instance_name null: not a replica',
      code: instance(settings('', '«settings»'), 'resource "google_sql_database_instance" "ehr"', '  master_instance_name = null\n'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'count instance reported once',
      code: 'resource "google_sql_database_instance" "db" {\n  count            = 2\n  name             = "db-${count.index}"\n  database_version = "MYSQL_8_0"\n\n  «settings» {\n    tier = "db-f1-micro"\n  }\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
