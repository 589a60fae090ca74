import { insertAttribute, insertNestedBlock } from '../../fixes/terraform-edits';
import { nestedBlocks, resourceName, resourceType, type TfBlock } from '../../model/terraform/types';
import type { Located } from '../../model/terraform/module';
import { defineTerraformRule } from '../define-rule';
import type { TerraformContext } from '../types';
import { METHOD_SETTINGS, REST_STAGE, appliesToAllMethods, methodSettingsOf, siblingSettings } from './apigw-method-settings';
import { replaceLiteral, valueText } from './helpers';
import { asBool, asString, originRelated, originSuffix } from './values';

/**
 * API Gateway stages send access logs, and REST APIs log executions:
 *
 * - `aws_api_gateway_stage` and `aws_apigatewayv2_stage` need `access_log_settings` with a
 *   `destination_arn` (finding at the header, or at the block without destination).
 * - REST stages (`aws_api_gateway_stage`) with no `aws_api_gateway_method_settings` in the module
 *   have execution logging OFF (finding at the stage header); method settings whose stage cannot be
 *   resolved may configure it (cannot determine).
 * - `aws_api_gateway_method_settings` sets `settings.logging_level` to ERROR or INFO (finding at the
 *   value); when it leaves the level unset, a `"*\/*"` method settings of the same stage that sets
 *   ERROR/INFO covers it, otherwise the finding is at the `settings` block (or the header).
 * - Catalog `warn_if`: `data_trace_enabled = true` copies full requests/responses (ePHI) into the
 *   logs; reported at the value with severity lowered to low.
 *
 * No fix adds access logs (catalog autofix.safe is false: a log group and, for REST, the account
 * CloudWatch role are environment-specific). Review fixes: the logging level is set or inserted as "INFO"
 * (the apply fails when the account has no CloudWatch Logs role), and a literal
 * `data_trace_enabled = true` is set to false.
 */

const LEVELS = ['ERROR', 'INFO'];

const messages = {
  noAccessLogs: '{resource} "{name}" has no access_log_settings, so calls to the API are not logged.',
  noDestination: '{resource} "{name}" declares access_log_settings without a destination_arn.',
  noExecutionLogging: 'aws_api_gateway_stage "{name}" has no aws_api_gateway_method_settings, so execution logging is OFF.',
  loggingOff: 'aws_api_gateway_method_settings "{name}" sets logging_level = {value}{origin}; execution logging needs ERROR or INFO.',
  loggingNotSet: 'aws_api_gateway_method_settings "{name}" does not set logging_level and no "*/*" method settings of its stage does, so execution logging is OFF.',
  dataTrace: 'aws_api_gateway_method_settings "{name}" sets data_trace_enabled = {value}{origin}, which copies full requests and responses (ePHI) into CloudWatch Logs.',
};
const fixes = {
  setLevel: { title: 'Set logging_level = "INFO" (the apply fails unless the account-level CloudWatch Logs role, aws_api_gateway_account, exists)', safety: 'review' as const },
  noDataTrace: { title: 'Set data_trace_enabled = false (stops full request/response logging)', safety: 'review' as const },
};
type Ctx = TerraformContext<keyof typeof messages, keyof typeof fixes>;

export default defineTerraformRule({
  id: 'aws-apigw-stage-access-logging',
  resourceTypes: [REST_STAGE, 'aws_apigatewayv2_stage', METHOD_SETTINGS],
  messages,
  fixes,
  check(resource, ctx) {
    const type = resourceType(resource.node);
    if (type === METHOD_SETTINGS) {
      checkMethodSettings(resource, ctx);
      return;
    }
    checkAccessLogs(resource.node, ctx);
    if (type === REST_STAGE) {
      const settings = methodSettingsOf(ctx, resource);
      if (settings.matches.length > 0) return; // judged on the method settings themselves
      const first = settings.undecided[0];
      if (first !== undefined) ctx.cannotDetermine(resource.node.headerSpan, `aws_api_gateway_method_settings "${resourceName(first.node)}" may configure this stage`);
      else ctx.report({ messageId: 'noExecutionLogging', at: resource.node.headerSpan, data: { name: resourceName(resource.node) } });
    }
  },
});

function checkAccessLogs(stage: TfBlock, ctx: Ctx): void {
  const data = { resource: resourceType(stage), name: resourceName(stage) };
  const blocks = nestedBlocks(stage, 'access_log_settings');
  if (blocks.length === 0) {
    ctx.report({ messageId: 'noAccessLogs', at: stage.headerSpan, data });
    return;
  }
  for (const block of blocks) {
    const attr = block.attributes.get('destination_arn');
    const value = attr === undefined ? undefined : ctx.evaluate(attr.expr);
    if (value !== undefined && (!value.known || (value.value !== null && value.value !== ''))) continue;
    ctx.report({ messageId: 'noDestination', at: attr?.expr.span ?? block.headerSpan, data });
  }
}

function checkMethodSettings(resource: Located<TfBlock>, ctx: Ctx): void {
  const node = resource.node;
  const name = resourceName(node);
  const settings = nestedBlocks(node, 'settings');
  let levelSet = false;
  for (const block of settings) {
    const level = block.attributes.get('logging_level');
    if (level !== undefined) {
      levelSet = true;
      const value = ctx.evaluate(level.expr);
      if (!value.known) ctx.cannotDetermine(level.expr.span, `logging_level = ${value.text} cannot be resolved statically`);
      else if (!LEVELS.includes(asString(value.value)?.toUpperCase() ?? '')) {
        const fix = replaceLiteral(resource.uri, level, '"INFO"');
        ctx.report({
          messageId: 'loggingOff',
          at: level.expr.span,
          data: { name, value: valueText(value), origin: originSuffix(value) },
          related: originRelated(value),
          ...(fix ? { fix: { fixId: 'setLevel' as const, edits: [fix] } } : {}),
        });
      }
    }
    const trace = block.attributes.get('data_trace_enabled');
    if (trace !== undefined) {
      const value = ctx.evaluate(trace.expr);
      if (!value.known) ctx.cannotDetermine(trace.expr.span, `data_trace_enabled = ${value.text} cannot be resolved statically`);
      else if (asBool(value.value) === true) {
        const fix = replaceLiteral(resource.uri, trace, 'false');
        ctx.report({
          messageId: 'dataTrace',
          at: trace.expr.span,
          data: { name, value: valueText(value), origin: originSuffix(value) },
          related: originRelated(value),
          severity: 'low', // catalog warn_if
          ...(fix ? { fix: { fixId: 'noDataTrace' as const, edits: [fix] } } : {}),
        });
      }
    }
  }
  if (levelSet) return;

  // No level here: a "*/*" method settings of the same stage may set it for every method.
  const siblings = siblingSettings(ctx, resource);
  let undecided = !siblings.complete;
  for (const sibling of siblings.items) {
    const all = appliesToAllMethods(ctx, sibling.node);
    if (all === false) continue;
    for (const block of nestedBlocks(sibling.node, 'settings')) {
      const level = block.attributes.get('logging_level');
      if (level === undefined) continue;
      const value = ctx.evaluate(level.expr);
      if (!value.known || all === undefined) undecided = true;
      else if (LEVELS.includes(asString(value.value)?.toUpperCase() ?? '')) return;
    }
  }
  if (undecided) {
    ctx.cannotDetermine(node.headerSpan, 'logging_level is not set here and other method settings may set it for this stage');
    return;
  }
  const first = settings[0];
  const edit = first !== undefined ? insertAttribute(resource.uri, ctx.text, first, 'logging_level', '"INFO"') : insertNestedBlock(resource.uri, ctx.text, node, ['settings {', '  logging_level = "INFO"', '}']);
  ctx.report({ messageId: 'loggingNotSet', at: first?.headerSpan ?? node.headerSpan, data: { name }, fix: { fixId: 'setLevel', edits: [edit] } });
}
