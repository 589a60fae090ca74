import rule from '../../../../server/src/rules/terraform/aws-lb-listener-tls12-policy';
import { runRuleCases } from '../../../harness/rule-cases';

const listener = (attrs: string, type = 'aws_lb_listener'): string =>
  `resource "${type}" "https" {\n  load_balancer_arn = aws_lb.web.arn\n  port              = 443\n${attrs}  certificate_arn   = aws_acm_certificate.portal.arn\n\n  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}\n`;

runRuleCases(rule, {
  valid: [
    { name: 'TLS 1.3 policy with TLS 1.2 minimum', code: listener('  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n') },
    { name: 'forward-secrecy TLS 1.2 policy on a TLS listener', code: listener('  protocol          = "TLS"\n  ssl_policy        = "ELBSecurityPolicy-FS-1-2-Res-2020-10"\n', 'aws_alb_listener') },
    { name: 'FIPS TLS 1.3-only policy', code: listener('  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04"\n') },
    { name: 'HTTP listener needs no policy', code: listener('  protocol          = "HTTP"\n') },
    { name: 'no protocol (HTTP by default)', code: listener('') },
    { name: 'policy from a variable default', files: { 'main.tf': listener('  protocol          = "HTTPS"\n  ssl_policy        = var.tls_policy\n'), 'variables.tf': 'variable "tls_policy" {\n  default = "ELBSecurityPolicy-TLS-1-2-Ext-2018-06"\n}\n' } },
    { name: 'unknown policy is not judged', code: 'variable "tls_policy" {}\n' + listener('  protocol          = "HTTPS"\n  ssl_policy        = var.tls_policy\n') },
    { name: 'unknown protocol with a compliant policy', code: 'variable "p" {}\n' + listener('  protocol          = var.p\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n') },
    { name: 'unknown protocol with a weak policy is not judged', code: 'variable "p" {}\n' + listener('  protocol          = var.p\n  ssl_policy        = "ELBSecurityPolicy-2016-08"\n') },
  ],
  invalid: [
    {
      name: 'HTTPS listener without ssl_policy: safe fix inserts the TLS 1.2 policy',
      code: listener('  protocol          = "HTTPS"\n').replace('resource "aws_lb_listener" "https"', '«resource "aws_lb_listener" "https"»'),
      findings: [{ messageId: 'missing', severity: 'high' }],
      fix: 'setPolicy',
      output: listener('  protocol          = "HTTPS"\n').replace('  }\n}\n', '  }\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n}\n'),
    },
    {
      name: 'TLS13-1-0 compatibility policy (Checkov accepts it; the catalog does not)',
      code: listener('  protocol          = "HTTPS"\n  ssl_policy        = «"ELBSecurityPolicy-TLS13-1-0-2021-06"»\n'),
      findings: [{ messageId: 'weak' }],
      fix: 'setPolicy',
      output: listener('  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n'),
    },
    {
      name: 'legacy 2016-08 policy from terraform.tfvars on a TLS listener: related, no fix',
      files: {
        'main.tf': 'variable "tls_policy" {}\n' + listener('  protocol          = "TLS"\n  ssl_policy        = «var.tls_policy»\n'),
        'terraform.tfvars': 'tls_policy = "ELBSecurityPolicy-2016-08"\n',
      },
      findings: [{ messageId: 'weak', relatedCount: 1 }],
    },
    {
      name: 'for_each listeners with a TLS 1.1 policy: reported once',
      code: listener('  for_each          = toset(["a", "b"])\n  protocol          = "HTTPS"\n  ssl_policy        = «"ELBSecurityPolicy-TLS-1-1-2017-01"»\n', 'aws_alb_listener'),
      findings: [{ messageId: 'weak' }],
    },
  ],
});
