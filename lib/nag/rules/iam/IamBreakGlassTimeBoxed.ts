import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { ACCESS_TAG_KEYS, TRUST_CONDITION_KEYS } from '../../../model';
import { tagsOf } from '../helpers';
import { conditionValues, humanTrustStatements } from './trust';

/**
 * A break-glass role (tagged `duty=break-glass`) stops working by itself:
 * every trust statement that admits IAM principals carries
 * `DateLessThan aws:CurrentTime = <expiry>`, the expiry recorded in its
 * `break-glass-expires` tag, a valid date, and an approval and a ticket are
 * recorded in its tags (DP-ALWAYS-OFF).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const tags = tagsOf(node);
    if (tags[ACCESS_TAG_KEYS.duty] !== 'break-glass') return NagRuleCompliance.NOT_APPLICABLE;
    const expires = tags[ACCESS_TAG_KEYS.expires];
    if (expires === undefined || Number.isNaN(Date.parse(expires)) || !tags[ACCESS_TAG_KEYS.ticket] || !tags[ACCESS_TAG_KEYS.approvedBy]) {
      return NagRuleCompliance.NON_COMPLIANT;
    }
    const statements = humanTrustStatements(node);
    if (statements.length === 0) return NagRuleCompliance.NON_COMPLIANT;
    return statements.every((s) => conditionValues(s, 'DateLessThan', TRUST_CONDITION_KEYS.currentTime).join() === expires)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
