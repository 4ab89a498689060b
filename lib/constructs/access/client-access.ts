import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { clientScope, dutyPrincipals, effectiveBreakGlass } from '../../access';
import { type ClientConfig, ClientNames, type ProviderConfig, DUTIES, type Duty } from '../../model';
import { AccessRole } from './access-role';
import { BreakGlassRole } from './break-glass-role';
import { ClientAccessBoundary } from './client-access-boundary';

/** Properties of a {@link ClientAccess}. */
export interface ClientAccessProps {
  /** Provider-wide settings. */
  readonly provider: ProviderConfig;
  /** The client. */
  readonly client: ClientConfig;
  /**
   * The client's names, when the caller has derived them already (a store
   * passes its own); they must be the names of `client`.
   *
   * @default - derived from `provider` and `client`
   */
  readonly names?: ClientNames;
  /** Where break-glass assumptions alert (the client's primary-region topic). */
  readonly alertTopic: sns.ITopic;
  /** The region break-glass sessions must be issued in (the stack's region). */
  readonly region: string;
}

/**
 * Everything through which people reach one client's data
 * (CDM-3.2-LEAST-PRIV, CDM-3.2-MFA, DP-ABAC, DP-ALWAYS-OFF): the client's
 * permission boundary, one role per duty that has principals configured (a
 * duty nobody holds gets no role, so no unused standing access exists), and
 * a break-glass role only while an approval is in force.
 */
export class ClientAccess extends Construct {
  /** The client's permission boundary. */
  public readonly boundary: ClientAccessBoundary;
  /** Duty roles by duty (only duties with principals). */
  public readonly duties: Readonly<Partial<Record<Duty, AccessRole>>>;
  /** The break-glass role, when an approval is in force. */
  public readonly breakGlass?: BreakGlassRole;

  /**
   * @throws Error when `names` are not the names of `client`
   */
  constructor(scope: Construct, id: string, props: ClientAccessProps) {
    super(scope, id);
    const { provider, client } = props;
    const names = props.names ?? new ClientNames(provider, client);
    if (names.clientId !== client.id) {
      throw new Error(`ClientAccess ${this.node.path}: the names given are those of client ${names.clientId}, not of client ${client.id}`);
    }
    const resources = clientScope(client, names);
    this.boundary = new ClientAccessBoundary(this, 'Boundary', {
      scope: resources,
      managedPolicyName: names.boundary,
    });
    const duties: Partial<Record<Duty, AccessRole>> = {};
    // CDM-3.7-DISPOSAL: once a client is offboarding, only its auditors keep their role, and its
    // readers a read-only export role until the export window closes (when one is configured).
    const offboarding = client.offboarding;
    for (const duty of DUTIES) {
      const principals = dutyPrincipals(client, duty);
      if (principals.length === 0) continue;
      if (offboarding !== undefined && duty !== 'auditor' && !(duty === 'reader' && offboarding.exportUntil !== undefined)) continue;
      duties[duty] = new AccessRole(this, `Duty-${duty}`, {
        scope: resources,
        kind: duty,
        roleName: names.dutyRole(duty),
        policyName: names.dutyPolicy(duty),
        principals,
        boundary: this.boundary,
        exportUntil: duty === 'reader' ? offboarding?.exportUntil : undefined,
      });
    }
    this.duties = duties;
    const breakGlass = effectiveBreakGlass(provider, client);
    if (breakGlass !== undefined) {
      this.breakGlass = new BreakGlassRole(this, 'BreakGlass', {
        scope: resources,
        roleName: names.breakGlassRole,
        policyName: names.dutyPolicy('break-glass'),
        principals: breakGlass.principals,
        boundary: this.boundary,
        approvedBy: breakGlass.approval.approvedBy,
        ticket: breakGlass.approval.ticket,
        expires: breakGlass.approval.expires,
        region: props.region,
        alertTopic: props.alertTopic,
      });
    }
  }
}
