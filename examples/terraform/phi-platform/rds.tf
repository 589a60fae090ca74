# PostgreSQL databases. The clinical database holds the patient record; the reporting
# database is a nightly copy for the business-intelligence vendor.

resource "aws_db_subnet_group" "clinical" {
  name       = "${local.name_prefix}-clinical"
  subnet_ids = var.private_subnet_ids
}

resource "aws_db_parameter_group" "postgres16" {
  name   = "${local.name_prefix}-postgres16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }
}

# Compliant: encrypted with the PHI key, private, TLS enforced by the parameter group.
resource "aws_db_instance" "clinical" {
  identifier     = "${local.name_prefix}-clinical"
  engine         = "postgres"
  engine_version = "16.4"
  instance_class = var.db_instance_class

  allocated_storage     = 200
  max_allocated_storage = 1000
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.phi.arn

  db_name                             = "clinical"
  username                            = "clinical_admin"
  manage_master_user_password         = true
  iam_database_authentication_enabled = true

  db_subnet_group_name   = aws_db_subnet_group.clinical.name
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = aws_db_parameter_group.postgres16.name
  publicly_accessible    = false
  multi_az               = true

  backup_retention_period         = 35
  deletion_protection             = true
  copy_tags_to_snapshot           = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
  final_snapshot_identifier       = "${local.name_prefix}-clinical-final"
}

resource "aws_db_subnet_group" "reporting" {
  name       = "${local.name_prefix}-reporting"
  subnet_ids = var.public_subnet_ids
}

# Intentionally non-compliant, twice:
# - storage_encrypted comes from var.db_storage_encrypted, whose default is true but which
#   terraform.tfvars sets to false: storage, backups and snapshots of a database holding a
#   copy of the patient record are unencrypted. Expected finding:
#   aws-rds-instance-storage-encrypted (pointing at the value in terraform.tfvars).
# - publicly_accessible = true so the BI vendor's SaaS can connect over the internet.
#   Expected finding: aws-rds-not-publicly-accessible.
resource "aws_db_instance" "reporting" {
  identifier     = "${local.name_prefix}-reporting"
  engine         = "postgres"
  engine_version = "16.4"
  instance_class = "db.t4g.large"

  allocated_storage = 100
  storage_type      = "gp3"
  storage_encrypted = var.db_storage_encrypted

  db_name                     = "reporting"
  username                    = "reporting_admin"
  manage_master_user_password = true

  db_subnet_group_name   = aws_db_subnet_group.reporting.name
  vpc_security_group_ids = [aws_security_group.reporting_db.id]
  parameter_group_name   = aws_db_parameter_group.postgres16.name
  publicly_accessible    = true

  backup_retention_period         = 7
  deletion_protection             = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
  final_snapshot_identifier       = "${local.name_prefix}-reporting-final"
}
