import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance } from 'cdk-nag';
import { resolve } from '../helpers';
import { keyInStack, keyOfAliasArn } from './trail-helpers';

/**
 * A trail encrypts its log files with a rotating customer-managed KMS key of
 * its own stack, or of the app's log archive stack named by its alias ARN
 * (another account), not with S3-managed keys (CDM-3.4-AT-REST, DP-LOG-INTEGRITY).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    const key = keyInStack(node, node.kmsKeyId) ?? keyOfAliasArn(node, node.kmsKeyId);
    if (key === undefined) return NagRuleCompliance.NON_COMPLIANT;
    return resolve(key, key.enableKeyRotation) === true ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
