import { parse } from 'node:path';
import { CfnDeletionPolicy, type CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { asArray, resolve } from '../helpers';
import { trailsDeliveringTo } from './trail-helpers';

interface LifecycleRule {
  status?: string;
  expirationInDays?: number;
}

/**
 * The bucket a trail delivers to is retained when its stack is deleted or the
 * bucket replaced, and has a retention schedule (an enabled lifecycle rule
 * that expires log files) that never expires a file before its Object Lock
 * ends (DP-LOG-INTEGRITY, CDM-3.7-RETENTION).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket) || trailsDeliveringTo(node).length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const { deletionPolicy, updateReplacePolicy } = node.cfnOptions;
    const retained = deletionPolicy === CfnDeletionPolicy.RETAIN && updateReplacePolicy === CfnDeletionPolicy.RETAIN;
    const rules = asArray(resolve<{ rules?: LifecycleRule[] } | undefined>(node, node.lifecycleConfiguration)?.rules).filter(
      (r) => r.status === 'Enabled',
    );
    const expiries = rules.map((r) => r.expirationInDays).filter((d): d is number => typeof d === 'number');
    const retention = resolve<{ rule?: { defaultRetention?: { days?: number; years?: number } } } | undefined>(
      node,
      node.objectLockConfiguration,
    )?.rule?.defaultRetention;
    const lockDays = retention?.days ?? (retention?.years ?? 0) * 365;
    const scheduled = expiries.length > 0 && expiries.every((d) => d >= lockDays);
    return retained && scheduled ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
