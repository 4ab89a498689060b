import { parse } from 'node:path';
import { type CfnResource, CfnDeletionPolicy } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { OFFBOARDING_DEFAULTS } from '../../../defaults';
import { stackOffboarding } from '../../../offboarding/metadata';
import { tagsOf } from '../helpers';

/** Resource types that hold data or the keys to it. */
export const STATEFUL_TYPES: readonly string[] = ['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::Backup::BackupVault'];

/**
 * Stateful resources are retained both when their stack is deleted and when
 * an update would replace them (DP-INTEGRITY). The one exception is
 * cryptographic erasure (CDM-3.7-DISPOSAL): a KMS key of an offboarding
 * client (its stack records the offboarding) tagged `offboarding=<ticket>`
 * with that offboarding's ticket may be deleted with its stack.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!STATEFUL_TYPES.includes(node.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
    const { deletionPolicy, updateReplacePolicy } = node.cfnOptions;
    if (node.cfnResourceType === 'AWS::KMS::Key' && deletionPolicy === CfnDeletionPolicy.DELETE) {
      const ticket = stackOffboarding(node)?.ticket;
      return ticket !== undefined && tagsOf(node)[OFFBOARDING_DEFAULTS.keyTag] === ticket
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    return deletionPolicy === CfnDeletionPolicy.RETAIN && updateReplacePolicy === CfnDeletionPolicy.RETAIN
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
