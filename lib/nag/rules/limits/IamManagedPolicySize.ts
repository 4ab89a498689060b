import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolveOnce } from '../helpers';
import { AWS_LIMITS, iamPolicyChars, overLimit } from '../../../aws-limits';

/** A customer managed IAM policy fits IAM's 6,144 characters, whitespace not counted (CDM-3.2-LEAST-PRIV). */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnManagedPolicy)) return NagRuleCompliance.NOT_APPLICABLE;
    const size = iamPolicyChars(resolveOnce(node, 'policyDocument', node.policyDocument));
    const findings = overLimit(size, AWS_LIMITS.iamManagedPolicyChars, 'characters');
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
