import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';
import { logicalIdOf, referencedId, resolve, resourcesInStack } from '../helpers';
import { keyInStack } from './trail-helpers';

/**
 * A trail also delivers, in near real time, to a CloudWatch Logs group of its
 * stack that is encrypted with a customer-managed key and has a retention:
 * the copy the security alarms read (DP-MONITOR, DP-LOG-INTEGRITY,
 * CDM-3.7-RETENTION).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    if (node.cloudWatchLogsLogGroupArn === undefined || node.cloudWatchLogsRoleArn === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const id = referencedId(node, node.cloudWatchLogsLogGroupArn);
    const group = resourcesInStack(node, CfnLogGroup).find((g) => logicalIdOf(g) === id);
    if (group === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const encrypted = keyInStack(group, group.kmsKeyId) !== undefined;
    const retention = typeof resolve(group, group.retentionInDays) === 'number';
    return encrypted && retention ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
