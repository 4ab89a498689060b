import * as iam from 'aws-cdk-lib/aws-iam';
import { KMS_ADMIN_ACTIONS } from '../../access';

/**
 * The key policy statement every baseline key starts with: the account (its
 * privileged IAM roles) may administer the key, which keeps it manageable as
 * KMS requires, but not use it (DP-KEY-ADMIN).
 */
export function keyAdministrationStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'KeyAdministrationNotUse',
    principals: [new iam.AccountRootPrincipal()],
    actions: [...KMS_ADMIN_ACTIONS],
    resources: ['*'],
  });
}

/**
 * The key policy statement that keeps grants for AWS services
 * (Control Tower CT.KMS.PR.3): nobody may create a grant on the key unless
 * the grant is for an AWS resource (`kms:GrantIsForAWSResource`, as when S3,
 * AWS Backup or CloudWatch Logs use the key on a caller's behalf) or the
 * caller is an AWS service (`aws:PrincipalIsAWSService`). A deny: it allows
 * nothing, so it adds no key use to anyone.
 */
export function grantsForAwsServicesOnlyStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'GrantsForAwsServicesOnly',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}

/** The statements every baseline key policy starts with: administration apart from use, and grants for AWS services only. */
export function baseKeyPolicyStatements(): iam.PolicyStatement[] {
  return [keyAdministrationStatement(), grantsForAwsServicesOnlyStatement()];
}
