import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance } from 'cdk-nag';
import { resolve } from '../helpers';

/**
 * A trail writes signed digest files, so that a changed, deleted or forged
 * log file is detected (DP-LOG-INTEGRITY).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    return resolve(node, node.enableLogFileValidation) === true ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
