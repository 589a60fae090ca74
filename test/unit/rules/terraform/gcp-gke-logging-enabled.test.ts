import rule from '../../../../server/src/rules/terraform/gcp-gke-logging-enabled';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string): string => `resource "google_container_cluster" "phi" {\n  name               = "gke-phi"\n  location           = "us-central1"\n  initial_node_count = 1\n${body}}\n`;
const loggingConfig = (components: string): string => `\n  logging_config {\n    enable_components = ${components}\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'default logging service', code: cluster('') },
    { name: 'explicit Kubernetes logging service', code: cluster('  logging_service    = "logging.googleapis.com/kubernetes"\n') },
    { name: 'logging_config with system and workload logs', code: cluster(loggingConfig('["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"]')) },
    { name: 'components from a variable default in another file', files: { 'main.tf': cluster(loggingConfig('var.log_components')), 'variables.tf': 'variable "log_components" {\n  default = ["SYSTEM_COMPONENTS", "WORKLOADS"]\n}\n' } },
    { name: 'logging service from a variable without a value is not guessed', code: 'variable "logging" {}\n' + cluster('  logging_service    = var.logging\n') },
    { name: 'components from a variable without a value are not guessed', code: 'variable "log_components" {}\n' + cluster(loggingConfig('var.log_components')) },
  ],
  invalid: [
    {
      name: 'logging_service = "none": the fix restores the default',
      code: cluster('  logging_service    = «"none"»\n'),
      findings: [{ messageId: 'disabled', severity: 'medium' }],
      fix: 'enable',
      output: cluster('  logging_service    = "logging.googleapis.com/kubernetes"\n'),
    },
    {
      name: '"none" from terraform.tfvars: related, no fix',
      files: { 'main.tf': 'variable "logging" {}\n' + cluster('  logging_service    = «var.logging»\n'), 'terraform.tfvars': 'logging = "none"\n' },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'logging_config without workload logs',
      code: cluster(loggingConfig('«["SYSTEM_COMPONENTS"]»')),
      findings: [{ messageId: 'componentsMissing' }],
    },
    {
      name: 'logging_config with no components at all',
      code: cluster(loggingConfig('«[]»')),
      findings: [{ messageId: 'componentsMissing' }],
    },
    {
      name: 'count cluster reported once',
      code: 'resource "google_container_cluster" "phi" {\n  count           = 2\n  name            = "gke-${count.index}"\n  logging_service = «"none"»\n}\n',
      findings: [{ messageId: 'disabled' }],
    },
  ],
});
