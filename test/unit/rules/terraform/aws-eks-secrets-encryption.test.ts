import rule from '../../../../server/src/rules/terraform/aws-eks-secrets-encryption';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string): string => `resource "aws_eks_cluster" "phi" {\n  name     = "phi"\n  role_arn = aws_iam_role.eks.arn\n${body}}\n`;
const encryption = (resources: string, provider = '    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n'): string =>
  `  encryption_config {\n    resources = ${resources}\n${provider}  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'secrets encrypted with a KMS key of the module', code: cluster(encryption('["secrets"]')) },
    {
      name: 'resources and key from a variable default and terraform.tfvars',
      files: {
        'main.tf': cluster(encryption('var.encrypted', '    provider {\n      key_arn = var.key\n    }\n')),
        'variables.tf': 'variable "encrypted" {\n  default = ["secrets"]\n}\nvariable "key" {}\n',
        'terraform.tfvars': 'key = "arn:aws:kms:us-east-1:111122223333:key/eks"\n',
      },
    },
    {
      name: 'dynamic encryption_config with a known for_each',
      code: cluster('  dynamic "encryption_config" {\n    for_each = ["secrets"]\n    content {\n      resources = [encryption_config.value]\n      provider {\n        key_arn = aws_kms_key.eks.arn\n      }\n    }\n  }\n'),
    },
    {
      name: 'count clusters with a per-instance key',
      code: 'resource "aws_eks_cluster" "tenant" {\n  count = 2\n  name  = "tenant-${count.index}"\n  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = aws_kms_key.eks[count.index].arn\n    }\n  }\n}\n',
    },
    { name: 'unknown resources list is not judged', code: 'variable "resources" {}\n' + cluster(encryption('var.resources')) },
    { name: 'key from a variable without a value is not judged', code: 'variable "key" {}\n' + cluster(encryption('["secrets"]', '    provider {\n      key_arn = var.key\n    }\n')) },
    {
      name: 'dynamic block with an unresolvable for_each is not judged',
      code: 'variable "kms" {}\n' + cluster('  dynamic "encryption_config" {\n    for_each = var.kms == null ? [] : [var.kms]\n    content {\n      resources = ["secrets"]\n      provider {\n        key_arn = encryption_config.value\n      }\n    }\n  }\n'),
    },
  ],
  invalid: [
    {
      name: 'no encryption_config (KICS positive1): the review fix adds it with a key the user chooses',
      code: '«resource "aws_eks_cluster" "phi"» {\n  name = "phi"\n}\n',
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'encryptSecrets',
      output:
        'resource "aws_eks_cluster" "phi" {\n  name = "phi"\n  encryption_config {\n    resources = ["secrets"]\n\n    provider {\n      key_arn = var.eks_kms_key_arn\n    }\n  }\n}\n' +
        '\nvariable "eks_kms_key_arn" {\n  description = "ARN of the customer managed KMS key that encrypts the Kubernetes Secrets of the EKS cluster (its key policy decides who can decrypt)"\n  type        = string\n}\n',
    },
    { name: 'resources without secrets (KICS positive2)', code: cluster(encryption('«["s"]»')), findings: [{ messageId: 'noSecrets' }] },
    {
      name: 'resources from a variable default without secrets: related to the default',
      files: { 'main.tf': cluster(encryption('«var.resources»')), 'variables.tf': 'variable "resources" {\n  default = []\n}\n' },
      findings: [{ messageId: 'noSecrets', relatedCount: 1 }],
    },
    {
      name: 'no provider block, and a null key',
      code:
        'resource "aws_eks_cluster" "a" {\n  «encryption_config» {\n    resources = ["secrets"]\n  }\n}\n' +
        'resource "aws_eks_cluster" "b" {\n  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = «null»\n    }\n  }\n}\n',
      findings: [{ messageId: 'noKey' }, { messageId: 'noKey' }],
    },
    {
      name: 'encryption_config without resources',
      code: cluster('  «encryption_config» {\n    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n  }\n'),
      findings: [{ messageId: 'noResources' }],
    },
    {
      name: 'dynamic block whose for_each is empty: no encryption',
      code: '«resource "aws_eks_cluster" "phi"» {\n  dynamic "encryption_config" {\n    for_each = []\n    content {\n      resources = ["secrets"]\n    }\n  }\n}\n',
      findings: [{ messageId: 'missing' }],
    },
    {
      name: 'for_each clusters: one finding per resource block',
      code: '«resource "aws_eks_cluster" "tenant"» {\n  for_each = toset(["a", "b"])\n  name     = each.key\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
