import { parse } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { CfnManagedPolicy, CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { asArray, logicalIdOf, referencedId, resolve, resourcesInStack, type Statement, statementCovers } from '../helpers';
import { conditionValues, humanTrustStatements } from './trust';

/** Actions that administer data stores or their keys, or IAM itself. */
const ADMIN = ['iam:PutRolePolicy', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 's3:PutBucketPolicy', 's3:DeleteBucket'];

/** The statements of the managed and inline policy resources attached to a role in its stack. */
function attachedStatements(role: CfnRole): Statement[] {
  const id = logicalIdOf(role);
  const named = asArray(resolve<unknown[] | undefined>(role, role.managedPolicyArns)).map((arn) => referencedId(role, arn));
  const attached = (p: CfnManagedPolicy | CfnPolicy) =>
    asArray(resolve<unknown[] | undefined>(p, p.roles)).some((r) => referencedId(p, r) === id);
  return [
    ...resourcesInStack(role, CfnManagedPolicy).filter((p) => named.includes(logicalIdOf(p)) || attached(p)),
    ...resourcesInStack(role, CfnPolicy).filter(attached),
  ].flatMap((p) => asArray(resolve<{ Statement?: Statement[] }>(p, p.policyDocument).Statement));
}

/**
 * No standing administrative access to production data (DP-ALWAYS-OFF): a
 * role people assume either grants no administration of stores, keys or IAM,
 * or is a break-glass role whose trust stops admitting anyone at a fixed time
 * (`DateLessThan aws:CurrentTime`).
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const trust = humanTrustStatements(node);
    if (trust.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const inline = asArray(resolve<{ policyDocument?: { Statement?: Statement[] } }[] | undefined>(node, node.policies)).flatMap((p) =>
      asArray(p.policyDocument?.Statement),
    );
    const administers = [...inline, ...attachedStatements(node)].some(
      (s) => s.Effect === 'Allow' && ADMIN.some((action) => statementCovers(s, action)),
    );
    if (!administers) return NagRuleCompliance.COMPLIANT;
    const timeBoxed = trust.every((s) => conditionValues(s, 'DateLessThan', 'aws:CurrentTime').length > 0);
    return timeBoxed ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);
