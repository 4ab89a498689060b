import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { CLASSIFICATIONS, TAG_KEYS, TIERS } from '../../../model';
import { isAccessLogTarget, stackClientId, tagsOf } from '../helpers';

/**
 * Every bucket in a client's stack, other than its server access log target,
 * is tagged with exactly one known classification and one backup tier, so one
 * store holds one class of data and its controls follow that class
 * (CDM-3.1-CLASSIFY, DP-CLASS-SEPARATE, BKP-2-TIERS).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket) || stackClientId(node) === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    if (isAccessLogTarget(node)) return NagRuleCompliance.NOT_APPLICABLE;
    const tags = tagsOf(node);
    const classification = tags[TAG_KEYS.classification];
    const tier = tags[TAG_KEYS.tier];
    const known = (CLASSIFICATIONS as readonly string[]).includes(classification ?? '');
    const tiered = (TIERS as readonly string[]).includes(tier ?? '');
    return known && tiered ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
