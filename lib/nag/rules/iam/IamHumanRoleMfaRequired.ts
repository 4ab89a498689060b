import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { TRUST_CONDITION_KEYS } from '../../../model';
import { conditionValues, humanTrustStatements } from './trust';

/**
 * A role that IAM principals (people) can assume requires MFA in every trust
 * statement that admits them: `Bool aws:MultiFactorAuthPresent = true` (not
 * `BoolIfExists`, which admits sessions that carry no MFA information)
 * (CDM-3.2-MFA).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const statements = humanTrustStatements(node);
    if (statements.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    return statements.every((s) => conditionValues(s, 'Bool', TRUST_CONDITION_KEYS.mfa).join() === 'true')
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
