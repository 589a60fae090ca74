# Security groups and the patient-portal load balancer. The VPC and subnets come from the
# landing-zone stack (see variables.tf).

# ---------------------------------------------------------------------------------------
# Load balancer: HTTPS from the internet, nothing else.
# ---------------------------------------------------------------------------------------
resource "aws_security_group" "alb" {
  name        = "${local.name_prefix}-alb"
  description = "Patient portal load balancer"
  vpc_id      = var.vpc_id

  ingress {
    description      = "HTTPS from patients"
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description      = "HTTP, redirected to HTTPS by the listener"
    from_port        = 80
    to_port          = 80
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  egress {
    description = "To the application tasks"
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = [data.aws_vpc.selected.cidr_block]
  }
}

# ---------------------------------------------------------------------------------------
# Application tasks: rules written as aws_security_group_rule resources.
# ---------------------------------------------------------------------------------------
resource "aws_security_group" "app" {
  name        = "${local.name_prefix}-app"
  description = "Patient portal application tasks"
  vpc_id      = var.vpc_id
}

resource "aws_security_group_rule" "app_from_alb" {
  type                     = "ingress"
  description              = "TLS from the load balancer"
  from_port                = 8443
  to_port                  = 8443
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.alb.id
  security_group_id        = aws_security_group.app.id
}

# Intentionally non-compliant: opened "temporarily" to debug the application hosts during
# go-live and never closed: SSH from anywhere on the internet to hosts that read the
# clinical database. Expected finding: aws-sg-no-public-ingress-ssh.
resource "aws_security_group_rule" "app_ssh_debug" {
  type              = "ingress"
  description       = "SSH for go-live debugging"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.app.id
}

resource "aws_security_group_rule" "app_to_db" {
  type                     = "egress"
  description              = "PostgreSQL to the clinical database"
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.db.id
  security_group_id        = aws_security_group.app.id
}

resource "aws_security_group_rule" "app_to_aws_apis" {
  type              = "egress"
  description       = "HTTPS to AWS APIs through the NAT gateway"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.app.id
}

# ---------------------------------------------------------------------------------------
# Bastion: compliant SSH, only from the corporate VPN (value in terraform.tfvars).
# ---------------------------------------------------------------------------------------
resource "aws_security_group" "bastion" {
  name        = "${local.name_prefix}-bastion"
  description = "Operations bastion"
  vpc_id      = var.vpc_id

  ingress {
    description = "SSH from the corporate VPN only"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.corporate_vpn_cidr]
  }

  egress {
    description = "PostgreSQL inside the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [data.aws_vpc.selected.cidr_block]
  }
}

# ---------------------------------------------------------------------------------------
# Databases: rules written as AWS provider v5 aws_vpc_security_group_ingress_rule resources.
# ---------------------------------------------------------------------------------------
resource "aws_security_group" "db" {
  name        = "${local.name_prefix}-clinical-db"
  description = "Clinical PostgreSQL database"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from the application tasks"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.app.id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_bastion" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from the bastion"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.bastion.id
}

resource "aws_security_group" "reporting_db" {
  name        = "${local.name_prefix}-reporting-db"
  description = "Reporting PostgreSQL database"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "reporting_from_bi_vendor" {
  security_group_id = aws_security_group.reporting_db.id
  description       = "PostgreSQL from the BI vendor"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = var.bi_vendor_cidr
}

# ---------------------------------------------------------------------------------------
# Patient portal load balancer: HTTPS listener with a TLS 1.2+ policy, HTTP only redirects.
# ---------------------------------------------------------------------------------------
resource "aws_lb" "portal" {
  name                       = "${local.name_prefix}-portal"
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  access_logs {
    bucket  = aws_s3_bucket.access_logs.id
    prefix  = "alb"
    enabled = true
  }
}

resource "aws_lb_target_group" "portal" {
  name        = "${local.name_prefix}-portal"
  port        = 8443
  protocol    = "HTTPS"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path     = "/healthz"
    protocol = "HTTPS"
    matcher  = "200"
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.alb_certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "http_redirect" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
