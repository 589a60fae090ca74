import rule from '../../../../server/src/rules/terraform/gcp-cloudsql-no-public-ip';
import { runRuleCases } from '../../../harness/rule-cases';

const instance = (settings: string, header = 'resource "google_sql_database_instance" "ehr"'): string =>
  `${header} {\n  name             = "ehr-pg"\n  database_version = "POSTGRES_15"\n  region           = "us-central1"\n${settings}}\n`;
const settings = (inner: string, header = 'settings'): string => `\n  ${header} {\n    tier = "db-custom-2-7680"\n${inner}  }\n`;
const ipConfig = (attrs: string, header = 'ip_configuration'): string => `\n    ${header} {\n${attrs}    }\n`;
const network = (value: string): string => `\n      authorized_networks {\n        name  = "net"\n        value = ${value}\n      }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'private IP only', code: instance(settings(ipConfig('      ipv4_enabled    = false\n      private_network = google_compute_network.vpc.id\n'))) },
    { name: 'ipv4 disabled through terraform.tfvars', files: { 'main.tf': 'variable "public_ip" {}\n' + instance(settings(ipConfig('      ipv4_enabled = var.public_ip\n'))), 'terraform.tfvars': 'public_ip = false\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "public_ip" {}\n' + instance(settings(ipConfig('      ipv4_enabled = var.public_ip\n'))) },
    {
      name: 'dynamic ip_configuration without public IP',
      code: instance(settings('\n    dynamic "ip_configuration" {\n      for_each = [1]\n      content {\n        ipv4_enabled    = false\n        private_network = var.network\n      }\n    }\n')),
    },
    { name: 'an unresolvable authorized network on a private instance is not guessed', code: 'variable "cidr" {}\n' + instance(settings(ipConfig('      ipv4_enabled = false\n' + network('var.cidr')))) },
  ],
  invalid: [
    {
      name: 'no ip_configuration: the default is a public IP',
      code: instance(settings('', '«settings»')),
      findings: [{ messageId: 'publicIp', severity: 'critical' }],
      fix: 'privateNetwork',
      output: instance(settings('    ip_configuration {\n      ipv4_enabled    = false\n      private_network = var.cloudsql_private_network\n    }\n')) + '\nvariable "cloudsql_private_network" {\n  description = "Self link or ID of the VPC network, with private services access, through which clients reach the Cloud SQL instance"\n  type        = string\n}\n',
    },
    {
      name: 'ip_configuration without ipv4_enabled',
      code: instance(settings(ipConfig('      private_network = google_compute_network.vpc.id\n', '«ip_configuration»'))),
      findings: [{ messageId: 'publicIp' }],
      fix: 'privateOnly',
      output: instance(settings(ipConfig('      private_network = google_compute_network.vpc.id\n      ipv4_enabled = false\n'))),
    },
    {
      name: 'ipv4_enabled = true',
      code: instance(settings(ipConfig('      ipv4_enabled = «true»\n'))),
      findings: [{ messageId: 'publicIpExplicit' }],
    },
    {
      name: 'public IP restricted to an office range is still a public IP',
      code: instance(settings(ipConfig('      ipv4_enabled = «true»\n' + network('"203.0.113.0/24"')))),
      findings: [{ messageId: 'publicIpExplicit' }],
    },
    {
      name: '0.0.0.0/0 authorized network: one finding, at the network',
      code: instance(settings(ipConfig('      ipv4_enabled = true\n' + network('«"0.0.0.0/0"»')))),
      findings: [{ messageId: 'openNetwork' }],
    },
    {
      name: '0.0.0.0/0 from a variable default in another file',
      files: { 'main.tf': instance(settings(ipConfig(network('«var.cidr»')))), 'variables.tf': 'variable "cidr" {\n  default = "0.0.0.0/0"\n}\n' },
      findings: [{ messageId: 'openNetwork', relatedCount: 1 }],
    },
    {
      name: 'dynamic authorized_networks with a literal /0',
      code: instance(settings(ipConfig('      ipv4_enabled = true\n\n      dynamic "authorized_networks" {\n        for_each = [1]\n        content {\n          value = «"0.0.0.0/0"»\n        }\n      }\n'))),
      findings: [{ messageId: 'openNetwork' }],
    },
    {
      name: 'for_each instance reported once',
      code: '«resource "google_sql_database_instance" "db"» {\n  for_each         = toset(["a", "b"])\n  name             = each.key\n  database_version = "MYSQL_8_0"\n}\n',
      findings: [{ messageId: 'publicIp' }],
    },
  ],
});
