/** Shared readers of IAM role trust policies for the `iam` rules. */
import { Stack } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { asArray, resolve, resourcesInStack, type Statement } from '../helpers';

/** The resolved statements of a role's trust policy. */
export function trustStatements(role: CfnRole): Statement[] {
  return asArray(resolve<{ Statement?: Statement[] } | undefined>(role, role.assumeRolePolicyDocument)?.Statement);
}

/** Whether a trust statement admits IAM principals (people, other roles), not only AWS services. */
export function admitsIamPrincipals(statement: Statement): boolean {
  const principal = statement.Principal as { AWS?: unknown; Federated?: unknown } | string | undefined;
  return principal === '*' || (typeof principal === 'object' && (principal.AWS !== undefined || principal.Federated !== undefined));
}

/** The Allow statements of a role's trust that admit IAM principals; empty for service roles. */
export function humanTrustStatements(role: CfnRole): Statement[] {
  return trustStatements(role).filter((s) => s.Effect === 'Allow' && admitsIamPrincipals(s) && !admitsOnlyServiceRoles(role, s));
}

/**
 * Whether a trust statement admits only roles of the same stack that services
 * drive: roles only AWS services assume, or, in a chain, only such roles (as
 * CodePipeline's action roles trust the pipeline's role). A role so trusted is
 * driven by services, not people.
 */
function admitsOnlyServiceRoles(role: CfnRole, statement: Statement, seen: ReadonlySet<CfnRole> = new Set([role])): boolean {
  const aws = asArray((statement.Principal as { AWS?: unknown } | undefined)?.AWS as unknown[] | undefined);
  const stack = Stack.of(role);
  return (
    aws.length > 0 &&
    aws.every((principal) => {
      const [logicalId, attribute] = (principal as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'] ?? [];
      if (attribute !== 'Arn') return false;
      const target = resourcesInStack(role, CfnRole).find((c) => stack.resolve(c.logicalId) === logicalId);
      if (target === undefined || seen.has(target)) return false; // a cycle is not driven by services alone
      const chain = new Set([...seen, target]);
      return trustStatements(target).every(
        (s) => s.Effect !== 'Allow' || !admitsIamPrincipals(s) || admitsOnlyServiceRoles(target, s, chain),
      );
    })
  );
}

/** A condition value as a list of strings. */
export function conditionValues(statement: Statement, operator: string, key: string): string[] {
  const block = statement.Condition?.[operator] ?? {};
  const entry = Object.entries(block).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return entry === undefined ? [] : asArray(entry[1] as string | string[]).map(String);
}
