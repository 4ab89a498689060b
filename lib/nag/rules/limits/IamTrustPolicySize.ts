import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolveOnce } from '../helpers';
import { AWS_LIMITS, iamPolicyChars, overLimit } from '../../../aws-limits';

/**
 * A role's trust policy fits IAM's default 2,048 characters, whitespace not
 * counted (CDM-3.2-MFA: a client with many assuming principals must not
 * break its role's deployment).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const size = iamPolicyChars(resolveOnce(node, 'assumeRolePolicyDocument', node.assumeRolePolicyDocument));
    const findings = overLimit(size, AWS_LIMITS.iamTrustPolicyChars, 'characters');
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
