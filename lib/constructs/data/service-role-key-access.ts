import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { TAG_KEYS } from '../../model';

/** Key use actions a baseline service role (backup) needs. */
export const SERVICE_ROLE_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
] as const;

/** Properties of {@link allowServiceRoleKeyUse}. */
export interface ServiceRoleKeyUseProps {
  /** Statement id, e.g. `BackupRoleUsesKey`. */
  readonly sid: string;
  /** The owning client's id, which the role carries as its `client-id` tag. */
  readonly clientId: string;
  /** ARN of the service role (derived; the role may live in another stack or not exist yet). */
  readonly roleArn: string;
  /**
   * The key actions the role needs.
   *
   * @default SERVICE_ROLE_KEY_ACTIONS
   */
  readonly actions?: readonly string[];
  /**
   * The AWS service endpoint the role must use the key through (`kms:ViaService`),
   * e.g. `s3.eu-west-1.amazonaws.com`.
   *
   * @default - any service
   */
  readonly viaService?: string;
  /**
   * Whether the role may also create grants for AWS resources (`kms:CreateGrant`
   * with `kms:GrantIsForAWSResource`), as AWS Backup does.
   *
   * @default false
   */
  readonly allowGrants?: boolean;
}

/**
 * Lets one of the baseline's service roles (replication, backup) use a key.
 * The role may be in another stack or region and not exist yet, and KMS
 * refuses unknown principals, so the statement names the account principal
 * and pins the role by `aws:PrincipalArn`, together with the client's id tag
 * the role carries (DP-ABAC, CDM-3.3-TENANT-ISOLATION, DP-KEY-ADMIN).
 */
export function allowServiceRoleKeyUse(key: kms.IKey, props: ServiceRoleKeyUseProps): void {
  // The role's own account: the key's, or (a copy vault in the backup account) the client's.
  const roleAccount = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(props.roleArn)?.[1] ?? Stack.of(key).account;
  const principals = [new iam.AccountPrincipal(roleAccount)];
  const conditions = {
    StringEquals: {
      [`aws:PrincipalTag/${TAG_KEYS.clientId}`]: props.clientId,
      ...(props.viaService === undefined ? {} : { 'kms:ViaService': props.viaService }),
    },
    ArnEquals: { 'aws:PrincipalArn': props.roleArn },
  };
  const actions = [...(props.actions ?? SERVICE_ROLE_KEY_ACTIONS)];
  key.addToResourcePolicy(new iam.PolicyStatement({ sid: props.sid, principals, actions, resources: ['*'], conditions }));
  if (props.allowGrants) {
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `${props.sid}Grants`,
        principals,
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { ...conditions, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    );
  }
}
