import * as iam from 'aws-cdk-lib/aws-iam';
import { TRUST_CONDITION_KEYS } from '../../model';

/** Properties of {@link humanTrustPrincipal}. */
export interface HumanTrustProps {
  /** IAM ARNs (roles, users or account roots) that may assume the role. */
  readonly principals: readonly string[];
  /** The client whose id every session must carry as its `client-id` session tag. */
  readonly clientId: string;
  /**
   * Further conditions every assumption must meet (e.g. break-glass expiry).
   *
   * @default - none
   */
  readonly conditions?: Record<string, Record<string, unknown>>;
}

/**
 * The trust of a role people assume (CDM-3.2-MFA, DP-ABAC): only the listed
 * principals, only with MFA, and only when they tag the session with the
 * client's id (`sts:TagSession` in the same statement, so an untagged or
 * otherwise tagged session is refused).
 *
 * The listed principals may not exist yet when the role is deployed, and IAM
 * refuses a trust policy naming an unknown principal; so each statement names
 * the principals' account and requires `aws:PrincipalArn` to be one of them.
 * An account root in the list admits that whole account (IAM's meaning of it).
 */
export function humanTrustPrincipal(props: HumanTrustProps): iam.IPrincipal {
  const byAccount = new Map<string, string[]>();
  for (const arn of [...new Set(props.principals)].sort()) {
    const account = arn.split(':')[4];
    byAccount.set(account, [...(byAccount.get(account) ?? []), arn]);
  }
  const statements = [...byAccount.entries()].map(([account, arns]) => {
    const wholeAccount = arns.some((arn) => arn.endsWith(':root'));
    const base = props.conditions ?? {};
    const conditions: Record<string, Record<string, unknown>> = {
      ...base,
      Bool: { ...base.Bool, [TRUST_CONDITION_KEYS.mfa]: 'true' },
      StringEquals: { ...base.StringEquals, [TRUST_CONDITION_KEYS.sessionTag]: props.clientId },
      ...(wholeAccount ? {} : { ArnEquals: { [TRUST_CONDITION_KEYS.principalArn]: arns } }),
    };
    return new iam.SessionTagsPrincipal(new iam.PrincipalWithConditions(new iam.AccountPrincipal(account), conditions));
  });
  if (statements.length === 0) throw new Error(`a role of client "${props.clientId}" needs at least one principal to trust (received [])`);
  return statements.length === 1 ? statements[0] : new iam.CompositePrincipal(...statements);
}
