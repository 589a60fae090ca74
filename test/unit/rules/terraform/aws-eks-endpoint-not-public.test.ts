import rule from '../../../../server/src/rules/terraform/aws-eks-endpoint-not-public';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (vpc: string): string => `resource "aws_eks_cluster" "phi" {\n  name = "phi"\n  vpc_config {\n    subnet_ids = var.subnets\n${vpc}  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'private endpoint (KICS negative)', code: cluster('    endpoint_private_access = true\n    endpoint_public_access  = false\n') },
    { name: 'public endpoint restricted to known CIDRs (KICS negative)', code: cluster('    endpoint_public_access = true\n    public_access_cidrs    = ["203.0.113.0/24"]\n') },
    {
      name: 'CIDRs from terraform.tfvars',
      files: {
        'main.tf': cluster('    public_access_cidrs = var.admin_cidrs\n'),
        'variables.tf': 'variable "admin_cidrs" {\n  type = list(string)\n}\n',
        'terraform.tfvars': 'admin_cidrs = ["198.51.100.10/32"]\n',
      },
    },
    { name: 'public access off through a variable default', files: { 'main.tf': cluster('    endpoint_public_access = var.public\n'), 'variables.tf': 'variable "public" {\n  default = false\n}\n' } },
    { name: 'unknown endpoint_public_access is not judged', code: 'variable "public" {}\n' + cluster('    endpoint_public_access = var.public\n') },
    { name: 'unknown CIDR list is not judged', code: 'variable "cidrs" {}\n' + cluster('    public_access_cidrs = var.cidrs\n') },
    {
      name: 'dynamic vpc_config with an unresolvable for_each is not judged',
      code: 'variable "vpcs" {}\nresource "aws_eks_cluster" "phi" {\n  dynamic "vpc_config" {\n    for_each = var.vpcs\n    content {\n      subnet_ids = vpc_config.value\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'explicit public endpoint without CIDRs (KICS eks_cluster_has_public_access): fix makes it private',
      code: cluster('    endpoint_public_access = «true»\n'),
      findings: [{ messageId: 'openDefault', severity: 'high' }],
      fix: 'makePrivate',
      output: cluster('    endpoint_public_access = false\n    endpoint_private_access = true\n'),
    },
    {
      name: 'defaults: public to the internet, reported at vpc_config',
      code: 'resource "aws_eks_cluster" "phi" {\n  name = "phi"\n  «vpc_config» {\n    subnet_ids = var.subnets\n  }\n}\n',
      findings: [{ messageId: 'openDefault' }],
      fix: 'makePrivate',
      output: 'resource "aws_eks_cluster" "phi" {\n  name = "phi"\n  vpc_config {\n    subnet_ids = var.subnets\n    endpoint_private_access = true\n    endpoint_public_access = false\n  }\n}\n',
    },
    {
      name: '0.0.0.0/0 in the list (KICS eks_cluster_has_public_access_cidrs); private access turned on by the fix',
      code: cluster('    endpoint_private_access = false\n    endpoint_public_access  = true\n    public_access_cidrs     = ["10.0.0.0/8", «"0.0.0.0/0"»]\n'),
      findings: [{ messageId: 'openCidr' }],
      fix: 'makePrivate',
      output: cluster('    endpoint_private_access = true\n    endpoint_public_access  = false\n    public_access_cidrs     = ["10.0.0.0/8", "0.0.0.0/0"]\n'),
    },
    {
      name: 'open CIDR from a variable default: related, and no fix when public access is a variable',
      files: {
        'main.tf': cluster('    endpoint_public_access = var.public\n    public_access_cidrs    = «var.cidrs»\n'),
        'variables.tf': 'variable "public" {\n  default = true\n}\nvariable "cidrs" {\n  default = ["0.0.0.0/0"]\n}\n',
      },
      findings: [{ messageId: 'openCidr', relatedCount: 1 }],
    },
    {
      name: 'empty CIDR list is the default 0.0.0.0/0',
      code: cluster('    endpoint_public_access = «true»\n    public_access_cidrs    = []\n'),
      findings: [{ messageId: 'openDefault' }],
    },
    {
      name: 'count cluster: reported once',
      code: 'resource "aws_eks_cluster" "c" {\n  count = 2\n  «vpc_config» {\n    subnet_ids = var.subnets[count.index]\n  }\n}\n',
      findings: [{ messageId: 'openDefault' }],
    },
  ],
});
