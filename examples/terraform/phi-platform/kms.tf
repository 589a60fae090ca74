# Customer managed keys. Rotation limits how much ePHI any single key version protects.

# Compliant: encrypts the clinical document bucket and the clinical database.
resource "aws_kms_key" "phi" {
  description             = "${local.name_prefix} PHI data at rest (S3 documents, RDS)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "phi" {
  name          = "alias/${local.name_prefix}-phi"
  target_key_id = aws_kms_key.phi.key_id
}

# Compliant: encrypts the CloudTrail log files, the log bucket and the CloudTrail log group.
resource "aws_kms_key" "audit" {
  description             = "${local.name_prefix} audit trail"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.audit_key.json
}

resource "aws_kms_alias" "audit" {
  name          = "alias/${local.name_prefix}-audit"
  target_key_id = aws_kms_key.audit.key_id
}

data "aws_iam_policy_document" "audit_key" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptLogs"
    actions   = ["kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:${data.aws_partition.current.partition}:cloudtrail:*:${data.aws_caller_identity.current.account_id}:trail/*"]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncryptLogGroup"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.aws_region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:${var.aws_region}:${data.aws_caller_identity.current.account_id}:log-group:*"]
    }
  }
}

# Intentionally non-compliant: the key for inbound HL7/EDI files from the clearinghouse was
# created without enable_key_rotation (the provider default is false), so one key version
# protects every file ever received. Expected finding: aws-kms-key-rotation-enabled.
resource "aws_kms_key" "integration" {
  description             = "${local.name_prefix} inbound HL7 and EDI files"
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "integration" {
  name          = "alias/${local.name_prefix}-integration"
  target_key_id = aws_kms_key.integration.key_id
}

# Not applicable (no finding): an asymmetric signing key for the release-of-information
# PDFs. AWS KMS cannot rotate asymmetric keys automatically, so the rule skips it.
resource "aws_kms_key" "document_signing" {
  description              = "${local.name_prefix} signs release-of-information documents"
  customer_master_key_spec = "RSA_3072"
  key_usage                = "SIGN_VERIFY"
  deletion_window_in_days  = 30
}
