# S3 buckets, written with the AWS provider v4+ split resources. The default encryption of
# each bucket is declared in s3-encryption.tf; the engine joins the two files on
# `bucket = aws_s3_bucket.<name>.id`.

# ---------------------------------------------------------------------------------------
# Clinical documents (scanned referrals, discharge summaries): compliant.
# ---------------------------------------------------------------------------------------
resource "aws_s3_bucket" "phi_documents" {
  bucket = "${local.name_prefix}-phi-documents"
}

resource "aws_s3_bucket_public_access_block" "phi_documents" {
  bucket                  = aws_s3_bucket.phi_documents.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "phi_documents" {
  bucket = aws_s3_bucket.phi_documents.id

  versioning_configuration {
    status = "Enabled"
  }
}

# ---------------------------------------------------------------------------------------
# Inbound HL7 v2 and X12 EDI files from the clearinghouse: compliant bucket (its KMS key in
# kms.tf is the one without rotation).
# ---------------------------------------------------------------------------------------
resource "aws_s3_bucket" "hl7_inbound" {
  bucket = "${local.name_prefix}-hl7-inbound"
}

resource "aws_s3_bucket_public_access_block" "hl7_inbound" {
  bucket                  = aws_s3_bucket.hl7_inbound.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "hl7_inbound" {
  bucket = aws_s3_bucket.hl7_inbound.id

  versioning_configuration {
    status = "Enabled"
  }
}

# ---------------------------------------------------------------------------------------
# CloudTrail log files: compliant.
# ---------------------------------------------------------------------------------------
resource "aws_s3_bucket" "cloudtrail_logs" {
  bucket = "${local.name_prefix}-cloudtrail-logs"
}

resource "aws_s3_bucket_public_access_block" "cloudtrail_logs" {
  bucket                  = aws_s3_bucket.cloudtrail_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "cloudtrail_logs" {
  bucket = aws_s3_bucket.cloudtrail_logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "cloudtrail_logs" {
  bucket = aws_s3_bucket.cloudtrail_logs.id
  policy = data.aws_iam_policy_document.cloudtrail_logs.json
}

data "aws_iam_policy_document" "cloudtrail_logs" {
  statement {
    sid       = "AWSCloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.cloudtrail_logs.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }

  statement {
    sid     = "AWSCloudTrailWrite"
    actions = ["s3:PutObject"]
    resources = [
      "${aws_s3_bucket.cloudtrail_logs.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*",
      "${aws_s3_bucket.cloudtrail_logs.arn}/data-events/AWSLogs/${data.aws_caller_identity.current.account_id}/*",
    ]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.cloudtrail_logs.arn, "${aws_s3_bucket.cloudtrail_logs.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

# ---------------------------------------------------------------------------------------
# Intentionally non-compliant: a bucket created in a hurry for a one-off population-health
# extract. It has no aws_s3_bucket_server_side_encryption_configuration (objects get only
# the account's implicit SSE-S3 default, which the code does not evidence) and no
# aws_s3_bucket_public_access_block, so one bad ACL or policy would publish the extract.
# Expected findings: aws-s3-bucket-encryption-at-rest, aws-s3-bucket-public-access-block.
# ---------------------------------------------------------------------------------------
resource "aws_s3_bucket" "analytics_exports" {
  bucket = "${local.name_prefix}-analytics-exports"
}

resource "aws_s3_bucket_versioning" "analytics_exports" {
  bucket = aws_s3_bucket.analytics_exports.id

  versioning_configuration {
    status = "Enabled"
  }
}
