import rule from '../../../../server/src/rules/terraform/gcp-storage-public-access-prevention';
import { runRuleCases } from '../../../harness/rule-cases';

const bucket = (body: string, header = 'resource "google_storage_bucket" "phi"'): string =>
  `${header} {\n  name     = "acme-phi-exports"\n  location = "US"\n${body}}\n`;
const member = (m: string): string => `resource "google_storage_bucket_iam_member" "reader" {\n  bucket = google_storage_bucket.phi.name\n  role   = "roles/storage.objectViewer"\n  member = ${m}\n}\n`;
const binding = (members: string): string => `resource "google_storage_bucket_iam_binding" "readers" {\n  bucket  = google_storage_bucket.phi.name\n  role    = "roles/storage.objectViewer"\n  members = ${members}\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'enforced', code: bucket('  public_access_prevention = "enforced"\n') },
    { name: 'enforced from terraform.tfvars', files: { 'main.tf': 'variable "pap" {}\n' + bucket('  public_access_prevention = var.pap\n'), 'terraform.tfvars': 'pap = "enforced"\n' } },
    { name: 'a variable without a value is not guessed', code: 'variable "pap" {}\n' + bucket('  public_access_prevention = var.pap\n') },
    { name: 'member grant to a group', code: member('"group:radiology@acme-health.org"') },
    { name: 'binding to named principals', code: binding('["user:jane@acme-health.org", "serviceAccount:etl@acme.iam.gserviceaccount.com"]') },
    { name: 'member from a variable without a value is not guessed', code: 'variable "reader" {}\n' + member('var.reader') },
    {
      name: 'iam policy from a data.google_iam_policy without public members',
      code: 'data "google_iam_policy" "readers" {\n  binding {\n    role    = "roles/storage.objectViewer"\n    members = ["group:radiology@acme-health.org"]\n  }\n}\n\nresource "google_storage_bucket_iam_policy" "phi" {\n  bucket      = google_storage_bucket.phi.name\n  policy_data = data.google_iam_policy.readers.policy_data\n}\n',
    },
  ],
  invalid: [
    {
      name: 'absent: the fix inserts "enforced"',
      code: bucket('', '«resource "google_storage_bucket" "phi"»'),
      findings: [{ messageId: 'missing', severity: 'critical' }],
      fix: 'enforce',
      output: bucket('  public_access_prevention = "enforced"\n'),
    },
    {
      name: '"inherited": the fix replaces it',
      code: bucket('  public_access_prevention = «"inherited"»\n'),
      findings: [{ messageId: 'notEnforced' }],
      fix: 'enforce',
      output: bucket('  public_access_prevention = "enforced"\n'),
    },
    {
      name: '"inherited" from a variable default in another file: related, no fix',
      files: { 'main.tf': bucket('  public_access_prevention = «var.pap»\n'), 'variables.tf': 'variable "pap" {\n  default = "inherited"\n}\n' },
      findings: [{ messageId: 'notEnforced', relatedCount: 1 }],
    },
    {
      name: 'member allUsers',
      code: member('«"allUsers"»'),
      findings: [{ messageId: 'publicMember' }],
    },
    {
      name: 'binding with allAuthenticatedUsers among named principals',
      code: binding('["user:jane@acme-health.org", «"allAuthenticatedUsers"»]'),
      findings: [{ messageId: 'publicMember' }],
    },
    {
      name: 'member allUsers from terraform.tfvars',
      files: { 'iam.tf': 'variable "reader" {}\n' + member('«var.reader»'), 'terraform.tfvars': 'reader = "allUsers"\n' },
      findings: [{ messageId: 'publicMember', relatedCount: 1 }],
    },
    {
      name: 'for_each member grants reported once per public member',
      code: 'resource "google_storage_bucket_iam_member" "m" {\n  for_each = toset(["a", "b"])\n  bucket   = "acme-${each.key}"\n  role     = "roles/storage.objectViewer"\n  member   = «"allUsers"»\n}\n',
      findings: [{ messageId: 'publicMember' }],
    },
    {
      name: 'iam policy from a data.google_iam_policy in another file with allUsers',
      files: {
        'iam.tf': 'resource "google_storage_bucket_iam_policy" "phi" {\n  bucket      = google_storage_bucket.phi.name\n  policy_data = «data.google_iam_policy.public.policy_data»\n}\n',
        'policy.tf': 'data "google_iam_policy" "public" {\n  binding {\n    role    = "roles/storage.objectViewer"\n    members = ["allUsers"]\n  }\n}\n',
      },
      findings: [{ messageId: 'publicMember', relatedCount: 1 }],
    },
    {
      name: 'iam policy with jsonencode',
      code: 'resource "google_storage_bucket_iam_policy" "phi" {\n  bucket      = google_storage_bucket.phi.name\n  policy_data = jsonencode({\n    bindings = [{\n      role    = "roles/storage.objectViewer"\n      members = [«"allAuthenticatedUsers"»]\n    }]\n  })\n}\n',
      findings: [{ messageId: 'publicMember' }],
    },
  ],
});
