import rule from '../../../../server/src/rules/terraform/gcp-gke-private-cluster';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string, header = 'resource "google_container_cluster" "phi"'): string =>
  `${header} {\n  name               = "gke-phi"\n  location           = "us-central1"\n  initial_node_count = 1\n${body}}\n`;
const pcc = (attrs: string, header = 'private_cluster_config'): string => `\n  ${header} {\n${attrs}    master_ipv4_cidr_block  = "172.16.0.32/28"\n  }\n`;
const man = (cidr: string): string => `\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block   = ${cidr}\n      display_name = "admins"\n    }\n  }\n`;

const dynamicPcc = (forEach: string): string =>
  `\n  dynamic "private_cluster_config" {\n    for_each = ${forEach}\n    content {\n      enable_private_nodes    = true\n      enable_private_endpoint = true\n    }\n  }\n`;
/** The terraform-google-kubernetes-engine module's shape: the block exists only when networks are given. */
const dynamicMan = (forEach: string): string =>
  `\n  dynamic "master_authorized_networks_config" {\n    for_each = ${forEach}\n    content {\n      dynamic "cidr_blocks" {\n        for_each = var.master_authorized_networks\n        content {\n          cidr_block = cidr_blocks.value.cidr_block\n        }\n      }\n    }\n  }\n`;
const networksVariable = (value: string): string => `variable "master_authorized_networks" {\n  default = ${value}\n}\n`;

const RANGE_DECLARATION = '\nvariable "gke_master_ipv4_cidr_block" {\n  description = "The /28 range of the GKE control plane\'s private endpoint (it must not overlap the VPC\'s ranges)"\n  type        = string\n}\n';
const AUTHORIZED_DECLARATION = '\nvariable "gke_master_authorized_cidr" {\n  description = "CIDR range allowed to reach the Kubernetes API (for example the administrators\' VPN)"\n  type        = string\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'private nodes and private endpoint', code: cluster(pcc('    enable_private_nodes    = true\n    enable_private_endpoint = true\n')) },
    { name: 'private nodes, public endpoint limited to authorized networks', code: cluster(pcc('    enable_private_nodes    = true\n') + man('"203.0.113.0/24"')) },
    { name: 'private nodes from terraform.tfvars', files: { 'main.tf': 'variable "private" {}\n' + cluster(pcc('    enable_private_nodes    = var.private\n    enable_private_endpoint = true\n')), 'terraform.tfvars': 'private = true\n' } },
    { name: 'values from a variable without a value are not guessed', code: 'variable "private" {}\n' + cluster(pcc('    enable_private_nodes    = var.private\n    enable_private_endpoint = var.private\n')) },
    { name: 'dynamic private_cluster_config produced by a known for_each', code: cluster(dynamicPcc('[1]')) },
    { name: 'dynamic private_cluster_config with an unresolvable for_each is not guessed', code: 'variable "private" {}\n' + cluster(dynamicPcc('var.private ? [1] : []')) },
    {
      name: 'dynamic master_authorized_networks_config with an unresolvable for_each is not guessed',
      code: 'variable "restricted" {}\n' + networksVariable('[]') + cluster(pcc('    enable_private_nodes    = true\n') + dynamicMan('var.restricted ? [1] : []')),
    },
    {
      name: 'dynamic master_authorized_networks_config produced with a restricted network',
      code: networksVariable('[{ cidr_block = "203.0.113.0/24" }]') + cluster(pcc('    enable_private_nodes    = true\n') + dynamicMan('length(var.master_authorized_networks) > 0 ? [true] : []')),
    },
    { name: 'authorized network from a variable without a value is not guessed', code: 'variable "admin_cidr" {}\n' + cluster(pcc('    enable_private_nodes    = true\n') + man('var.admin_cidr')) },
  ],
  invalid: [
    {
      name: 'no private_cluster_config: nodes fail, open endpoint warns',
      code: cluster('', '««resource "google_container_cluster" "phi"»»'),
      findings: [
        { messageId: 'noPrivateNodes', severity: 'high' },
        { messageId: 'openEndpoint', severity: 'medium' },
      ],
      fix: 'privateNodesChosenRange',
      output:
        cluster('  private_cluster_config {\n    enable_private_nodes    = true\n    enable_private_endpoint = false\n    master_ipv4_cidr_block  = var.gke_master_ipv4_cidr_block\n  }\n') + RANGE_DECLARATION,
    },
    {
      name: 'no private_cluster_config: the authorized-networks fix, CRLF line endings',
      code: cluster('', '««resource "google_container_cluster" "phi"»»').replace(/\n/g, '\r\n'),
      findings: [{ messageId: 'noPrivateNodes' }, { messageId: 'openEndpoint' }],
      fix: 'authorizeNetwork',
      output: (
        cluster('  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block   = var.gke_master_authorized_cidr\n      display_name = "admins"\n    }\n  }\n') + AUTHORIZED_DECLARATION
      ).replace(/\n/g, '\r\n'),
    },
    {
      name: 'private_cluster_config without enable_private_nodes, endpoint private',
      code: cluster(pcc('    enable_private_endpoint = true\n', '«private_cluster_config»')),
      findings: [{ messageId: 'noPrivateNodes' }],
      fix: 'privateNodes',
      output: cluster(pcc('    enable_private_endpoint = true\n').replace('  }\n', '    enable_private_nodes    = true\n  }\n')),
    },
    {
      name: 'enable_private_nodes = false, with authorized networks',
      code: cluster(pcc('    enable_private_nodes    = «false»\n') + man('"203.0.113.0/24"')),
      findings: [{ messageId: 'publicNodes' }],
      fix: 'privateNodes',
      output: cluster(pcc('    enable_private_nodes    = true\n') + man('"203.0.113.0/24"')),
    },
    {
      name: 'enable_private_nodes = false without a control-plane range: the range is added',
      code: cluster('\n  private_cluster_config {\n    enable_private_nodes = «false»\n  }\n' + man('"203.0.113.0/24"')),
      findings: [{ messageId: 'publicNodes' }],
      fix: 'privateNodesChosenRange',
      output: cluster('\n  private_cluster_config {\n    enable_private_nodes = true\n    master_ipv4_cidr_block = var.gke_master_ipv4_cidr_block\n  }\n' + man('"203.0.113.0/24"')) + RANGE_DECLARATION,
    },
    {
      name: 'private nodes, public endpoint without authorized networks: warn at the value',
      code: cluster(pcc('    enable_private_nodes    = true\n    enable_private_endpoint = «false»\n')),
      findings: [{ messageId: 'openEndpoint', severity: 'medium' }],
      fix: 'authorizeNetwork',
      output:
        cluster(
          pcc('    enable_private_nodes    = true\n    enable_private_endpoint = false\n') +
            '  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block   = var.gke_master_authorized_cidr\n      display_name = "admins"\n    }\n  }\n',
        ) + AUTHORIZED_DECLARATION,
    },
    {
      name: 'authorized network 0.0.0.0/0 written in the block',
      code: cluster(pcc('    enable_private_nodes    = true\n') + man('«"0.0.0.0/0"»')),
      findings: [{ messageId: 'openAuthorizedNetwork', severity: 'medium' }],
      fix: 'restrictAuthorizedNetwork',
      output: cluster(pcc('    enable_private_nodes    = true\n') + man('var.gke_master_authorized_cidr')) + AUTHORIZED_DECLARATION,
    },
    {
      name: 'private nodes, endpoint unset, no authorized networks: warn at the block',
      code: cluster(pcc('    enable_private_nodes    = true\n', '«private_cluster_config»')),
      findings: [{ messageId: 'openEndpoint', severity: 'medium' }],
    },
    {
      name: 'authorized network 0.0.0.0/0 from a variable default in another file',
      files: { 'main.tf': cluster(pcc('    enable_private_nodes    = true\n') + man('«var.admin_cidr»')), 'variables.tf': 'variable "admin_cidr" {\n  default = "0.0.0.0/0"\n}\n' },
      findings: [{ messageId: 'openAuthorizedNetwork', severity: 'medium', relatedCount: 1 }],
    },
    {
      name: 'dynamic private_cluster_config whose for_each is empty: no block, public nodes and open endpoint',
      code: 'variable "private" {\n  default = false\n}\n' + cluster(dynamicPcc('var.private ? [1] : []'), '««resource "google_container_cluster" "phi"»»'),
      findings: [
        { messageId: 'noPrivateNodes', severity: 'high' },
        { messageId: 'openEndpoint', severity: 'medium' },
      ],
    },
    {
      name: 'dynamic master_authorized_networks_config whose for_each is empty: the endpoint is open',
      code: networksVariable('[]') + cluster(pcc('    enable_private_nodes    = true\n', '«private_cluster_config»') + dynamicMan('length(var.master_authorized_networks) > 0 ? [true] : []')),
      findings: [{ messageId: 'openEndpoint', severity: 'medium' }],
    },
    {
      name: 'public nodes through terraform.tfvars',
      files: { 'main.tf': 'variable "private" {}\n' + cluster(pcc('    enable_private_nodes    = «var.private»\n    enable_private_endpoint = true\n')), 'terraform.tfvars': 'private = false\n' },
      findings: [{ messageId: 'publicNodes', relatedCount: 1 }],
    },
  ],
});
