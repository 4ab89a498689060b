import { Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { baseKeyPolicyStatements } from './key-administration';
import { KEY_DEFAULTS, OFFBOARDING_DEFAULTS } from '../../defaults';
import { KMS_USE_ACTIONS } from '../../access';
import { TAG_KEYS } from '../../model';

/** Properties of a {@link ClientKey}. */
export interface ClientKeyProps {
  /** The owning client's id: only principals whose session carries it may use the key (DP-ABAC). */
  readonly clientId: string;
  /** Alias, e.g. `alias/precision/acme/data`. */
  readonly alias: string;
  /**
   * Accounts whose IAM principals may use the key when tagged with the client id.
   *
   * @default - the stack's account
   */
  readonly useAccounts?: readonly string[];
  /**
   * Description shown in the KMS console.
   *
   * @default - "Data key of client <clientId>"
   */
  readonly description?: string;
  /**
   * An approved cryptographic erasure (CDM-3.7-DISPOSAL): the key is
   * deleted (after `pendingWindowDays`) when its stack is removed, and is
   * tagged `offboarding=<ticket>`, the one exception the
   * StatefulResourceRetained rule accepts.
   *
   * @default - retained on stack deletion, 30-day pending window
   */
  readonly erasure?: KeyErasure;
}

/** Key use actions a baseline service role (backup) needs. */
export const SERVICE_ROLE_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
] as const;

/** Properties of {@link ClientKey.allowServiceRoleUse}. */
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

/** The terms of a key's cryptographic erasure. */
export interface KeyErasure {
  /** KMS pending window, 7 to 30 days. */
  readonly pendingWindowDays: number;
  /** The approved change. */
  readonly ticket: string;
}

/**
 * A client's own customer-managed KMS key (CDM-3.3-SEGREGATE, CDM-3.4-AT-REST).
 *
 * The key policy replaces KMS's default: the account (its privileged IAM
 * roles) may administer the key but not use it, and only principals whose
 * session carries the client's id may use it (DP-KEY-ADMIN, DP-ABAC).
 * Rotation is on and the key is retained when its stack is deleted.
 */
export class ClientKey extends kms.Key {
  /** The owning client's id. */
  public readonly clientId: string;
  /** The key's alias. */
  public readonly aliasName: string;
  /** The approved cryptographic erasure, when the client is offboarding. */
  public readonly erasure?: KeyErasure;

  constructor(scope: Construct, id: string, props: ClientKeyProps) {
    const stack = Stack.of(scope);
    const useAccounts = props.useAccounts ?? [stack.account];
    super(scope, id, {
      alias: props.alias,
      description: props.description ?? `Data key of client ${props.clientId}`,
      enableKeyRotation: KEY_DEFAULTS.enableKeyRotation,
      pendingWindow: props.erasure ? Duration.days(props.erasure.pendingWindowDays) : KEY_DEFAULTS.pendingWindow,
      removalPolicy: props.erasure ? RemovalPolicy.DESTROY : KEY_DEFAULTS.removalPolicy,
      policy: new iam.PolicyDocument({
        statements: [
          ...baseKeyPolicyStatements(),
          new iam.PolicyStatement({
            sid: 'KeyUseByClientPrincipalsOnly',
            principals: useAccounts.map((account) => new iam.AccountPrincipal(account)),
            actions: [...KMS_USE_ACTIONS],
            resources: ['*'],
            conditions: { StringEquals: { [`aws:PrincipalTag/${TAG_KEYS.clientId}`]: props.clientId } },
          }),
        ],
      }),
    });
    this.clientId = props.clientId;
    this.aliasName = props.alias;
    this.erasure = props.erasure;
    // The key states its owner itself, so the rules can match it with the client's buckets in any stack (CDM-3.3-SEGREGATE).
    Tags.of(this).add(TAG_KEYS.clientId, props.clientId);
    // KMS (and kms.Key) accept a pending window of 7 to 30 days only.
    if (props.erasure !== undefined) Tags.of(this).add(OFFBOARDING_DEFAULTS.keyTag, props.erasure.ticket);
  }

  /**
   * Lets one of the baseline's service roles (replication, backup, malware
   * scanning) use the key. The role may be in another stack or region and
   * not exist yet, and KMS refuses unknown principals, so the statement names
   * the account principal and pins the role by `aws:PrincipalArn`, together
   * with the client's id tag the role carries (DP-ABAC,
   * CDM-3.3-TENANT-ISOLATION, DP-KEY-ADMIN).
   */
  public allowServiceRoleUse(props: ServiceRoleKeyUseProps): void {
    // The role's own account: the key's, or (a copy vault in the backup account) the client's.
    const roleAccount = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(props.roleArn)?.[1] ?? Stack.of(this).account;
    const principals = [new iam.AccountPrincipal(roleAccount)];
    const conditions = {
      StringEquals: {
        [`aws:PrincipalTag/${TAG_KEYS.clientId}`]: props.clientId,
        ...(props.viaService === undefined ? {} : { 'kms:ViaService': props.viaService }),
      },
      ArnEquals: { 'aws:PrincipalArn': props.roleArn },
    };
    const actions = [...(props.actions ?? SERVICE_ROLE_KEY_ACTIONS)];
    this.addToResourcePolicy(new iam.PolicyStatement({ sid: props.sid, principals, actions, resources: ['*'], conditions }));
    if (props.allowGrants) {
      this.addToResourcePolicy(
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
}
