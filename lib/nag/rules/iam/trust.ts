/** Shared readers of IAM role trust policies for the `iam` rules. */
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { asArray, resolve, type Statement } from '../helpers';

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
  return trustStatements(role).filter((s) => s.Effect === 'Allow' && admitsIamPrincipals(s));
}

/** A condition value as a list of strings. */
export function conditionValues(statement: Statement, operator: string, key: string): string[] {
  const block = statement.Condition?.[operator] ?? {};
  const entry = Object.entries(block).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return entry === undefined ? [] : asArray(entry[1] as string | string[]).map(String);
}
