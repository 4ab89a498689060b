import { parse } from 'node:path';
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import { resolve, tagsOf } from '../helpers';
import { bucketCoverage, type TrailSelectors } from './coverage';
import { partitionOf } from './trail-helpers';

/**
 * A trail records object reads and writes on every client dataset bucket
 * (primary and replica, any stack of the app) in its account: the coverage is
 * computed from the trail's own selectors against each bucket's name. A
 * bucket in another region counts only if the trail is multi-region; a
 * bucket without a literal name cannot be shown to be covered. Buckets in
 * other accounts are outside what a trail of this account records
 * (DP-LOG-ALL-ACCESS).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    const trailStack = Stack.of(node);
    const selectors: TrailSelectors = {
      advancedEventSelectors: resolve(node, node.advancedEventSelectors),
      eventSelectors: resolve(node, node.eventSelectors),
    };
    const multiRegion = resolve(node, node.isMultiRegionTrail) === true;
    const partition = partitionOf(node);
    const buckets = node.node.root.node
      .findAll()
      .filter((c): c is CfnBucket => c instanceof CfnBucket)
      .filter((b) => tagsOf(b)[TAG_KEYS.dataset] !== undefined && Stack.of(b).account === trailStack.account);
    const uncovered = buckets.filter((bucket) => {
      const name = resolve(bucket, bucket.bucketName);
      if (typeof name !== 'string') return true;
      if (!multiRegion && Stack.of(bucket).region !== trailStack.region) return true;
      const coverage = bucketCoverage(selectors, name, partition);
      return !(coverage.read && coverage.write);
    });
    return uncovered.length === 0 ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
