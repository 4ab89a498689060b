import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-organizations';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolveOnce } from '../helpers';
import { AWS_LIMITS, organizationsPolicyChars, overLimit } from '../../../aws-limits';

/**
 * A service or resource control policy fits Organizations' 5,120 characters,
 * whitespace included (DP-MINIMAL-SERVICES: a refused policy leaves the
 * accounts unguarded). CloudFormation and cfn-lint do not check it.
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnPolicy)) return NagRuleCompliance.NOT_APPLICABLE;
    const size = organizationsPolicyChars(resolveOnce(node, 'content', node.content));
    const findings = overLimit(size, AWS_LIMITS.organizationsPolicyChars, 'characters');
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
