import { defineTerraformRule } from '../define-rule';
import { requireBool } from './helpers';

export default defineTerraformRule({
  id: 'aws-cloudtrail-log-file-validation',
  resourceTypes: ['aws_cloudtrail'],
  messages: {
    missing: 'aws_cloudtrail "{name}" does not set enable_log_file_validation; the provider default leaves log file integrity unvalidated.',
    disabled: 'aws_cloudtrail "{name}" sets enable_log_file_validation = {value}{origin}; delivered log files cannot be proven unmodified.',
  },
  fixes: {
    enable: { title: 'Set enable_log_file_validation = true', safety: 'safe' },
  },
  check(resource, ctx) {
    requireBool(resource, ctx, {
      attribute: 'enable_log_file_validation',
      expected: true,
      missing: 'missing',
      wrong: 'disabled',
      fixId: 'enable',
      data: { name: resource.node.labels[1] ?? '' },
    });
  },
});
