import { parse } from 'node:path';
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { resolve, tagsOf } from '../helpers';
import {
  bucketsByArn,
  defaultKeyOf,
  keyArnParts,
  keyIdLookup,
  keyOfAlias,
  type ResolvedReplicationRule,
  replicationRulesOf,
} from '../replication-helpers';

/** Whether one rule's replicas are encrypted with the destination bucket's own client key. */
function encryptsWithDestinationKey(source: CfnBucket, rule: ResolvedReplicationRule): boolean {
  if (rule.SourceSelectionCriteria?.SseKmsEncryptedObjects?.Status !== 'Enabled') return false;
  const key = keyArnParts(rule.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID);
  const lookup = key && keyIdLookup(source, key.keyId);
  const [destination, ...others] = bucketsByArn(source, rule.Destination?.Bucket);
  if (key === undefined || lookup === undefined || destination === undefined || others.length > 0) return false;
  const stack = Stack.of(destination);
  if (lookup.region !== key.region || stack.region !== key.region || stack.account !== key.account) return false;
  const bucketKey = defaultKeyOf(destination);
  if (bucketKey === undefined || keyOfAlias(destination, lookup.alias) !== bucketKey) return false;
  const clientId = tagsOf(source)[TAG_KEYS.clientId];
  return (
    clientId !== undefined && tagsOf(bucketKey)[TAG_KEYS.clientId] === clientId && resolve(bucketKey, bucketKey.enableKeyRotation) === true
  );
}

/**
 * Replicas are encrypted with a customer-managed key of the same client in
 * the destination region (CDM-3.4-AT-REST, DP-MULTI-REGION): every rule
 * replicates SSE-KMS objects and names its replica key by key ARN (not an
 * alias), and that ARN is proven to be the destination bucket's own rotating
 * client key: its region and account are the destination stack's, and its id
 * is read at deploy time from the alias which, in the destination stack,
 * points at the key that encrypts the destination bucket.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const rules = replicationRulesOf(node);
    if (rules.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    return rules.every((rule) => encryptsWithDestinationKey(node, rule)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
