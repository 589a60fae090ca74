import rule from '../../../../server/src/rules/terraform/aws-cloudtrail-multi-region-logging';
import { runRuleCases } from '../../../harness/rule-cases';

const management = 'resource "aws_cloudtrail" "management" {\n  name                          = "management"\n  is_multi_region_trail         = true\n  include_global_service_events = true\n}\n';
const dataOnly =
  'resource "aws_cloudtrail" "phi_data" {\n  name                          = "phi-data"\n  include_global_service_events = false\n\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = false\n\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["${aws_s3_bucket.phi.arn}/"]\n    }\n  }\n}\n';

runRuleCases(rule, {
  valid: [
    { name: 'multi-region trail with defaults (KICS negative)', code: 'resource "aws_cloudtrail" "negative1" {\n  name                  = "negative"\n  s3_bucket_name        = "bucketlog"\n  is_multi_region_trail = true\n}\n' },
    { name: 'a compliant trail in another file covers a single-region data-event trail', files: { 'data.tf': dataOnly, 'management.tf': management } },
    {
      name: 'is_multi_region_trail from a variable default',
      files: { 'main.tf': 'resource "aws_cloudtrail" "t" {\n  is_multi_region_trail = var.multi\n}\n', 'variables.tf': 'variable "multi" {\n  default = true\n}\n' },
    },
    { name: 'an unresolvable value is not judged', code: 'variable "multi" {}\nresource "aws_cloudtrail" "t" {\n  is_multi_region_trail = var.multi\n}\n' },
    {
      name: 'another trail whose settings cannot be resolved may be the multi-region trail',
      code: 'variable "multi" {}\nresource "aws_cloudtrail" "a" {}\nresource "aws_cloudtrail" "b" {\n  is_multi_region_trail = var.multi\n}\n',
    },
    {
      name: 'management events in a dynamic selector whose for_each cannot be resolved',
      code: 'variable "selectors" {}\nresource "aws_cloudtrail" "t" {\n  is_multi_region_trail = true\n  dynamic "event_selector" {\n    for_each = var.selectors\n    content {\n      include_management_events = false\n    }\n  }\n}\n',
    },
    {
      name: 'advanced selectors that select management events',
      code: 'resource "aws_cloudtrail" "t" {\n  is_multi_region_trail = true\n  advanced_event_selector {\n    name = "mgmt"\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Management"]\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'not multi-region (KICS positive1): fix inserts the attribute',
      code: '«resource "aws_cloudtrail" "positive1"» {\n  name           = "npositive_1"\n  s3_bucket_name = "bucketlog_1"\n}\n',
      findings: [{ messageId: 'notMultiRegion', severity: 'high' }],
      fix: 'multiRegion',
      output: 'resource "aws_cloudtrail" "positive1" {\n  name           = "npositive_1"\n  s3_bucket_name = "bucketlog_1"\n  is_multi_region_trail = true\n}\n',
    },
    {
      name: 'is_multi_region_trail = false (KICS positive2)',
      code: 'resource "aws_cloudtrail" "positive2" {\n  is_multi_region_trail = «false»\n}\n',
      findings: [{ messageId: 'singleRegion' }],
      fix: 'multiRegion',
      output: 'resource "aws_cloudtrail" "positive2" {\n  is_multi_region_trail = true\n}\n',
    },
    {
      name: 'include_global_service_events = false on the only trail (KICS positive3)',
      code: 'resource "aws_cloudtrail" "positive3" {\n  is_multi_region_trail         = true\n  include_global_service_events = «false»\n}\n',
      findings: [{ messageId: 'noGlobalEvents' }],
      fix: 'globalEvents',
      output: 'resource "aws_cloudtrail" "positive3" {\n  is_multi_region_trail         = true\n  include_global_service_events = true\n}\n',
    },
    {
      name: 'a single-region trail without global events: the multi-region fix also turns global events on (AWS requires it)',
      code: '«resource "aws_cloudtrail" "t"» {\n  include_global_service_events = «false»\n}\n',
      findings: [{ messageId: 'notMultiRegion' }, { messageId: 'noGlobalEvents' }],
      fix: 'multiRegion',
      output: 'resource "aws_cloudtrail" "t" {\n  include_global_service_events = true\n  is_multi_region_trail = true\n}\n',
    },
    {
      name: 'enable_logging = false is reported even next to a compliant trail (KICS cloudtrail_logging_disabled)',
      code: management + 'resource "aws_cloudtrail" "positive1" {\n  enable_logging = «false»\n}\n',
      findings: [{ messageId: 'loggingDisabled' }],
      fix: 'enableLogging',
      output: management + 'resource "aws_cloudtrail" "positive1" {\n  enable_logging = true\n}\n',
    },
    {
      name: 'the only multi-region trail records data events only: no management events',
      code: dataOnly.replace('include_global_service_events = false', 'is_multi_region_trail = true').replace('include_management_events = false', 'include_management_events = «false»'),
      findings: [{ messageId: 'noManagementEvents' }],
    },
    {
      name: 'a stopped trail does not cover the others; values from variables get no fix',
      files: {
        'main.tf': 'resource "aws_cloudtrail" "a" {\n  is_multi_region_trail = «var.multi»\n}\nresource "aws_cloudtrail" "b" {\n  is_multi_region_trail = true\n  enable_logging        = «false»\n}\n',
        'variables.tf': 'variable "multi" {\n  default = false\n}\n',
      },
      findings: [{ messageId: 'singleRegion', relatedCount: 1 }, { messageId: 'loggingDisabled' }],
    },
    {
      name: 'count trail with advanced data-event selectors only',
      code: '«resource "aws_cloudtrail" "t"» {\n  count                 = 1\n  is_multi_region_trail = true\n  advanced_event_selector {\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Data"]\n    }\n  }\n}\n',
      findings: [{ messageId: 'noManagementEvents' }],
    },
  ],
});
