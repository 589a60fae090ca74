import rule from '../../../../server/src/rules/terraform/gcp-gke-logging-enabled';
import { strict as assert } from 'node:assert';
import { lintFiles } from '../../../harness/lint';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string): string => `resource "google_container_cluster" "phi" {\n  name               = "gke-phi"\n  location           = "us-central1"\n  initial_node_count = 1\n${body}}\n`;
const loggingConfig = (components: string): string => `\n  logging_config {\n    enable_components = ${components}\n  }\n`;
const dynamicConfig = (forEach: string, components: string): string =>
  `\n  dynamic "logging_config" {\n    for_each = ${forEach}\n    content {\n      enable_components = ${components}\n    }\n  }\n`;
const componentsVariable = (value: string): string => `variable "logging_enabled_components" {\n  type    = list(string)\n  default = ${value}\n}\n`;
/** The terraform-google-kubernetes-engine module's shape: the block exists only when components are given. */
const optionalConfig = dynamicConfig('length(var.logging_enabled_components) > 0 ? [1] : []', 'var.logging_enabled_components');

runRuleCases(rule, {
  valid: [
    { name: 'default logging service', code: cluster('') },
    { name: 'explicit Kubernetes logging service', code: cluster('  logging_service    = "logging.googleapis.com/kubernetes"\n') },
    { name: 'logging_config with system and workload logs', code: cluster(loggingConfig('["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"]')) },
    { name: 'components from a variable default in another file', files: { 'main.tf': cluster(loggingConfig('var.log_components')), 'variables.tf': 'variable "log_components" {\n  default = ["SYSTEM_COMPONENTS", "WORKLOADS"]\n}\n' } },
    { name: 'logging service from a variable without a value is not guessed', code: 'variable "logging" {}\n' + cluster('  logging_service    = var.logging\n') },
    { name: 'components from a variable without a value are not guessed', code: 'variable "log_components" {}\n' + cluster(loggingConfig('var.log_components')) },
    { name: 'dynamic logging_config whose for_each is empty: no block, GKE default logging', code: componentsVariable('[]') + cluster(optionalConfig) },
    { name: 'dynamic logging_config produced with both components', code: componentsVariable('["SYSTEM_COMPONENTS", "WORKLOADS"]') + cluster(optionalConfig) },
    { name: 'dynamic logging_config with an unresolvable for_each that would fail is not guessed', code: 'variable "on" {}\n' + cluster(dynamicConfig('var.on ? [1] : []', '["SYSTEM_COMPONENTS"]')) },
    {
      name: 'logging_service = "none" with a dynamic logging_config that may enable both components is not guessed',
      code: 'variable "on" {}\n' + cluster('  logging_service    = "none"\n' + dynamicConfig('var.on ? [1] : []', '["SYSTEM_COMPONENTS", "WORKLOADS"]')),
    },
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
      name: 'dynamic logging_config produced without workload logs',
      code: componentsVariable('["SYSTEM_COMPONENTS"]') + cluster(dynamicConfig('length(var.logging_enabled_components) > 0 ? [1] : []', '«var.logging_enabled_components»')),
      findings: [{ messageId: 'componentsMissing', relatedCount: 1 }],
    },
    {
      name: 'logging_service = "none" with a dynamic logging_config whose for_each is empty',
      code: componentsVariable('[]') + cluster('  logging_service    = «"none"»\n' + optionalConfig),
      findings: [{ messageId: 'disabled' }],
    },
    {
      name: 'count cluster reported once',
      code: 'resource "google_container_cluster" "phi" {\n  count           = 2\n  name            = "gke-${count.index}"\n  logging_service = «"none"»\n}\n',
      findings: [{ messageId: 'disabled' }],
    },
  ],
});

describe('rule gcp-gke-logging-enabled: evaluations with dynamic logging_config', () => {
  const outcomes = async (code: string): Promise<string[]> => (await lintFiles({ 'main.tf': code }, 'main.tf', [rule])).evaluations.map((e) => `${e.resource}: ${e.outcome}`);

  it('an empty for_each leaves GKE default logging: satisfied', async () => {
    assert.deepEqual(await outcomes(componentsVariable('[]') + cluster(optionalConfig)), ['google_container_cluster.phi: satisfied']);
  });

  it('an unresolvable for_each over a failing block is unknown, not satisfied', async () => {
    assert.deepEqual(await outcomes('variable "on" {}\n' + cluster(dynamicConfig('var.on ? [1] : []', '["SYSTEM_COMPONENTS"]'))), ['google_container_cluster.phi: unknown']);
  });
});
