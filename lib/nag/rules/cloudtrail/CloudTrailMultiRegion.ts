import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance } from 'cdk-nag';
import { resolve } from '../helpers';

/**
 * A trail records every region and the global services (IAM, STS, sign-in),
 * so that API activity anywhere in the account is logged (DP-LOG-ALL-ACCESS).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    const multiRegion = resolve(node, node.isMultiRegionTrail) === true;
    const globalEvents = resolve(node, node.includeGlobalServiceEvents) === true;
    return multiRegion && globalEvents ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
