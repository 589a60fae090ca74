import rule from '../../../../server/src/rules/terraform/aws-no-hardcoded-credentials-provider';
import { runRuleCases } from '../../../harness/rule-cases';

// Fake keys shaped like real ones (not AWS's documentation examples, which the rule ignores).
const KEY_ID = 'AKIA2OGYBAH6QZWXV7TN';
const SECRET = 'q8Rk2Jd7Lx0pVb3Nw5Ye9Tz1Hc4Mf6Ga/Ui+SoQE';

runRuleCases(rule, {
  valid: [
    { name: 'provider using the default credential chain', code: 'provider "aws" {\n  region = "us-east-1"\n}\n' },
    { name: 'profile and assume_role', code: 'provider "aws" {\n  region  = "us-east-1"\n  profile = "phi-prod"\n  assume_role {\n    role_arn = "arn:aws:iam::111122223333:role/terraform"\n  }\n}\n' },
    {
      name: 'keys from variables without a value (TF_VAR_… at run time)',
      files: { 'main.tf': 'provider "aws" {\n  access_key = var.access_key\n  secret_key = var.secret_key\n}\n', 'variables.tf': 'variable "access_key" {\n  sensitive = true\n}\nvariable "secret_key" {\n  sensitive = true\n}\n' },
    },
    { name: 'empty variable default', files: { 'main.tf': 'provider "aws" {\n  access_key = var.access_key\n}\n', 'variables.tf': 'variable "access_key" {\n  default = ""\n}\n' } },
    {
      name: 'LocalStack mock credentials',
      code: 'provider "aws" {\n  access_key                  = "test"\n  secret_key                  = "test"\n  skip_credentials_validation = true\n  endpoints {\n    s3 = "http://localhost:4566"\n  }\n}\n',
    },
    { name: 'AWS documentation example keys', code: 'locals {\n  example_id     = "AKIAIOSFODNN7EXAMPLE"\n  aws_secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\n' },
    { name: 'a 40-character string without an AWS secret name', code: 'locals {\n  commit_sha = "0123456789abcdef0123456789abcdef01234567"\n}\n' },
    { name: 'other provider blocks are not judged', code: 'provider "google" {\n  access_token = "ya29.not-an-aws-key"\n}\n' },
    { name: 'a tfvars file without keys', filename: 'terraform.tfvars', code: 'region = "us-east-1"\nenvironment = "prod"\n' },
  ],
  invalid: [
    {
      name: 'literal keys in the provider: review fix removes both',
      code: `provider "aws" {\n  region     = "us-east-1"\n  access_key = «"${KEY_ID}"»\n  secret_key = «"${SECRET}"»\n}\n`,
      findings: [{ messageId: 'literalKey', severity: 'critical' }, { messageId: 'literalKey' }],
      fix: 'removeKeys',
      output: 'provider "aws" {\n  region     = "us-east-1"\n}\n',
    },
    {
      name: 'placeholder-looking literal keys are still literals',
      code: 'provider "aws" {\n  alias      = "dr"\n  access_key = «"my-access-key"»\n}\n',
      findings: [{ messageId: 'literalKey' }],
      fix: 'removeKeys',
      output: 'provider "aws" {\n  alias      = "dr"\n}\n',
    },
    {
      name: 'key from terraform.tfvars: at the provider, related to tfvars (the tfvars file is reported on its own)',
      files: { 'main.tf': 'provider "aws" {\n  secret_key = «var.secret_key»\n}\nvariable "secret_key" {}\n', 'terraform.tfvars': `secret_key = "${SECRET}"\n` },
      findings: [{ messageId: 'literalKey', relatedCount: 1 }],
    },
    {
      name: 'access key ID in a variable default: reported at the default and at the provider',
      code: `variable "access_key" {\n  default = «"${KEY_ID}"»\n}\nprovider "aws" {\n  access_key = «var.access_key»\n}\n`,
      findings: [{ messageId: 'accessKeyId' }, { messageId: 'literalKey', relatedCount: 1 }],
    },
    {
      name: 'S3 backend with literal keys',
      code: `terraform {\n  backend "s3" {\n    bucket     = "tf-state"\n    access_key = «"${KEY_ID}"»\n    secret_key = «"${SECRET}"»\n  }\n}\n`,
      findings: [{ messageId: 'literalKey' }, { messageId: 'literalKey' }],
    },
    {
      name: 'mock-looking provider with a real-shaped key is reported',
      code: `provider "aws" {\n  access_key                  = «"${KEY_ID}"»\n  skip_credentials_validation = true\n  endpoints {\n    s3 = "http://localhost:4566"\n  }\n}\n`,
      findings: [{ messageId: 'literalKey' }],
    },
    {
      name: 'terraform.tfvars: an access key ID and a named secret key',
      filename: 'terraform.tfvars',
      code: `region = "us-east-1"\nci_key_id = «"${KEY_ID}"»\naws_secret_access_key = «"${SECRET}"»\n`,
      findings: [{ messageId: 'accessKeyId' }, { messageId: 'secretKey' }],
    },
    {
      name: 'keys in a module input, a heredoc credentials file and a comment',
      code:
        `module "etl" {\n  source = "./etl"\n  creds  = «"${KEY_ID}"»\n}\n` +
        `resource "aws_ssm_document" "cfg" {\n  content = «<<EOT\n[default]\naws_secret_access_key = ${SECRET}\nEOT»\n}\n` +
        `«# old key: ${KEY_ID}»\n`,
      findings: [{ messageId: 'accessKeyId' }, { messageId: 'secretKey' }, { messageId: 'accessKeyId' }],
    },
  ],
});
