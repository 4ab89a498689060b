import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { NagRuleCompliance } from 'cdk-nag';
import { resolve } from '../helpers';
import { keyInStack } from '../cloudtrail/trail-helpers';

/** A literal key id, key ARN or alias that names a customer-managed key (not `alias/aws/...`). */
function isCustomerKeyLiteral(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (/(^|:)alias\/aws\//.test(value)) return false;
  return /^(arn:[\w-]+:kms:[\w-]+:\d{12}:(key|alias)\/.+|alias\/.+|[0-9a-f-]{36}|mrk-[0-9a-f]{32})$/.test(value);
}

/**
 * Every SNS topic (alerts carry event details) is encrypted with a
 * customer-managed KMS key: one of its stack, or named by a literal ARN or
 * alias that is not AWS-managed (CDM-3.4-AT-REST, DP-MONITOR, BKP-5-MONITOR).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTopic)) return NagRuleCompliance.NOT_APPLICABLE;
    if (node.kmsMasterKeyId === undefined) return NagRuleCompliance.NON_COMPLIANT;
    if (keyInStack(node, node.kmsMasterKeyId) !== undefined) return NagRuleCompliance.COMPLIANT;
    return isCustomerKeyLiteral(resolve(node, node.kmsMasterKeyId)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
