import rule from '../../../../server/src/rules/terraform/aws-sg-no-public-ingress-ssh';
import { runRuleCases } from '../../../harness/rule-cases';

const sg = (ingress: string): string => `resource "aws_security_group" "bastion" {\n  name = "bastion"\n\n  ingress {\n${ingress}\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'SSH from a private range', code: sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]') },
    { name: 'HTTPS from anywhere', code: sg('    from_port        = 443\n    to_port          = 443\n    protocol         = "tcp"\n    cidr_blocks      = ["0.0.0.0/0"]\n    ipv6_cidr_blocks = ["::/0"]') },
    { name: 'UDP 22 is not SSH', code: sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "udp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    { name: 'egress rules are not ingress', code: 'resource "aws_security_group_rule" "out" {\n  type        = "egress"\n  from_port   = 0\n  to_port     = 0\n  protocol    = "-1"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n' },
    { name: 'source security group instead of a CIDR', code: sg('    from_port       = 22\n    to_port         = 22\n    protocol        = "tcp"\n    security_groups = [aws_security_group.admin.id]') },
    {
      name: 'v5 ingress rule from a private range',
      code: 'resource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = aws_security_group.bastion.id\n  cidr_ipv4         = "10.0.0.0/16"\n  from_port         = 22\n  to_port           = 22\n  ip_protocol       = "tcp"\n}\n',
    },
    { name: 'an unknown CIDR list is not judged', code: 'variable "cidrs" {}\n' + sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = var.cidrs') },
    { name: 'unknown ports with a public CIDR are not judged', code: 'variable "port" {}\n' + sg('    from_port   = var.port\n    to_port     = var.port\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    { name: 'port range above 22', code: 'resource "aws_security_group_rule" "app" {\n  type        = "ingress"\n  from_port   = 8000\n  to_port     = 8080\n  protocol    = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n' },
  ],
  invalid: [
    {
      name: 'inline ingress: SSH from 0.0.0.0/0; the review fix restricts it to a range the user chooses',
      code: sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = [«"0.0.0.0/0"»]'),
      findings: [{ messageId: 'publicSsh', severity: 'high' }],
      fix: 'restrictSource',
      output:
        sg('    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = [var.ssh_allowed_cidr]') +
        '\nvariable "ssh_allowed_cidr" {\n  description = "The only CIDR range allowed to connect over SSH (a VPN or bastion range, never 0.0.0.0/0)"\n  type        = string\n}\n',
    },
    {
      name: 'finding at the public element of the list, IPv4 and IPv6',
      code: sg('    from_port        = 0\n    to_port          = 1024\n    protocol         = "TCP"\n    cidr_blocks      = ["10.0.0.0/8", «"0.0.0.0/0"»]\n    ipv6_cidr_blocks = [«"::/0"»]'),
      findings: [{ messageId: 'publicSsh' }, { messageId: 'publicSsh' }],
    },
    {
      name: 'all protocols: ports are irrelevant',
      code: sg('    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = [«"0.0.0.0/0"»]'),
      findings: [{ messageId: 'publicAllTraffic' }],
    },
    {
      name: 'aws_security_group_rule with the CIDR list from a variable default',
      files: {
        'main.tf': 'resource "aws_security_group_rule" "ssh" {\n  type        = "ingress"\n  from_port   = 22\n  to_port     = 22\n  protocol    = "tcp"\n  cidr_blocks = «var.admin_cidrs»\n}\n',
        'variables.tf': 'variable "admin_cidrs" {\n  default = ["0.0.0.0/0"]\n}\n',
      },
      findings: [{ messageId: 'publicSsh', relatedCount: 1 }],
    },
    {
      name: 'v5 ingress rules: IPv6 SSH and IPv4 all traffic',
      code:
        'resource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = aws_security_group.bastion.id\n  cidr_ipv6         = «"::/0"»\n  from_port         = 22\n  to_port           = 22\n  ip_protocol       = "tcp"\n}\n' +
        'resource "aws_vpc_security_group_ingress_rule" "all" {\n  security_group_id = aws_security_group.bastion.id\n  cidr_ipv4         = «"0.0.0.0/0"»\n  ip_protocol       = "-1"\n}\n',
      findings: [{ messageId: 'publicSsh' }, { messageId: 'publicAllTraffic' }],
    },
    {
      name: 'dynamic "ingress" content and a second plain ingress block',
      code:
        'resource "aws_security_group" "web" {\n  dynamic "ingress" {\n    for_each = [1]\n    content {\n      from_port   = 22\n      to_port     = 22\n      protocol    = "tcp"\n      cidr_blocks = [«"0.0.0.0/0"»]\n    }\n  }\n' +
        '  ingress {\n    from_port   = 20\n    to_port     = 25\n    protocol    = "6"\n    cidr_blocks = [«var.open»]\n  }\n}\nvariable "open" {\n  default = "0.0.0.0/0"\n}\n',
      findings: [{ messageId: 'publicSsh' }, { messageId: 'publicSsh', relatedCount: 1 }],
    },
    {
      name: 'ingress written as a list of objects',
      code: 'resource "aws_security_group" "legacy" {\n  ingress = [{\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = [«"0.0.0.0/0"»]\n  }]\n}\n',
      findings: [{ messageId: 'publicSsh' }],
    },
    {
      name: 'ingress = var.rules resolved from the default: finding at the use site',
      files: {
        'main.tf': 'resource "aws_security_group" "legacy" {\n  ingress = «var.rules»\n}\n',
        'variables.tf': 'variable "rules" {\n  default = [{ from_port = 0, to_port = 65535, protocol = "tcp", cidr_blocks = ["0.0.0.0/0"] }]\n}\n',
      },
      findings: [{ messageId: 'publicSsh', relatedCount: 1 }],
    },
  ],
});
