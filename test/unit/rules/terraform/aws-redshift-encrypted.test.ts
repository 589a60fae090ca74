import rule from '../../../../server/src/rules/terraform/aws-redshift-encrypted';
import { runRuleCases } from '../../../harness/rule-cases';

const cluster = (body: string, name = 'dw'): string => `resource "aws_redshift_cluster" "${name}" {\n  cluster_identifier = "phi-dw"\n  node_type          = "ra3.xlplus"\n${body}}\n`;
/** What the fixes append: the key is the user's choice, so a variable without a default. */
const keyVariable =
  '\nvariable "redshift_kms_key_arn" {\n  description = "ARN of the customer managed KMS key that encrypts the Redshift cluster (its key policy decides who can decrypt)"\n  type        = string\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'encrypted with a customer managed key', code: cluster('  encrypted          = true\n  kms_key_id         = aws_kms_key.dw.arn\n') },
    {
      name: 'encrypted and key from variables in another file',
      files: {
        'main.tf': cluster('  encrypted          = var.encrypted\n  kms_key_id         = var.key\n'),
        'variables.tf': 'variable "encrypted" {\n  default = true\n}\nvariable "key" {\n  default = "arn:aws:kms:us-east-1:111122223333:key/example"\n}\n',
      },
    },
    { name: 'encrypted = "true" (string converted by Terraform) with a key from a data source', code: cluster('  encrypted  = "true"\n  kms_key_id = data.aws_kms_key.dw.arn\n') },
    { name: 'an unknown encrypted value is not judged', code: 'variable "encrypted" {}\n' + cluster('  encrypted = var.encrypted\n') },
    { name: 'an unknown key id is not judged', code: 'variable "key" {}\n' + cluster('  encrypted  = true\n  kms_key_id = var.key\n') },
    { name: 'count cluster, encrypted with a key', code: cluster('  count      = 2\n  encrypted  = true\n  kms_key_id = aws_kms_key.dw.arn\n') },
  ],
  invalid: [
    {
      name: 'encrypted missing: finding at the header, review fix inserts it',
      code: '«resource "aws_redshift_cluster" "dw"» {\n  cluster_identifier = "phi-dw"\n  node_type          = "ra3.xlplus"\n}\n',
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'enableWithKey',
      output: cluster('  encrypted          = true\n  kms_key_id         = var.redshift_kms_key_arn\n') + keyVariable,
    },
    {
      name: 'encrypted = false: finding at the value, fix replaces it',
      code: cluster('  encrypted          = «false»\n  kms_key_id         = aws_kms_key.dw.arn\n'),
      findings: [{ messageId: 'disabled' }],
      fix: 'enable',
      output: cluster('  encrypted          = true\n  kms_key_id         = aws_kms_key.dw.arn\n'),
    },
    {
      name: 'encrypted false from terraform.tfvars: related to the tfvars, no fix',
      files: {
        'main.tf': 'variable "encrypted" {\n  default = true\n}\n' + cluster('  encrypted = «var.encrypted»\n'),
        'terraform.tfvars': 'encrypted = false\n',
      },
      findings: [{ messageId: 'disabled', relatedCount: 1 }],
    },
    {
      name: 'encrypted without kms_key_id: warn (medium) at the header; the fix asks for a key',
      code: '«resource "aws_redshift_cluster" "dw"» {\n  cluster_identifier = "phi-dw"\n  encrypted          = true\n}\n',
      findings: [{ messageId: 'awsManagedKey', severity: 'medium' }],
      fix: 'useCustomerKey',
      output: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "phi-dw"\n  encrypted          = true\n  kms_key_id         = var.redshift_kms_key_arn\n}\n' + keyVariable,
    },
    {
      name: 'kms_key_id = null is no key: warn at the value',
      code: cluster('  encrypted  = true\n  kms_key_id = «null»\n'),
      findings: [{ messageId: 'awsManagedKey', severity: 'medium' }],
      fix: 'useCustomerKey',
      output: cluster('  encrypted  = true\n  kms_key_id = var.redshift_kms_key_arn\n') + keyVariable,
    },
    {
      name: 'for_each cluster: reported once for the block',
      code: '«resource "aws_redshift_cluster" "dw"» {\n  for_each           = toset(["a", "b"])\n  cluster_identifier = "phi-${each.key}"\n}\n',
      findings: [{ messageId: 'missing' }],
    },
  ],
});
