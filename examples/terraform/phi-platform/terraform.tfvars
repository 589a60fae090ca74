environment = "prod"
aws_region  = "us-east-1"

vpc_id             = "vpc-0a1b2c3d4e5f60718"
private_subnet_ids = ["subnet-0c1d2e3f405162738", "subnet-0d2e3f40516273849"]
public_subnet_ids  = ["subnet-0e3f4051627384950", "subnet-0f405162738495061"]

corporate_vpn_cidr = "10.50.0.0/16"
bi_vendor_cidr     = "203.0.113.0/24"

alb_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"

# Intentionally non-compliant: set to false during the migration of the legacy reporting
# database (its snapshot was unencrypted) and never switched back. This overrides the
# variable's default of true, so the reporting instance in rds.tf is created unencrypted.
db_storage_encrypted = false
