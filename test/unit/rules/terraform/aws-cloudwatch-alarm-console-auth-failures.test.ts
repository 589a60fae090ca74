import rule from '../../../../server/src/rules/terraform/aws-cloudwatch-alarm-console-auth-failures';
import { runRuleCases } from '../../../harness/rule-cases';

const CONSOLE = '"{ ($.eventName = ConsoleLogin) && ($.errorMessage = \\"Failed authentication\\") }"';
const ROOT = '"{ $.userIdentity.type = \\"Root\\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \\"AwsServiceEvent\\" }"';
const filter = (name: string, pattern: string, metric = name, namespace = '"CIS"'): string =>
  `resource "aws_cloudwatch_log_metric_filter" "${name}" {\n  name           = "${name}"\n  pattern        = ${pattern}\n  log_group_name = aws_cloudwatch_log_group.trail.name\n\n  metric_transformation {\n    name      = "${metric}"\n    namespace = ${namespace}\n    value     = "1"\n  }\n}\n`;
const alarm = (name: string, metric: string, actions = '[aws_sns_topic.security.arn]', namespace = '"CIS"'): string =>
  `resource "aws_cloudwatch_metric_alarm" "${name}" {\n  alarm_name          = "${name}"\n  comparison_operator = "GreaterThanOrEqualToThreshold"\n  evaluation_periods  = 1\n  metric_name         = ${metric}\n  namespace           = ${namespace}\n  period              = 300\n  statistic           = "Sum"\n  threshold           = 3\n  alarm_actions       = ${actions}\n}\n`;

/** The alarm the fixes add on the metric of filter `filterName` (CIS: Sum over 300 s, alarm at 1 or more). */
const addedAlarm = (filterName: string, actions: string): string =>
  `resource "aws_cloudwatch_metric_alarm" "console_auth_failures" {\n  alarm_name          = "console-auth-failures"\n  alarm_description   = "Failed AWS console sign-ins"\n  comparison_operator = "GreaterThanOrEqualToThreshold"\n  evaluation_periods  = 1\n  metric_name         = aws_cloudwatch_log_metric_filter.${filterName}.metric_transformation[0].name\n  namespace           = aws_cloudwatch_log_metric_filter.${filterName}.metric_transformation[0].namespace\n  period              = 300\n  statistic           = "Sum"\n  threshold           = 1\n  alarm_actions       = ${actions}\n}\n`;
const TOPIC_DECLARATION = '\nvariable "security_alarm_sns_topic_arn" {\n  description = "ARN of the SNS topic that alerts the on-call security team"\n  type        = string\n}\n';

runRuleCases(rule, {
  valid: [
    {
      name: 'filter and alarm by reference to the filter id (KICS negative1)',
      code: filter('console_auth', CONSOLE) + alarm('console_auth', 'aws_cloudwatch_log_metric_filter.console_auth.id'),
    },
    {
      name: 'alarm in another file, by literal metric name',
      files: { 'filters.tf': filter('console_auth', CONSOLE, 'ConsoleAuthFailures') + filter('root', ROOT), 'alarms.tf': alarm('console', '"ConsoleAuthFailures"') + alarm('root', '"root"') },
    },
    {
      name: 'metric name and pattern from variables and locals',
      files: {
        'main.tf': filter('console_auth', 'local.console_pattern', 'ConsoleAuthFailures') + alarm('console', 'var.metric', 'var.topics'),
        'variables.tf': 'variable "metric" {\n  default = "ConsoleAuthFailures"\n}\nvariable "topics" {\n  default = ["arn:aws:sns:us-east-1:111122223333:security"]\n}\n',
        'locals.tf': `locals {\n  console_pattern = ${CONSOLE}\n}\n`,
      },
    },
    {
      name: 'the metric_transformation reference and an unstructured pattern',
      code: filter('console_auth', '"\\"ConsoleLogin\\" \\"Failed authentication\\""') + alarm('console', 'aws_cloudwatch_log_metric_filter.console_auth.metric_transformation[0].name'),
    },
    { name: 'a module without CloudTrail metric filters is not a monitoring baseline', code: filter('errors', '"ERROR"') + alarm('errors', '"errors"') },
    { name: 'a trail alone is not a monitoring baseline', code: 'resource "aws_cloudtrail" "audit" {\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n}\n' },
    { name: 'a CloudTrail filter with a pattern that cannot be resolved may be the console filter', code: 'variable "p" {}\n' + filter('root', ROOT) + filter('other', 'var.p') },
    {
      name: 'a second alarm on the metric notifies',
      code: filter('console_auth', CONSOLE) + alarm('quiet', '"console_auth"', '[]') + alarm('paging', '"console_auth"'),
    },
    { name: 'an alarm whose metric cannot be resolved may watch the filter', code: 'variable "m" {}\n' + filter('console_auth', CONSOLE) + alarm('console', 'var.m') },
  ],
  invalid: [
    {
      name: 'alarm on another metric (KICS positive1): finding on the filter',
      code: filter('console_auth', CONSOLE).replace('resource "aws_cloudwatch_log_metric_filter" "console_auth"', '«resource "aws_cloudwatch_log_metric_filter" "console_auth"»') + alarm('console', '"XXX NOT YOUR FILTER"'),
      findings: [{ messageId: 'noAlarm', severity: 'medium' }],
      fix: 'addAlarm',
      output: `${filter('console_auth', CONSOLE)}\n${addedAlarm('console_auth', '[aws_sns_topic.security.arn]')}\n${alarm('console', '"XXX NOT YOUR FILTER"')}`,
    },
    {
      name: 'negated error message (KICS positive2): the module has CloudTrail filters but no console-failure filter',
      code:
        filter('console_auth', '"{ (($.eventName = ConsoleLogin)) && ($.errorMessage != \\"Failed authentication\\") }"').replace('resource "aws_cloudwatch_log_metric_filter" "console_auth"', '«resource "aws_cloudwatch_log_metric_filter" "console_auth"»') +
        alarm('console', 'aws_cloudwatch_log_metric_filter.console_auth.id'),
      findings: [{ messageId: 'noFilter' }],
      fix: 'addFilterAndAlarm',
      output:
        filter('console_auth', '"{ (($.eventName = ConsoleLogin)) && ($.errorMessage != \\"Failed authentication\\") }"') +
        '\nresource "aws_cloudwatch_log_metric_filter" "console_auth_failures" {\n  name           = "console-auth-failures"\n  log_group_name = aws_cloudwatch_log_group.trail.name\n' +
        `  pattern        = ${CONSOLE}\n\n  metric_transformation {\n    name      = "ConsoleAuthFailures"\n    namespace = "CIS"\n    value     = "1"\n  }\n}\n\n` +
        `${addedAlarm('console_auth_failures', '[aws_sns_topic.security.arn]')}\n${alarm('console', 'aws_cloudwatch_log_metric_filter.console_auth.id')}`,
    },
    {
      name: 'negated event name (KICS positive3)',
      code:
        filter('console_auth', '"{ $.eventName != ConsoleLogin && $.errorMessage = \\"Failed authentication\\" }"').replace('resource "aws_cloudwatch_log_metric_filter" "console_auth"', '«resource "aws_cloudwatch_log_metric_filter" "console_auth"»') +
        alarm('console', 'aws_cloudwatch_log_metric_filter.console_auth.id'),
      findings: [{ messageId: 'noFilter' }],
    },
    {
      name: 'terms joined with || (KICS positive4), plus other CIS filters: reported once, on the first CloudTrail filter',
      files: {
        'a.tf':
          filter('root', ROOT).replace('resource "aws_cloudwatch_log_metric_filter" "root"', '«resource "aws_cloudwatch_log_metric_filter" "root"»') +
          filter('console_auth', '"{ $.eventName = ConsoleLogin || $.errorMessage = \\"Failed authentication\\" }"'),
        'b.tf': filter('no_mfa', '"{ ($.eventName = \\"ConsoleLogin\\") && ($.additionalEventData.MFAUsed != \\"Yes\\") }"'),
      },
      findings: [{ messageId: 'noFilter' }],
    },
    {
      name: 'alarm with an empty alarm_actions list: finding on the alarm',
      code: filter('console_auth', CONSOLE) + alarm('console', '"console_auth"', '«[]»'),
      findings: [{ messageId: 'noActions' }],
      fix: 'notifyChosenTopic',
      output: filter('console_auth', CONSOLE) + alarm('console', '"console_auth"', '[var.security_alarm_sns_topic_arn]') + TOPIC_DECLARATION,
    },
    {
      name: 'alarm with actions disabled through a variable default',
      files: {
        'main.tf': filter('console_auth', CONSOLE) + alarm('console', '"console_auth"').replace('  alarm_actions', '  actions_enabled     = «var.alarms_on»\n  alarm_actions'),
        'variables.tf': 'variable "alarms_on" {\n  default = false\n}\n',
      },
      findings: [{ messageId: 'noActions', relatedCount: 1 }],
    },
    {
      name: 'alarm in the right metric name but another namespace does not count',
      code: filter('console_auth', CONSOLE).replace('resource "aws_cloudwatch_log_metric_filter" "console_auth"', '«resource "aws_cloudwatch_log_metric_filter" "console_auth"»') + alarm('console', '"console_auth"', '[aws_sns_topic.s.arn]', '"Other"'),
      findings: [{ messageId: 'noAlarm' }],
    },
    {
      name: 'count alarm with no alarm_actions',
      code: filter('console_auth', CONSOLE) + '«resource "aws_cloudwatch_metric_alarm" "console"» {\n  count       = 1\n  metric_name = "console_auth"\n  namespace   = "CIS"\n}\n',
      findings: [{ messageId: 'noActions' }],
      fix: 'notifyChosenTopic',
      output: `${filter('console_auth', CONSOLE)}resource "aws_cloudwatch_metric_alarm" "console" {\n  count       = 1\n  metric_name = "console_auth"\n  namespace   = "CIS"\n  alarm_actions = [var.security_alarm_sns_topic_arn]\n}\n${TOPIC_DECLARATION}`,
    },
    {
      name: 'an alarm without actions next to alarms that all notify one topic: that topic, CRLF',
      code: (filter('console_auth', CONSOLE) + filter('root', ROOT) + alarm('root', '"root"') + alarm('console', '"console_auth"').replace('  alarm_actions       = [aws_sns_topic.security.arn]\n', '').replace('resource "aws_cloudwatch_metric_alarm" "console"', '«resource "aws_cloudwatch_metric_alarm" "console"»')).replace(/\n/g, '\r\n'),
      findings: [{ messageId: 'noActions' }],
      fix: 'notify',
      output: (filter('console_auth', CONSOLE) + filter('root', ROOT) + alarm('root', '"root"') + alarm('console', '"console_auth"')).replace(/\n/g, '\r\n'),
    },
  ],
});
