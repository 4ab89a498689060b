import { Tags } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ClientScope } from '../../access';
import { ACCESS_TAG_KEYS, TRUST_CONDITION_KEYS } from '../../model';
import type { AccessPolicy } from './access-policy';
import { AccessRole } from './access-role';

/** Properties of a {@link BreakGlassRole}. */
export interface BreakGlassRoleProps {
  /** The client's resources. */
  readonly scope: ClientScope;
  /** The role's name (see `ClientNames.breakGlassRole`). */
  readonly roleName: string;
  /** The name of its permissions policy. */
  readonly policyName: string;
  /** IAM ARNs that may assume it. */
  readonly principals: readonly string[];
  /** The client's permission boundary. */
  readonly boundary: iam.IManagedPolicy;
  /** Who approved it. */
  readonly approvedBy: string;
  /** The approved change. */
  readonly ticket: string;
  /** ISO 8601 time at which it stops admitting anyone. */
  readonly expires: string;
  /**
   * The only region whose STS endpoint may issue its sessions: the stack's
   * region, where the alerting rule sees the `AssumeRole` events.
   */
  readonly region: string;
  /** The topic every assumption alerts. */
  readonly alertTopic: sns.ITopic;
}

/**
 * Emergency access to one client's data, off unless an approved change says
 * so (DP-ALWAYS-OFF): the role's trust requires MFA, the client's session tag
 * and `aws:CurrentTime` before `expires`, so it stops working by itself even
 * if nobody redeploys. It may read, write and purge versions of the client's
 * objects (within the client's boundary), never bucket or key configuration.
 *
 * Every assumption (allowed or refused) alerts the client's alert topic
 * through an EventBridge rule on CloudTrail's `AssumeRole` events for this
 * role, and is recorded by CloudTrail. STS records an assumption in the
 * region that served it, and EventBridge rules see only their own region's
 * events; so the trust also requires `aws:RequestedRegion` to be this stack's
 * region, and the rule lives here: no successful assumption escapes it.
 */
export class BreakGlassRole extends Construct {
  /** The role. */
  public readonly role: iam.Role;
  /** Its permissions policy. */
  public readonly policy: AccessPolicy;
  /** The rule that alerts on each assumption. */
  public readonly alarm: events.Rule;

  constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    super(scope, id);
    const access = new AccessRole(this, 'Access', {
      scope: props.scope,
      kind: 'break-glass',
      roleName: props.roleName,
      policyName: props.policyName,
      principals: props.principals,
      boundary: props.boundary,
      description: `Break-glass for client ${props.scope.clientId}: ${props.ticket}, approved by ${props.approvedBy}, expires ${props.expires}`,
      trustConditions: {
        DateLessThan: { [TRUST_CONDITION_KEYS.currentTime]: props.expires },
        StringEquals: { [TRUST_CONDITION_KEYS.requestedRegion]: props.region },
      },
    });
    this.role = access.role;
    this.policy = access.policy;
    Tags.of(this.role).add(ACCESS_TAG_KEYS.ticket, props.ticket);
    Tags.of(this.role).add(ACCESS_TAG_KEYS.approvedBy, props.approvedBy);
    Tags.of(this.role).add(ACCESS_TAG_KEYS.expires, props.expires);

    this.alarm = new events.Rule(this, 'AssumedAlert', {
      description: `Alerts on every assumption of break-glass role ${props.roleName} (DP-ALWAYS-OFF)`,
      eventPattern: {
        source: ['aws.sts'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['sts.amazonaws.com'], eventName: ['AssumeRole'], requestParameters: { roleArn: [this.role.roleArn] } },
      },
      targets: [new targets.SnsTopic(props.alertTopic)],
    });
    // AssumeRole is a read-only management event: EventBridge delivers those only to rules in this state.
    (this.alarm.node.defaultChild as events.CfnRule).state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  }
}
