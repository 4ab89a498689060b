import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnManagedPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asArray, logicalIdOf, referencedId, resolveOnce, resourcesInStack } from '../helpers';
import { AWS_LIMITS, overLimit } from '../../../aws-limits';

/**
 * A role has at most IAM's default 10 managed policies attached: its own
 * `ManagedPolicyArns` plus the stack's managed policies that name it in
 * `Roles` (CDM-3.2-LEAST-PRIV).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleResult => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const id = logicalIdOf(node);
    const own = asArray(resolveOnce<unknown[] | undefined>(node, 'managedPolicyArns', node.managedPolicyArns)).length;
    const attached = resourcesInStack(node, CfnManagedPolicy).filter((policy) =>
      asArray(resolveOnce<unknown[] | undefined>(policy, 'roles', policy.roles)).some((r) => referencedId(policy, r) === id),
    ).length;
    const findings = overLimit(own + attached, AWS_LIMITS.iamRoleManagedPolicies, 'managed policies');
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
