import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { TIER_POLICIES } from '../../../backup/tiers';
import { TAG_KEYS, TIERS, type Tier } from '../../../model';
import { tagsOf } from '../helpers';

/**
 * Every client dataset records its recovery time objective (`rto-hours` tag),
 * within its tier's RTO of the Customer Data Backup Policy §4.2
 * (BKP-4.2-RTO); restore tests and their reports are judged against it.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const tags = tagsOf(node);
    if (tags[TAG_KEYS.dataset] === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const tier = tags[TAG_KEYS.tier];
    if (!(TIERS as readonly string[]).includes(tier ?? '')) return NagRuleCompliance.NON_COMPLIANT;
    const rto = Number(tags[TAG_KEYS.rtoHours]);
    return Number.isInteger(rto) && rto > 0 && rto <= TIER_POLICIES[tier as Tier].rtoHours
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
