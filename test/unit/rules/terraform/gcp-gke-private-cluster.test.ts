import rule from '../../../../server/src/rules/terraform/gcp-gke-private-cluster';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string, header = 'resource "google_container_cluster" "phi"'): string =>
  `${header} {\n  name               = "gke-phi"\n  location           = "us-central1"\n  initial_node_count = 1\n${body}}\n`;
const pcc = (attrs: string, header = 'private_cluster_config'): string => `\n  ${header} {\n${attrs}    master_ipv4_cidr_block  = "172.16.0.32/28"\n  }\n`;
const man = (cidr: string): string => `\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block   = ${cidr}\n      display_name = "admins"\n    }\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'private nodes and private endpoint', code: cluster(pcc('    enable_private_nodes    = true\n    enable_private_endpoint = true\n')) },
    { name: 'private nodes, public endpoint limited to authorized networks', code: cluster(pcc('    enable_private_nodes    = true\n') + man('"203.0.113.0/24"')) },
    { name: 'private nodes from terraform.tfvars', files: { 'main.tf': 'variable "private" {}\n' + cluster(pcc('    enable_private_nodes    = var.private\n    enable_private_endpoint = true\n')), 'terraform.tfvars': 'private = true\n' } },
    { name: 'values from a variable without a value are not guessed', code: 'variable "private" {}\n' + cluster(pcc('    enable_private_nodes    = var.private\n    enable_private_endpoint = var.private\n')) },
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
    },
    {
      name: 'private_cluster_config without enable_private_nodes, endpoint private',
      code: cluster(pcc('    enable_private_endpoint = true\n', '«private_cluster_config»')),
      findings: [{ messageId: 'noPrivateNodes' }],
    },
    {
      name: 'enable_private_nodes = false, with authorized networks',
      code: cluster(pcc('    enable_private_nodes    = «false»\n') + man('"203.0.113.0/24"')),
      findings: [{ messageId: 'publicNodes' }],
    },
    {
      name: 'private nodes, public endpoint without authorized networks: warn at the value',
      code: cluster(pcc('    enable_private_nodes    = true\n    enable_private_endpoint = «false»\n')),
      findings: [{ messageId: 'openEndpoint', severity: 'medium' }],
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
      name: 'public nodes through terraform.tfvars',
      files: { 'main.tf': 'variable "private" {}\n' + cluster(pcc('    enable_private_nodes    = «var.private»\n    enable_private_endpoint = true\n')), 'terraform.tfvars': 'private = false\n' },
      findings: [{ messageId: 'publicNodes', relatedCount: 1 }],
    },
  ],
});
