import { parse } from 'node:path';
import { type CfnResource, CfnDeletionPolicy } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';

/** Resource types that hold data or the keys to it. */
export const STATEFUL_TYPES: readonly string[] = ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::Backup::BackupVault'];

/**
 * Stateful resources are retained both when their stack is deleted and when
 * an update would replace them (DP-INTEGRITY).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!STATEFUL_TYPES.includes(node.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
    const { deletionPolicy, updateReplacePolicy } = node.cfnOptions;
    return deletionPolicy === CfnDeletionPolicy.RETAIN && updateReplacePolicy === CfnDeletionPolicy.RETAIN
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
