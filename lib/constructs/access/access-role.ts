import { Stack, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { type AccessRoleKind, type ClientScope, roleStatements } from '../../access';
import { DUTY_ROLE_DEFAULTS, OFFBOARDING_DEFAULTS } from '../../defaults';
import { ACCESS_TAG_KEYS, TAG_KEYS, TRUST_CONDITION_KEYS } from '../../model';
import { AccessPolicy } from './access-policy';
import { humanTrustPrincipal } from './human-trust';

/** IAM's default quota on a role trust policy, in characters. */
export const TRUST_POLICY_MAX_CHARS = 2048;

/** Properties of an {@link AccessRole}. */
export interface AccessRoleProps {
  /** The client's resources. */
  readonly scope: ClientScope;
  /** The duty (or break-glass) the role serves. */
  readonly kind: AccessRoleKind;
  /** The role's name (see `ClientNames.dutyRole`). */
  readonly roleName: string;
  /** The name of the role's customer-managed permissions policy. */
  readonly policyName: string;
  /** IAM ARNs that may assume the role; at least one. */
  readonly principals: readonly string[];
  /** The client's permission boundary. */
  readonly boundary: iam.IManagedPolicy;
  /**
   * Further trust conditions (break-glass adds its expiry and region).
   *
   * @default - none beyond MFA, the listed principals and the session tag
   */
  readonly trustConditions?: Record<string, Record<string, unknown>>;
  /**
   * Description of the role.
   *
   * @default - "<kind> of client <clientId>"
   */
  readonly description?: string;
  /**
   * The export window of an offboarding client (CDM-3.7-DISPOSAL), an ISO
   * date: every permission holds only before it (`DateLessThan
   * aws:CurrentTime`), and the role's `duty` tag is `export`.
   *
   * @default - permissions without a time limit
   */
  readonly exportUntil?: string;
}

/**
 * A role people assume to do one duty on one client's data
 * (CDM-3.2-LEAST-PRIV, CDM-3.2-MFA, DP-ABAC): trusted only by the listed
 * principals with MFA and a `client-id` session tag equal to the client's id,
 * one-hour sessions, a customer-managed permissions policy generated from the
 * duty's template, and the client's permission boundary. The role itself is
 * tagged `client-id` too (a principal tag), so the bucket and key policies
 * that require that tag admit its sessions.
 */
export class AccessRole extends Construct {
  /** The role. */
  public readonly role: iam.Role;
  /** Its permissions policy. */
  public readonly policy: AccessPolicy;

  constructor(scope: Construct, id: string, props: AccessRoleProps) {
    super(scope, id);
    this.policy = new AccessPolicy(this, 'Policy', {
      clientId: props.scope.clientId,
      managedPolicyName: props.policyName,
      description: `${props.kind} of client ${props.scope.clientId}: its own data only`,
      statements: roleStatements(props.kind, props.scope).map((statement) =>
        props.exportUntil === undefined
          ? statement
          : {
              ...statement,
              Condition: { ...statement.Condition, DateLessThan: { [TRUST_CONDITION_KEYS.currentTime]: `${props.exportUntil}T00:00:00Z` } },
            },
      ),
    });
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: props.description ?? `${props.kind} of client ${props.scope.clientId}`,
      assumedBy: humanTrustPrincipal({ principals: props.principals, clientId: props.scope.clientId, conditions: props.trustConditions }),
      maxSessionDuration: DUTY_ROLE_DEFAULTS.maxSessionDuration,
      permissionsBoundary: props.boundary,
      managedPolicies: [this.policy],
    });
    // IAM refuses trust policies over 2,048 characters (default quota): say so at synth, not at deploy.
    const role = this.role;
    role.node.addValidation({
      validate: () => {
        const size = JSON.stringify(Stack.of(role).resolve(role.assumeRolePolicy?.toJSON())).length;
        return size > TRUST_POLICY_MAX_CHARS
          ? [
              `the trust policy of ${props.roleName} would be ${size} characters; IAM allows ${TRUST_POLICY_MAX_CHARS}: list fewer principals (received ${props.principals.length})`,
            ]
          : [];
      },
    });
    Tags.of(this.role).add(TAG_KEYS.clientId, props.scope.clientId);
    Tags.of(this.role).add(ACCESS_TAG_KEYS.duty, props.exportUntil === undefined ? props.kind : OFFBOARDING_DEFAULTS.exportDuty);
  }
}
