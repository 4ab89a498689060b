import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupSelection } from 'aws-cdk-lib/aws-backup';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { stackOffboarding } from '../../../offboarding/metadata';
import { logicalIdOf, resolve, resourcesInStack, tagsOf } from '../helpers';
import { isReplicaStack, planTier, selectionPlan, selectionResources, selectionTagConditions } from './helpers';

/** Whether a selection's resources cover the bucket: all S3 buckets, or the bucket itself. */
function coversBucket(bucket: CfnBucket, resources: unknown[]): boolean {
  const id = logicalIdOf(bucket);
  const name = resolve(bucket, bucket.bucketName);
  return resources.some((r) => {
    if (r === '*' || r === 'arn:aws:s3:::*') return true;
    if (typeof r === 'string') return name !== undefined && r === `arn:aws:s3:::${name}`;
    return JSON.stringify(r) === JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] });
  });
}

/**
 * Every client dataset bucket (outside replica stacks, whose buckets are
 * copies) is selected by a backup plan of its own tier, through a selection
 * that requires the client's id and the tier (BKP-2-TIERS, BKP-3.1-FREQUENCY).
 * An offboarding client's buckets take no new backups (CDM-3.7-DISPOSAL).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket) || isReplicaStack(node) || stackOffboarding(node) !== undefined)
      return NagRuleCompliance.NOT_APPLICABLE;
    const tags = tagsOf(node);
    const dataset = tags[TAG_KEYS.dataset];
    const tier = tags[TAG_KEYS.tier];
    const clientId = tags[TAG_KEYS.clientId];
    if (dataset === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    if (tier === undefined || clientId === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const selected = resourcesInStack(node, CfnBackupSelection).some((selection) => {
      const conditions = selectionTagConditions(selection);
      const plan = selectionPlan(selection);
      return (
        conditions[`aws:ResourceTag/${TAG_KEYS.clientId}`] === clientId &&
        conditions[`aws:ResourceTag/${TAG_KEYS.tier}`] === tier &&
        plan !== undefined &&
        planTier(plan) === tier &&
        coversBucket(node, selectionResources(selection))
      );
    });
    return selected ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
