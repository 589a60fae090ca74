# S3 buckets, written with the AWS provider v4+ split resources. The default encryption of
# each bucket is declared in s3-encryption.tf; the engine joins the two files on
# `bucket = aws_s3_bucket.<name>.id`. Every PHI bucket logs its requests to the access-log
# bucket at the end of this file and denies requests that do not use TLS.

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

resource "aws_s3_bucket_logging" "phi_documents" {
  bucket        = aws_s3_bucket.phi_documents.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "s3/phi-documents/"
}

resource "aws_s3_bucket_policy" "phi_documents" {
  bucket = aws_s3_bucket.phi_documents.id
  policy = data.aws_iam_policy_document.phi_documents.json
}

data "aws_iam_policy_document" "phi_documents" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.phi_documents.arn, "${aws_s3_bucket.phi_documents.arn}/*"]

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

resource "aws_s3_bucket_logging" "hl7_inbound" {
  bucket        = aws_s3_bucket.hl7_inbound.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "s3/hl7-inbound/"
}

resource "aws_s3_bucket_policy" "hl7_inbound" {
  bucket = aws_s3_bucket.hl7_inbound.id
  policy = data.aws_iam_policy_document.hl7_inbound.json
}

data "aws_iam_policy_document" "hl7_inbound" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.hl7_inbound.arn, "${aws_s3_bucket.hl7_inbound.arn}/*"]

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
# extract, with versioning copied from the buckets above and none of their other controls:
# - no aws_s3_bucket_server_side_encryption_configuration (objects get only the account's
#   implicit SSE-S3 default, which the code does not evidence);
# - no aws_s3_bucket_public_access_block, so one bad ACL or policy would publish the extract;
# - no access logging, no bucket policy denying plain-HTTP requests, and no CloudTrail data
#   events for its objects, so nobody could tell who downloaded the extract, or how.
# Expected findings: aws-s3-bucket-encryption-at-rest, aws-s3-bucket-public-access-block,
# aws-s3-bucket-access-logging, aws-s3-bucket-policy-deny-insecure-transport,
# aws-cloudtrail-s3-data-events.
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

# ---------------------------------------------------------------------------------------
# Server access logs of the PHI buckets and access logs of the portal load balancer:
# compliant. S3 server access logging and load balancer access logs can only write to a
# bucket encrypted with SSE-S3, hence AES256 in s3-encryption.tf. This bucket is the log
# target, so it does not log its own requests.
# ---------------------------------------------------------------------------------------
resource "aws_s3_bucket" "access_logs" {
  bucket = "${local.name_prefix}-access-logs"

  # Request metadata for the audit trail, not patient data (overrides the provider's
  # default DataClassification tag).
  tags = {
    DataClassification = "audit"
  }
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  bucket                  = aws_s3_bucket.access_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  policy = data.aws_iam_policy_document.access_logs.json
}

data "aws_iam_policy_document" "access_logs" {
  statement {
    sid       = "S3ServerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.access_logs.arn}/s3/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }

  statement {
    sid       = "LoadBalancerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.access_logs.arn}/alb/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.access_logs.arn, "${aws_s3_bucket.access_logs.arn}/*"]

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
