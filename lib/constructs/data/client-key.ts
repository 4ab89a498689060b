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
}
