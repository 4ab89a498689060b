import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { bucketPolicyStatements, isAnyPrincipal, resolve, statementCovers } from '../helpers';
import { trailsDeliveringTo } from './trail-helpers';

interface LockConfiguration {
  objectLockEnabled?: string;
  rule?: { defaultRetention?: { mode?: string; days?: number; years?: number } };
}

/**
 * The bucket a trail delivers to cannot lose a log file: it is versioned,
 * has Object Lock with a default retention (governance or compliance), and
 * its policy denies deleting objects and object versions to every principal,
 * without condition (DP-LOG-INTEGRITY).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket) || trailsDeliveringTo(node).length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const versioned = resolve<{ status?: string } | undefined>(node, node.versioningConfiguration)?.status === 'Enabled';
    const lock = resolve<LockConfiguration | undefined>(node, node.objectLockConfiguration);
    const retention = lock?.rule?.defaultRetention;
    const locked =
      resolve(node, node.objectLockEnabled) === true &&
      lock?.objectLockEnabled === 'Enabled' &&
      (retention?.mode === 'GOVERNANCE' || retention?.mode === 'COMPLIANCE') &&
      ((retention.days ?? 0) >= 1 || (retention.years ?? 0) >= 1);
    const deletionDenied = bucketPolicyStatements(node).some(
      (s) =>
        s.Effect === 'Deny' &&
        isAnyPrincipal(s.Principal) &&
        s.Condition === undefined &&
        statementCovers(s, 's3:DeleteObject') &&
        statementCovers(s, 's3:DeleteObjectVersion'),
    );
    return versioned && locked && deletionDenied ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
