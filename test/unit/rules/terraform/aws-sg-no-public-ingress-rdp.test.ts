import rule from '../../../../server/src/rules/terraform/aws-sg-no-public-ingress-rdp';
import { runRuleCases } from '../../../harness/rule-cases';

const sg = (ingress: string): string => `resource "aws_security_group" "rdp" {\n  name = "windows"\n\n  ingress {\n${ingress}\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'RDP from a private range', code: sg('    from_port   = 3389\n    to_port     = 3389\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]') },
    { name: 'HTTPS from anywhere', code: sg('    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    { name: 'ICMP from anywhere (ports are ICMP types)', code: sg('    from_port   = -1\n    to_port     = -1\n    protocol    = "icmp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    { name: 'range ending below 3389', code: sg('    from_port   = 3000\n    to_port     = 3388\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    { name: 'egress rule', code: 'resource "aws_security_group_rule" "out" {\n  type        = "egress"\n  from_port   = 3389\n  to_port     = 3389\n  protocol    = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n' },
    {
      name: 'v5 rule from a security group reference',
      code: 'resource "aws_vpc_security_group_ingress_rule" "rdp" {\n  security_group_id            = aws_security_group.win.id\n  referenced_security_group_id = aws_security_group.bastion.id\n  from_port                    = 3389\n  to_port                      = 3389\n  ip_protocol                  = "tcp"\n}\n',
    },
    { name: 'a CIDR variable without a value is not judged', code: 'variable "cidr" {}\n' + sg('    from_port   = 3389\n    to_port     = 3389\n    protocol    = "tcp"\n    cidr_blocks = [var.cidr]') },
    {
      name: 'dynamic ingress over an unknown list is not judged',
      code: 'variable "rules" {}\nresource "aws_security_group" "win" {\n  dynamic "ingress" {\n    for_each = var.rules\n    content {\n      from_port   = ingress.value.port\n      to_port     = ingress.value.port\n      protocol    = "tcp"\n      cidr_blocks = ingress.value.cidrs\n    }\n  }\n}\n',
    },
    {
      name: 'dynamic ingress over a known list: only private ranges reach 3389',
      code:
        'variable "rules" {\n  default = [\n    { port = 3389, cidrs = ["10.0.0.0/8"] },\n    { port = 443, cidrs = ["0.0.0.0/0"] },\n  ]\n}\n' +
        'resource "aws_security_group" "win" {\n  dynamic "ingress" {\n    for_each = var.rules\n    content {\n      from_port   = ingress.value.port\n      to_port     = ingress.value.port\n      protocol    = "tcp"\n      cidr_blocks = ingress.value.cidrs\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'inline ingress: RDP from 0.0.0.0/0; the review fix restricts it to a range the user chooses',
      code: sg('    from_port   = 3389\n    to_port     = 3389\n    protocol    = "tcp"\n    cidr_blocks = [«"0.0.0.0/0"»]'),
      findings: [{ messageId: 'publicRdp', severity: 'high' }],
      fix: 'restrictSource',
      output:
        sg('    from_port   = 3389\n    to_port     = 3389\n    protocol    = "tcp"\n    cidr_blocks = [var.rdp_allowed_cidr]') +
        '\nvariable "rdp_allowed_cidr" {\n  description = "The only CIDR range allowed to connect over RDP (a VPN or bastion range, never 0.0.0.0/0)"\n  type        = string\n}\n',
    },
    {
      name: 'a port range containing 3389, IPv4 and IPv6',
      code: sg('    from_port        = 3000\n    to_port          = 4000\n    protocol         = "tcp"\n    cidr_blocks      = ["10.0.0.0/8", «"0.0.0.0/0"»]\n    ipv6_cidr_blocks = [«"::/0"»]'),
      findings: [{ messageId: 'publicRdp' }, { messageId: 'publicRdp' }],
    },
    {
      name: 'UDP 3389 is the RDP UDP transport',
      code: 'resource "aws_security_group_rule" "rdp_udp" {\n  type        = "ingress"\n  from_port   = 3389\n  to_port     = 3389\n  protocol    = "17"\n  cidr_blocks = [«"0.0.0.0/0"»]\n}\n',
      findings: [{ messageId: 'publicRdp' }],
    },
    {
      name: 'all protocols: ports are irrelevant',
      code: sg('    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = [«"0.0.0.0/0"»]'),
      findings: [{ messageId: 'publicAllTraffic' }],
    },
    {
      name: 'v5 rule with the CIDR from terraform.tfvars',
      files: {
        'main.tf': 'variable "rdp_cidr" {}\nresource "aws_vpc_security_group_ingress_rule" "rdp" {\n  security_group_id = aws_security_group.win.id\n  cidr_ipv4         = «var.rdp_cidr»\n  from_port         = 3389\n  to_port           = 3389\n  ip_protocol       = "tcp"\n}\n',
        'terraform.tfvars': 'rdp_cidr = "0.0.0.0/0"\n',
      },
      findings: [{ messageId: 'publicRdp', relatedCount: 1 }],
    },
    {
      name: 'count resource: reported once',
      code: 'resource "aws_security_group_rule" "rdp" {\n  count       = 3\n  type        = "ingress"\n  from_port   = 3389\n  to_port     = 3389\n  protocol    = "tcp"\n  cidr_blocks = [«"0.0.0.0/0"»]\n}\n',
      findings: [{ messageId: 'publicRdp' }],
    },
    {
      name: 'dynamic ingress over a known list with a custom iterator: finding at the content attribute',
      code:
        'variable "rules" {\n  default = {\n    rdp   = { port = 3389, cidrs = ["0.0.0.0/0"] }\n    https = { port = 443, cidrs = ["0.0.0.0/0"] }\n  }\n}\n' +
        'resource "aws_security_group" "win" {\n  dynamic "ingress" {\n    for_each = var.rules\n    iterator = rule\n    content {\n      from_port   = rule.value.port\n      to_port     = rule.value.port\n      protocol    = "tcp"\n      cidr_blocks = «rule.value.cidrs»\n    }\n  }\n}\n',
      findings: [{ messageId: 'publicRdp', relatedCount: 1 }],
    },
  ],
});
