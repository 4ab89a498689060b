import { parse } from 'node:path';
import { type CfnResource, Stack, Token } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { stackAllowedRegions } from '../helpers';
import { bucketsByArn, keyArnParts, replicationRulesOf } from '../replication-helpers';

/**
 * A replicating bucket copies data only between regions its client's
 * agreement allows, and never into its own region (CDM-3.8-SOVEREIGNTY,
 * DP-MULTI-REGION). The source region is the stack's. The destination region
 * is the region of the rule's replica key ARN: S3 requires the replica key to
 * be in the destination bucket's region, so the key ARN states where the copy
 * lives; when the destination bucket is in the app, its stack's region must
 * agree. A rule without a key ARN whose region can be read, or a stack
 * without the client's allowed regions, cannot be judged and is refused.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const rules = replicationRulesOf(node);
    if (rules.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const allowed = stackAllowedRegions(node);
    const source = Stack.of(node).region;
    if (allowed === undefined || Token.isUnresolved(source) || !allowed.includes(source)) return NagRuleCompliance.NON_COMPLIANT;
    const ok = rules.every((rule) => {
      const key = keyArnParts(rule.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID);
      if (key === undefined || key.region === source || !allowed.includes(key.region)) return false;
      return bucketsByArn(node, rule.Destination?.Bucket).every((destination) => Stack.of(destination).region === key.region);
    });
    return ok ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
