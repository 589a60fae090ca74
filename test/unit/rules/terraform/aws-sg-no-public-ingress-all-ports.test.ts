import rule from '../../../../server/src/rules/terraform/aws-sg-no-public-ingress-all-ports';
import { runRuleCases } from '../../../harness/rule-cases';

const sg = (ingress: string): string => `resource "aws_security_group" "app" {\n  name = "app"\n\n  ingress {\n${ingress}\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'one port from anywhere (other rules judge single ports)', code: sg('    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    { name: 'all traffic from a private range', code: sg('    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["10.0.0.0/8"]') },
    { name: 'a wide but not complete range', code: sg('    from_port   = 1024\n    to_port     = 65535\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]') },
    { name: 'all ICMP from anywhere', code: sg('    from_port        = -1\n    to_port          = -1\n    protocol         = "icmpv6"\n    ipv6_cidr_blocks = ["::/0"]') },
    { name: 'self-referencing rule', code: sg('    from_port = 0\n    to_port   = 0\n    protocol  = "-1"\n    self      = true') },
    { name: 'an unknown protocol is not judged', code: 'variable "proto" {}\n' + sg('    from_port   = 0\n    to_port     = 65535\n    protocol    = var.proto\n    cidr_blocks = ["0.0.0.0/0"]') },
    {
      name: 'a dynamic block behind an unknown feature flag may have no instance: not judged',
      code: 'variable "debug" {}\nresource "aws_security_group" "app" {\n  dynamic "ingress" {\n    for_each = var.debug ? [1] : []\n    content {\n      from_port   = 0\n      to_port     = 0\n      protocol    = "-1"\n      cidr_blocks = ["0.0.0.0/0"]\n    }\n  }\n}\n',
    },
    { name: 'unknown rule type is not judged', code: 'variable "t" {}\nresource "aws_security_group_rule" "x" {\n  type        = var.t\n  from_port   = 0\n  to_port     = 0\n  protocol    = "-1"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n' },
  ],
  invalid: [
    {
      name: 'protocol -1 from 0.0.0.0/0 (no fix: the port list is application-specific)',
      code: sg('    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = [«"0.0.0.0/0"»]'),
      findings: [{ messageId: 'publicAllTraffic', severity: 'critical' }],
    },
    {
      name: 'every TCP port from ::/0',
      code: sg('    from_port        = 0\n    to_port          = 65535\n    protocol         = "tcp"\n    ipv6_cidr_blocks = [«"::/0"»]'),
      findings: [{ messageId: 'publicAllPorts' }],
    },
    {
      name: 'every UDP port 1-65535 through aws_security_group_rule',
      code: 'resource "aws_security_group_rule" "udp" {\n  type        = "ingress"\n  from_port   = 1\n  to_port     = 65535\n  protocol    = "udp"\n  cidr_blocks = [«"0.0.0.0/0"»]\n}\n',
      findings: [{ messageId: 'publicAllPorts' }],
    },
    {
      name: 'v5 rule: ip_protocol "-1" with the CIDR from a variable default',
      files: {
        'main.tf': 'resource "aws_vpc_security_group_ingress_rule" "all" {\n  for_each          = toset(["a", "b"])\n  security_group_id = aws_security_group.app.id\n  cidr_ipv4         = «var.open»\n  ip_protocol       = "-1"\n}\n',
        'variables.tf': 'variable "open" {\n  default = "0.0.0.0/0"\n}\n',
      },
      findings: [{ messageId: 'publicAllTraffic', relatedCount: 1 }],
    },
    {
      name: 'protocol "all" written in ingress = [ … ] and in a dynamic block over a local',
      code:
        'locals {\n  open = [{ protocol = "all", cidr = "0.0.0.0/0" }]\n}\n' +
        'resource "aws_security_group" "legacy" {\n  ingress = [{\n    from_port   = 0\n    to_port     = 0\n    protocol    = "all"\n    cidr_blocks = [«"0.0.0.0/0"»]\n  }]\n' +
        '  dynamic "ingress" {\n    for_each = local.open\n    content {\n      from_port   = 0\n      to_port     = 0\n      protocol    = ingress.value.protocol\n      cidr_blocks = [«ingress.value.cidr»]\n    }\n  }\n}\n',
      findings: [{ messageId: 'publicAllTraffic' }, { messageId: 'publicAllTraffic', relatedCount: 1 }],
    },
  ],
});
