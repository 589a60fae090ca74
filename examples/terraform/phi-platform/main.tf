# PHI data platform: clinical document store, PostgreSQL database, audit trail and the
# patient-portal load balancer. Networking (VPC, subnets) comes from the landing-zone stack.

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.tags
  }
}

locals {
  name_prefix = "${var.project}-${var.environment}"

  tags = {
    Project            = var.project
    Environment        = var.environment
    DataClassification = "phi"
    Owner              = "platform-engineering@example-health.org"
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_vpc" "selected" {
  id = var.vpc_id
}
