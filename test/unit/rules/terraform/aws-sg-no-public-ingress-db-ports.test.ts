import rule from '../../../../server/src/rules/terraform/aws-sg-no-public-ingress-db-ports';
import { runRuleCases } from '../../../harness/rule-cases';

const sg = (ingress: string): string => `resource "aws_security_group" "db" {\n  name = "db"\n\n  ingress {\n${ingress}\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'PostgreSQL from the VPC range', code: sg('    from_port   = 5432\n    to_port     = 5432\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/16"]') },
    { name: 'HTTPS from anywhere', code: sg('    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    {
      name: 'PostgreSQL from an application security group',
      code: 'resource "aws_security_group_rule" "pg" {\n  type                     = "ingress"\n  from_port                = 5432\n  to_port                  = 5432\n  protocol                 = "tcp"\n  source_security_group_id = aws_security_group.app.id\n}\n',
    },
    { name: 'UDP 5432 (PostgreSQL listens on TCP only)', code: sg('    from_port   = 5432\n    to_port     = 5432\n    protocol    = "udp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    { name: 'a range between listed ports', code: sg('    from_port   = 8000\n    to_port     = 9000\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    { name: 'unknown port from anywhere is not judged', code: 'variable "port" {}\n' + sg('    from_port   = var.port\n    to_port     = var.port\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]') },
  ],
  invalid: [
    {
      name: 'PostgreSQL from 0.0.0.0/0 (no fix: replace with a security-group reference)',
      code: sg('    from_port   = 5432\n    to_port     = 5432\n    protocol    = "tcp"\n    cidr_blocks = [«"0.0.0.0/0"»]'),
      findings: [{ messageId: 'publicDbPorts', severity: 'critical' }],
    },
    {
      name: 'a range covering several database ports',
      code: sg('    from_port        = 1000\n    to_port          = 6000\n    protocol         = "6"\n    ipv6_cidr_blocks = [«"::/0"»]'),
      findings: [{ messageId: 'publicDbPorts' }],
    },
    {
      name: 'Memcached over UDP',
      code: 'resource "aws_security_group_rule" "memcached" {\n  type        = "ingress"\n  from_port   = 11211\n  to_port     = 11211\n  protocol    = "udp"\n  cidr_blocks = [«"0.0.0.0/0"»]\n}\n',
      findings: [{ messageId: 'publicDbPorts' }],
    },
    {
      name: 'all traffic includes the database ports',
      code: sg('    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = [«"0.0.0.0/0"»]'),
      findings: [{ messageId: 'publicAllTraffic' }],
    },
    {
      name: 'v5 Redis rule with the port and CIDR from terraform.tfvars, count resource reported once',
      files: {
        'main.tf':
          'variable "redis_port" {}\nvariable "client_cidr" {}\nresource "aws_vpc_security_group_ingress_rule" "redis" {\n  count             = 2\n  security_group_id = aws_security_group.cache.id\n  cidr_ipv4         = «var.client_cidr»\n  from_port         = var.redis_port\n  to_port           = var.redis_port\n  ip_protocol       = "tcp"\n}\n',
        'terraform.tfvars': 'redis_port  = 6379\nclient_cidr = "0.0.0.0/0"\n',
      },
      findings: [{ messageId: 'publicDbPorts', relatedCount: 1 }],
    },
    {
      name: 'dynamic ingress over a known map: only the public MySQL element is reported',
      code:
        'variable "ports" {\n  default = {\n    mysql = { port = 3306, cidr = "0.0.0.0/0" }\n    pg    = { port = 5432, cidr = "10.0.0.0/8" }\n  }\n}\n' +
        'resource "aws_security_group" "db" {\n  dynamic "ingress" {\n    for_each = var.ports\n    content {\n      from_port   = ingress.value.port\n      to_port     = ingress.value.port\n      protocol    = "tcp"\n      cidr_blocks = [«ingress.value.cidr»]\n    }\n  }\n}\n',
      findings: [{ messageId: 'publicDbPorts', relatedCount: 1 }],
    },
  ],
});
