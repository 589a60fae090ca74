import rule from '../../../../server/src/rules/terraform/gcp-cloudsql-require-ssl';
import { runRuleCases } from '../../../harness/rule-cases';

const instance = (settings: string, header = 'resource "google_sql_database_instance" "ehr"'): string =>
  `${header} {\n  name             = "ehr-pg"\n  database_version = "POSTGRES_15"\n  region           = "us-central1"\n${settings}}\n`;
const settings = (ip: string, header = 'settings'): string => `\n  ${header} {\n    tier = "db-custom-2-7680"\n${ip}  }\n`;
const ipConfig = (attrs: string, header = 'ip_configuration'): string => `\n    ${header} {\n      ipv4_enabled    = false\n      private_network = google_compute_network.vpc.id\n${attrs}    }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'ssl_mode ENCRYPTED_ONLY', code: instance(settings(ipConfig('      ssl_mode        = "ENCRYPTED_ONLY"\n'))) },
    { name: 'ssl_mode TRUSTED_CLIENT_CERTIFICATE_REQUIRED', code: instance(settings(ipConfig('      ssl_mode        = "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"\n'))) },
    { name: 'legacy require_ssl = true', code: instance(settings(ipConfig('      require_ssl     = true\n'))) },
    { name: 'ENCRYPTED_ONLY with require_ssl = false (the API pairing)', code: instance(settings(ipConfig('      ssl_mode        = "ENCRYPTED_ONLY"\n      require_ssl     = false\n'))) },
    { name: 'ssl_mode from terraform.tfvars', files: { 'main.tf': 'variable "ssl_mode" {}\n' + instance(settings(ipConfig('      ssl_mode        = var.ssl_mode\n'))), 'terraform.tfvars': 'ssl_mode = "ENCRYPTED_ONLY"\n' } },
    { name: 'ssl_mode from a variable without a value is not guessed', code: 'variable "ssl_mode" {}\n' + instance(settings(ipConfig('      ssl_mode        = var.ssl_mode\n'))) },
    {
      name: 'dynamic ip_configuration with ssl_mode',
      code: instance(settings('\n    dynamic "ip_configuration" {\n      for_each = [1]\n      content {\n        ipv4_enabled = false\n        ssl_mode     = "ENCRYPTED_ONLY"\n      }\n    }\n')),
    },
  ],
  invalid: [
    {
      name: 'settings without ip_configuration: the fix adds one with ssl_mode',
      code: instance(settings('', '«settings»')),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'encryptedOnly',
      output: instance(settings('    ip_configuration {\n      ssl_mode = "ENCRYPTED_ONLY"\n    }\n')),
    },
    {
      name: 'ip_configuration without ssl_mode: the fix inserts it, aligned',
      code: instance(settings(ipConfig('', '«ip_configuration»'))),
      findings: [{ messageId: 'missing' }],
      fix: 'encryptedOnly',
      output: instance(settings(ipConfig('      ssl_mode        = "ENCRYPTED_ONLY"\n'))),
    },
    {
      name: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED: the fix replaces it',
      code: instance(settings(ipConfig('      ssl_mode        = «"ALLOW_UNENCRYPTED_AND_ENCRYPTED"»\n'))),
      findings: [{ messageId: 'weakMode' }],
      fix: 'encryptedOnly',
      output: instance(settings(ipConfig('      ssl_mode        = "ENCRYPTED_ONLY"\n'))),
    },
    {
      name: 'legacy require_ssl = false: the fix adds ssl_mode',
      code: instance(settings(ipConfig('      require_ssl     = «false»\n'))),
      findings: [{ messageId: 'sslOff' }],
      fix: 'encryptedOnly',
      output: instance(settings(ipConfig('      require_ssl     = false\n      ssl_mode        = "ENCRYPTED_ONLY"\n'))),
    },
    {
      name: 'weak mode from a variable default in another file: related, no fix',
      files: { 'main.tf': instance(settings(ipConfig('      ssl_mode        = «var.ssl_mode»\n'))), 'variables.tf': 'variable "ssl_mode" {\n  default = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"\n}\n' },
      findings: [{ messageId: 'weakMode', relatedCount: 1 }],
    },
    {
      name: 'no settings at all: reported on the resource, no fix',
      code: instance('', '«resource "google_sql_database_instance" "ehr"»'),
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'for_each instance reported once',
      code: 'resource "google_sql_database_instance" "db" {\n  for_each         = toset(["a", "b"])\n  name             = each.key\n  database_version = "MYSQL_8_0"\n\n  «settings» {\n    tier = "db-f1-micro"\n  }\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
