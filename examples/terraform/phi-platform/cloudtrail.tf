# Audit trail (HIPAA 164.312(b)). Both trails deliver to the log bucket in s3.tf, encrypt
# with the audit key in kms.tf, and stream to one CloudWatch Logs group, where the security
# team's metric filters and alarms (another stack) read them.

# Compliant: multi-region management-event trail with signed digest files.
resource "aws_cloudtrail" "management" {
  name                          = "${local.name_prefix}-management"
  s3_bucket_name                = aws_s3_bucket.cloudtrail_logs.id
  kms_key_id                    = aws_kms_key.audit.arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.cloudtrail_to_cloudwatch.arn

  depends_on = [aws_s3_bucket_policy.cloudtrail_logs]
}

# Intentionally non-compliant: the object-level (data event) trail for the PHI buckets was
# added later and omits enable_log_file_validation (the provider default is false), so
# nobody could prove its log files were not edited after delivery.
# Expected finding: aws-cloudtrail-log-file-validation.
resource "aws_cloudtrail" "phi_data_events" {
  name                          = "${local.name_prefix}-phi-data-events"
  s3_bucket_name                = aws_s3_bucket.cloudtrail_logs.id
  s3_key_prefix                 = "data-events"
  kms_key_id                    = aws_kms_key.audit.arn
  include_global_service_events = false
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.cloudtrail_to_cloudwatch.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = false

    data_resource {
      type   = "AWS::S3::Object"
      values = [
        "${aws_s3_bucket.phi_documents.arn}/",
        "${aws_s3_bucket.hl7_inbound.arn}/",
      ]
    }
  }

  depends_on = [aws_s3_bucket_policy.cloudtrail_logs]
}

# Compliant: a year of trail events in CloudWatch Logs, encrypted with the audit key.
resource "aws_cloudwatch_log_group" "cloudtrail" {
  name              = "/aws/cloudtrail/${local.name_prefix}"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.audit.arn
}

resource "aws_iam_role" "cloudtrail_to_cloudwatch" {
  name               = "${local.name_prefix}-cloudtrail-to-cloudwatch"
  assume_role_policy = data.aws_iam_policy_document.cloudtrail_assume_role.json
}

data "aws_iam_policy_document" "cloudtrail_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "cloudtrail_to_cloudwatch" {
  name   = "deliver-to-cloudwatch-logs"
  role   = aws_iam_role.cloudtrail_to_cloudwatch.id
  policy = data.aws_iam_policy_document.cloudtrail_to_cloudwatch.json
}

data "aws_iam_policy_document" "cloudtrail_to_cloudwatch" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.cloudtrail.arn}:log-stream:*"]
  }
}
