import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { stackOffboarding } from '../../../offboarding/metadata';
import { tagsOf } from '../helpers';
import { isReplicationDestination, type ResolvedReplicationRule, replicationRulesOf } from '../replication-helpers';

/** An enabled rule that copies every object (no prefix or tag filter) to a destination bucket. */
function replicatesEverything(rule: ResolvedReplicationRule): boolean {
  const prefix = rule.Filter?.Prefix ?? rule.Prefix ?? '';
  const filtered = prefix !== '' || rule.Filter?.TagFilter !== undefined || rule.Filter?.And !== undefined;
  return rule.Status === 'Enabled' && rule.Destination?.Bucket !== undefined && !filtered;
}

/**
 * Every client dataset bucket (one tagged with a dataset) replicates all its
 * objects to another bucket, unless it is itself the replication destination
 * of a dataset bucket of the app, i.e. the replica (DP-MULTI-REGION).
 * A bucket of an offboarding client is the reverse: it must no longer
 * replicate anything (CDM-3.7-DISPOSAL).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket) || tagsOf(node)[TAG_KEYS.dataset] === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    if (stackOffboarding(node) !== undefined) {
      return replicationRulesOf(node).some((rule) => rule.Status === 'Enabled')
        ? NagRuleCompliance.NON_COMPLIANT
        : NagRuleCompliance.COMPLIANT;
    }
    if (replicationRulesOf(node).some(replicatesEverything)) return NagRuleCompliance.COMPLIANT;
    return isReplicationDestination(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
