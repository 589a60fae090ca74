import rule from '../../../../server/src/rules/terraform/aws-lb-listener-https';
import { runRuleCases } from '../../../harness/rule-cases';

const lb = 'resource "aws_lb" "web" {\n  name               = "portal"\n  load_balancer_type = "application"\n}\n';
const https443 =
  'resource "aws_lb_listener" "https" {\n  load_balancer_arn = aws_lb.web.arn\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn   = aws_acm_certificate.portal.arn\n\n  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}\n';
const forward = '  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n';
const redirected =
  '  default_action {\n    type = "redirect"\n\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n';
const http = (head: string, body: string): string => `resource "aws_lb_listener" "http" {\n${head}\n${body}}\n`;
const elb = (listener: string): string => `resource "aws_elb" "legacy" {\n  name = "legacy-portal"\n\n  listener {\n${listener}\n  }\n}\n`;
const acmListener = '    instance_port      = 8080\n    instance_protocol  = "http"\n    lb_port            = 443\n    lb_protocol        = "https"\n    ssl_certificate_id = "arn:aws:acm:us-east-1:111122223333:certificate/abc"';
const listenerPolicy = (policy: string): string =>
  `resource "aws_load_balancer_listener_policy" "legacy_443" {\n  load_balancer_name = aws_elb.legacy.name\n  load_balancer_port = 443\n  policy_names       = [${policy}]\n}\n`;
const sslPolicy = (attributes: string): string =>
  `resource "aws_load_balancer_policy" "tls" {\n  load_balancer_name = aws_elb.legacy.name\n  policy_name        = "legacy-tls"\n  policy_type_name   = "SSLNegotiationPolicyType"\n\n${attributes}}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'HTTPS listener', code: lb + https443 },
    { name: 'HTTP listener that redirects to HTTPS', code: http('  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n  protocol          = "HTTP"\n', redirected) },
    { name: 'NLB TCP pass-through listener', code: 'resource "aws_lb_listener" "db" {\n  load_balancer_arn = aws_lb.nlb.arn\n  port              = 5432\n  protocol          = "TCP"\n' + forward + '}\n' },
    { name: 'TLS listener (alias type aws_alb_listener)', code: 'resource "aws_alb_listener" "tls" {\n  load_balancer_arn = aws_lb.nlb.arn\n  port              = 443\n  protocol          = "TLS"\n' + forward + '}\n' },
    { name: 'protocol from a variable default that is HTTPS', files: { 'main.tf': http('  load_balancer_arn = aws_lb.web.arn\n  port              = 443\n  protocol          = var.protocol\n', forward), 'variables.tf': 'variable "protocol" {\n  default = "HTTPS"\n}\n' } },
    { name: 'unknown protocol is not judged', code: 'variable "protocol" {}\n' + http('  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n  protocol          = var.protocol\n', forward) },
    { name: 'unknown redirect protocol is not judged', code: 'variable "p" {}\n' + http('  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n  protocol          = "HTTP"\n', redirected.replace('"HTTPS"', 'var.p')) },
    {
      name: 'no protocol on a gateway load balancer listener',
      code: 'resource "aws_lb" "gw" {\n  load_balancer_type = "gateway"\n}\nresource "aws_lb_listener" "gw" {\n  load_balancer_arn = aws_lb.gw.arn\n' + forward + '}\n',
    },
    { name: 'classic ELB: HTTPS with an ACM certificate and a TLS 1.2 policy', code: elb(acmListener) + listenerPolicy('aws_load_balancer_policy.tls.policy_name') + sslPolicy('  policy_attribute {\n    name  = "Reference-Security-Policy"\n    value = "ELBSecurityPolicy-TLS-1-2-2017-01"\n  }\n') },
    {
      name: 'classic ELB: certificate from an aws_acm_certificate resource',
      code: elb(acmListener.replace('"arn:aws:acm:us-east-1:111122223333:certificate/abc"', 'aws_acm_certificate.portal.arn')) + listenerPolicy('"legacy-tls"'),
    },
    { name: 'custom negotiation policy with TLS 1.2 only', code: sslPolicy('  policy_attribute {\n    name  = "Protocol-TLSv1.2"\n    value = "true"\n  }\n\n  policy_attribute {\n    name  = "ECDHE-RSA-AES128-GCM-SHA256"\n    value = "true"\n  }\n') },
    { name: 'a policy of another type is not judged', code: 'resource "aws_load_balancer_policy" "pk" {\n  load_balancer_name = aws_elb.legacy.name\n  policy_name        = "pk"\n  policy_type_name   = "PublicKeyPolicyType"\n}\n' },
  ],
  invalid: [
    {
      name: 'HTTP listener forwarding: safe fix because an HTTPS listener on 443 exists',
      code: lb + https443 + http('  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n  protocol          = «"HTTP"»\n', forward),
      findings: [{ messageId: 'plainHttp', severity: 'high' }],
      fix: 'redirect',
      output: lb + https443 + http('  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n  protocol          = "HTTP"\n', redirected),
    },
    {
      name: 'no protocol (HTTP by default), no HTTPS sibling: no fix',
      code: lb + '«resource "aws_lb_listener" "http"» {\n  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n' + forward + '}\n',
      findings: [{ messageId: 'defaultHttp' }],
    },
    {
      name: 'redirect that keeps HTTP, protocol from a tfvars value',
      files: {
        'main.tf': 'variable "scheme" {}\n' + http('  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n  protocol          = "HTTP"\n', redirected.replace('"HTTPS"', '«var.scheme»')),
        'terraform.tfvars': 'scheme = "HTTP"\n',
      },
      findings: [{ messageId: 'redirectNotHttps', relatedCount: 1 }],
    },
    {
      name: 'redirect without protocol keeps the request protocol; count listener reported once',
      code: http('  count             = 2\n  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n  protocol          = "HTTP"\n', '  default_action {\n    type = "redirect"\n    «redirect» {\n      port        = "8080"\n      status_code = "HTTP_302"\n    }\n  }\n'),
      findings: [{ messageId: 'redirectNotHttps' }],
    },
    {
      name: 'classic ELB: plain HTTP listener',
      code: elb('    instance_port     = 8080\n    instance_protocol = "http"\n    lb_port           = 80\n    lb_protocol       = «"http"»'),
      findings: [{ messageId: 'classicPlain' }],
    },
    {
      name: 'classic ELB: IAM certificate and no listener policy',
      code: elb(acmListener.replace('"arn:aws:acm:us-east-1:111122223333:certificate/abc"', '«"arn:aws:iam::111122223333:server-certificate/portal"»')).replace('  listener {', '  «listener» {'),
      findings: [{ messageId: 'classicDefaultPolicy' }, { messageId: 'classicNotAcm' }],
    },
    {
      name: 'classic negotiation policy: TLS 1.1 reference policy, TLS 1.0 and RC4 enabled',
      code: sslPolicy(
        '  policy_attribute {\n    name  = "Reference-Security-Policy"\n    value = «"ELBSecurityPolicy-TLS-1-1-2017-01"»\n  }\n\n  policy_attribute {\n    name  = "Protocol-TLSv1"\n    value = «"true"»\n  }\n\n  policy_attribute {\n    name  = "RC4-SHA"\n    value = «"true"»\n  }\n',
      ),
      findings: [{ messageId: 'weakReferencePolicy' }, { messageId: 'weakProtocol' }, { messageId: 'weakCipher' }],
    },
  ],
});
