import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { KEY_DEFAULTS, KMS_ADMIN_ACTIONS, KMS_USE_ACTIONS, TAG_KEYS } from '../defaults';

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

  constructor(scope: Construct, id: string, props: ClientKeyProps) {
    const stack = Stack.of(scope);
    const useAccounts = props.useAccounts ?? [stack.account];
    super(scope, id, {
      alias: props.alias,
      description: props.description ?? `Data key of client ${props.clientId}`,
      enableKeyRotation: KEY_DEFAULTS.enableKeyRotation,
      pendingWindow: KEY_DEFAULTS.pendingWindow,
      removalPolicy: KEY_DEFAULTS.removalPolicy,
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'KeyAdministrationNotUse',
            principals: [new iam.AccountRootPrincipal()],
            actions: [...KMS_ADMIN_ACTIONS],
            resources: ['*'],
          }),
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
  }

  /**
   * Lets one of the baseline's service roles (e.g. replication) use the key
   * for some actions, only through one AWS service endpoint
   * (CDM-3.5-AUTHORIZED-COPY, DP-ABAC). The role is named by an
   * `aws:PrincipalArn` condition on the account principal, not as the
   * principal: KMS refuses policies naming principals that do not exist yet,
   * and the role may be created by a stack that deploys later.
   *
   * @param sid statement id
   * @param roleArn the service role's ARN (derived, see `names.ts`)
   * @param actions the key actions it needs, e.g. `kms:Encrypt`
   * @param viaService the `kms:ViaService` endpoint, e.g. `s3.eu-west-1.amazonaws.com`
   */
  public grantServiceRoleUse(sid: string, roleArn: string, actions: readonly string[], viaService: string): void {
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid,
        principals: [new iam.AccountPrincipal(Stack.of(this).account)],
        actions: [...actions],
        resources: ['*'],
        conditions: {
          ArnEquals: { 'aws:PrincipalArn': roleArn },
          StringEquals: { 'kms:ViaService': viaService },
        },
      }),
    );
  }
}
