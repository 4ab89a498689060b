/** The shape of the rules that check a detection service covers every client dataset bucket's account and region. */
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { TAG_KEYS } from '../../../model';
import type { DetectionFeature } from '../../../model';
import { tagsOf } from '../helpers';
import { featureOffReason } from './helpers';

/**
 * A rule over client dataset buckets: COMPLIANT when `covered` holds for the
 * bucket's account and region, or the feature is turned off with a reason
 * (the report shows it); NOT_APPLICABLE for other resources.
 */
export function coverageRule(feature: DetectionFeature, covered: (bucket: CfnBucket) => boolean) {
  return (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket) || tagsOf(node)[TAG_KEYS.dataset] === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    if (featureOffReason(node, feature) !== undefined) return NagRuleCompliance.COMPLIANT;
    return covered(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  };
}
