# Audit trail (HIPAA 164.312(b)). Both trails deliver to the log bucket in s3.tf and encrypt
# with the audit key in kms.tf.

# Compliant: multi-region management-event trail with signed digest files.
resource "aws_cloudtrail" "management" {
  name                          = "${local.name_prefix}-management"
  s3_bucket_name                = aws_s3_bucket.cloudtrail_logs.id
  kms_key_id                    = aws_kms_key.audit.arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  depends_on = [aws_s3_bucket_policy.cloudtrail_logs]
}

# Intentionally non-compliant: the object-level (data event) trail for the clinical document
# bucket was added later and omits enable_log_file_validation (the provider default is
# false), so nobody could prove its log files were not edited after delivery.
# Expected finding: aws-cloudtrail-log-file-validation.
resource "aws_cloudtrail" "phi_data_events" {
  name                          = "${local.name_prefix}-phi-data-events"
  s3_bucket_name                = aws_s3_bucket.cloudtrail_logs.id
  s3_key_prefix                 = "data-events"
  kms_key_id                    = aws_kms_key.audit.arn
  include_global_service_events = false

  event_selector {
    read_write_type           = "All"
    include_management_events = false

    data_resource {
      type   = "AWS::S3::Object"
      values = ["${aws_s3_bucket.phi_documents.arn}/"]
    }
  }

  depends_on = [aws_s3_bucket_policy.cloudtrail_logs]
}
