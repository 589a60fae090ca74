import rule from '../../../../server/src/rules/terraform/aws-cloudtrail-s3-data-events';
import { runRuleCases } from '../../../harness/rule-cases';

const trail = (selectors: string, name = 'audit'): string =>
  `resource "aws_cloudtrail" "${name}" {\n  name           = "${name}"\n  s3_bucket_name = aws_s3_bucket.trail_logs.id\n${selectors}}\n`;
const selector = (values: string, type = '"AWS::S3::Object"'): string =>
  `\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = true\n\n    data_resource {\n      type   = ${type}\n      values = ${values}\n    }\n  }\n`;
const phiBucket = (name: string, bucket: string): string => `resource "aws_s3_bucket" "${name}" {\n  bucket = "${bucket}"\n  tags = {\n    DataClassification = "PHI"\n  }\n}\n`;
const logs = 'resource "aws_s3_bucket" "trail_logs" {\n  bucket = "acme-trail-logs"\n  tags = {\n    DataClassification = "phi"\n  }\n}\n';
const advanced = (fields: string): string => `\n  advanced_event_selector {\n    name = "s3"\n${fields}  }\n`;
const field = (name: string, op: string, values: string): string => `    field_selector {\n      field = "${name}"\n      ${op} = ${values}\n    }\n`;
const s3Data = field('eventCategory', 'equals', '["Data"]') + field('resources.type', 'equals', '["AWS::S3::Object"]');
/** A basic selector for every bucket that records one kind of event (`read_write_type` written as given). */
const modeSelector = (mode: string): string =>
  `\n  event_selector {\n    read_write_type           = ${mode}\n    include_management_events = true\n\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3:::"]\n    }\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'all buckets with a basic selector (KICS negative)', code: trail(selector('["arn:aws:s3:::"]')) + logs },
    { name: 'PHI bucket covered by reference, trail in another file', files: { 's3.tf': phiBucket('phi', 'acme-phi') + logs, 'trail.tf': trail(selector('["${aws_s3_bucket.phi.arn}/"]')) } },
    {
      name: 'PHI through provider default_tags; covered by a literal ARN from a variable default',
      files: {
        'main.tf': 'provider "aws" {\n  default_tags {\n    tags = local.tags\n  }\n}\nlocals {\n  tags = { data_classification = "ePHI" }\n}\nresource "aws_s3_bucket" "claims" {\n  bucket = "acme-claims"\n}\n',
        'trail.tf': trail(selector('var.data_arns')),
        'variables.tf': 'variable "data_arns" {\n  default = ["arn:aws:s3:::acme-claims/"]\n}\n',
      },
    },
    { name: 'a PHI bucket in a module without trails: coverage cannot be determined', code: phiBucket('phi', 'acme-phi') },
    { name: 'a bucket that is not tagged as PHI need not be covered', code: trail(selector('["${aws_s3_bucket.phi.arn}/"]')) + 'resource "aws_s3_bucket" "assets" {\n  bucket = "acme-assets"\n}\n' },
    { name: "the trail's own log bucket is not required", code: trail(selector('["${aws_s3_bucket.phi.arn}/"]')) + logs },
    { name: 'all buckets through the partition data source', code: 'data "aws_partition" "current" {}\n' + trail(selector('["arn:${data.aws_partition.current.partition}:s3"]')) + phiBucket('phi', 'acme-phi') },
    { name: 'advanced selector for every S3 object', code: trail(advanced(s3Data)) + phiBucket('phi', 'acme-phi') },
    {
      name: 'advanced selector with a starts_with prefix of the bucket',
      code: trail(advanced(s3Data + field('resources.ARN', 'starts_with', '["arn:aws:s3:::acme-phi/"]'))) + phiBucket('phi', 'acme-phi'),
    },
    { name: 'a dynamic selector whose for_each cannot be resolved', code: 'variable "sel" {}\n' + trail('  dynamic "event_selector" {\n    for_each = var.sel\n    content {\n      read_write_type = "All"\n    }\n  }\n') },
    { name: 'tags that cannot be resolved are not judged', code: 'variable "tags" {}\n' + trail(selector('["arn:aws:s3:::other/"]')) + 'resource "aws_s3_bucket" "x" {\n  bucket = "acme-x"\n  tags   = var.tags\n}\n' },
    { name: 'a value that cannot be resolved may cover the bucket', code: 'variable "arns" {}\n' + trail(selector('var.arns')) + phiBucket('phi', 'acme-phi') },
    {
      name: "the bucket's own tag overrides the provider's default_tags classification (an access-log bucket in a PHI stack)",
      code:
        'provider "aws" {\n  default_tags {\n    tags = { DataClassification = "phi" }\n  }\n}\n' +
        trail(selector('["${aws_s3_bucket.phi.arn}/"]')) +
        phiBucket('phi', 'acme-phi') +
        'resource "aws_s3_bucket" "access_logs" {\n  bucket = "acme-access-logs"\n  tags = {\n    DataClassification = "audit"\n  }\n}\n',
    },
    { name: 'reads on one trail and writes on another', code: trail(modeSelector('"ReadOnly"'), 'reads') + trail(modeSelector('"WriteOnly"'), 'writes') },
    { name: 'reads and writes in two selectors of one trail', code: trail(modeSelector('"ReadOnly"') + modeSelector('"WriteOnly"')) },
    { name: 'read_write_type left at its default (All) records reads and writes (KICS positive1)', code: trail(selector('["arn:aws:s3:::"]').replace('    read_write_type           = "All"\n', '')) },
    { name: 'reads only here, and a read_write_type that cannot be resolved on another trail', code: 'variable "rw" {}\n' + trail(modeSelector('"ReadOnly"'), 'reads') + trail(modeSelector('var.rw'), 'other') },
  ],
  invalid: [
    {
      name: 'every trail records reads only (KICS positive2): the writes are missing, review fix records All',
      code: trail(modeSelector('«"ReadOnly"»')),
      findings: [{ messageId: 'partialDataEvents', severity: 'low' }],
      fix: 'recordAll',
      output: trail(modeSelector('"All"')),
    },
    {
      name: 'writes only, from a variable default: reported at the reference with the default as related, no fix',
      files: { 'main.tf': trail(modeSelector('«var.rw»')), 'variables.tf': 'variable "rw" {\n  default = "WriteOnly"\n}\n' },
      findings: [{ messageId: 'partialDataEvents', severity: 'low', relatedCount: 1 }],
    },
    {
      name: 'advanced selector with readOnly = ["true"]: reads only',
      code: trail(advanced(s3Data + field('readOnly', 'equals', '«["true"]»'))),
      findings: [{ messageId: 'partialDataEvents' }],
    },
    {
      name: 'no data events, no PHI bucket in the module: review fix records every bucket',
      code: '«resource "aws_cloudtrail" "audit"» {\n  name = "audit"\n}\n',
      findings: [{ messageId: 'noDataEvents', severity: 'medium' }],
      fix: 'recordAllBuckets',
      output:
        'resource "aws_cloudtrail" "audit" {\n  name = "audit"\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = true\n\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n}\n',
    },
    {
      name: 'no data events; the all-bucket fix uses the partition data source when the module declares it',
      code: 'data "aws_partition" "current" {}\n«resource "aws_cloudtrail" "audit"» {\n  name = "audit"\n}\n',
      findings: [{ messageId: 'noDataEvents' }],
      fix: 'recordAllBuckets',
      output:
        'data "aws_partition" "current" {}\nresource "aws_cloudtrail" "audit" {\n  name = "audit"\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = true\n\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:${data.aws_partition.current.partition}:s3"]\n    }\n  }\n}\n',
    },
    {
      name: 'no data events (only Lambda) with PHI buckets: the trail carries the finding, the fix scopes to the PHI buckets',
      code:
        '«resource "aws_cloudtrail" "audit"» {\n  s3_bucket_name = aws_s3_bucket.trail_logs.id\n  event_selector {\n    include_management_events = false\n    data_resource {\n      type   = "AWS::Lambda::Function"\n      values = ["arn:aws:lambda"]\n    }\n  }\n}\n' +
        phiBucket('phi', 'acme-phi') +
        logs,
      findings: [{ messageId: 'noDataEvents' }],
      fix: 'recordPhiBuckets',
      output:
        'resource "aws_cloudtrail" "audit" {\n  s3_bucket_name = aws_s3_bucket.trail_logs.id\n  event_selector {\n    include_management_events = false\n    data_resource {\n      type   = "AWS::Lambda::Function"\n      values = ["arn:aws:lambda"]\n    }\n  }\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = false\n\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["${aws_s3_bucket.phi.arn}/"]\n    }\n  }\n}\n' +
        phiBucket('phi', 'acme-phi') +
        logs,
    },
    {
      name: 'a PHI bucket the selector does not cover: review fix adds it to the selector',
      code: trail(selector('["${aws_s3_bucket.documents.arn}/"]')) + '«resource "aws_s3_bucket" "hl7"» {\n  bucket = "acme-hl7"\n  tags = {\n    DataClassification = "PHI"\n  }\n}\n',
      findings: [{ messageId: 'notCovered', relatedCount: 1 }],
      fix: 'addBucket',
      output: trail(selector('["${aws_s3_bucket.documents.arn}/", "${aws_s3_bucket.hl7.arn}/"]')) + phiBucket('hl7', 'acme-hl7'),
    },
    {
      name: 'PHI via merge(local.tags, …), excluded by not_starts_with',
      files: {
        'main.tf':
          '«resource "aws_s3_bucket" "phi"» {\n  for_each = toset(["a"])\n  bucket   = "acme-phi"\n  tags     = merge(local.tags, { Name = "phi" })\n}\nlocals {\n  tags = { contains_phi = "yes" }\n}\n',
        'trail.tf': trail(advanced(s3Data + field('resources.ARN', 'not_starts_with', '["arn:aws:s3:::acme-phi/"]'))),
      },
      findings: [{ messageId: 'notCovered' }],
    },
    {
      name: 'advanced selectors for another bucket only; no fix for advanced selectors',
      code: '«resource "aws_s3_bucket" "phi"» {\n  bucket = "acme-phi"\n  tags   = { PHI = true }\n}\n' + trail(advanced(s3Data + field('resources.ARN', 'starts_with', '["arn:aws:s3:::acme-other/"]'))),
      findings: [{ messageId: 'notCovered' }],
    },
  ],
});
