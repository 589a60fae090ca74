variable "aws_region" {
  description = "Region that hosts the PHI platform (must be covered by the organisation's AWS BAA)."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Deployment environment: dev, staging or prod."
  type        = string
}

variable "project" {
  description = "Short name used as a prefix for every resource."
  type        = string
  default     = "phi-platform"
}

variable "vpc_id" {
  description = "VPC created by the network landing-zone stack."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets (no route to an internet gateway) for databases and application tasks."
  type        = list(string)
}

variable "public_subnet_ids" {
  description = "Public subnets for the internet-facing load balancer."
  type        = list(string)
}

variable "corporate_vpn_cidr" {
  description = "Address range of the corporate VPN; the only network allowed to reach the bastion."
  type        = string
}

variable "bi_vendor_cidr" {
  description = "Egress range of the business-intelligence vendor that reads the reporting database."
  type        = string
}

variable "alb_certificate_arn" {
  description = "ACM certificate for portal.example-health.org."
  type        = string
}

variable "db_instance_class" {
  description = "Instance class of the clinical PostgreSQL database."
  type        = string
  default     = "db.r6g.large"
}

variable "db_storage_encrypted" {
  description = "Encrypt the reporting database's storage. Must stay true for any database that can hold PHI."
  type        = bool
  default     = true
}
