import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asArray, logicalIdOf, referencedId, resolveOnce, resourcesInStack } from '../helpers';
import { AWS_LIMITS, iamPolicyChars, overLimit } from '../../../aws-limits';

/**
 * The inline policies of one role, together, fit IAM's 10,240 characters
 * (whitespace not counted): the role's own `Policies` plus every
 * `AWS::IAM::Policy` in its stack attached to it, which IAM stores as inline
 * policies of the role (CDM-3.2-LEAST-PRIV).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const id = logicalIdOf(node);
    const own = asArray(resolveOnce<{ policyDocument?: unknown }[] | undefined>(node, 'policies', node.policies)).map(
      (p) => p.policyDocument,
    );
    const attached = resourcesInStack(node, CfnPolicy)
      .filter((policy) =>
        asArray(resolveOnce<unknown[] | undefined>(policy, 'roles', policy.roles)).some((r) => referencedId(policy, r) === id),
      )
      .map((policy) => resolveOnce(policy, 'policyDocument', policy.policyDocument));
    const size = [...own, ...attached].reduce<number>((total, document) => total + iamPolicyChars(document), 0);
    const findings = overLimit(size, AWS_LIMITS.iamRoleInlinePoliciesChars, 'characters');
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
