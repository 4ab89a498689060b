import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlertTopicRuleTarget } from './alert-topic-publishers';

/** Properties of a {@link KeyUseAlert}. */
export interface KeyUseAlertProps {
  /** The keys of an offboarding client in this stack. */
  readonly keys: readonly kms.IKey[];
  /** The client's alert topic in this region. */
  readonly topic: sns.ITopic;
  /** The offboarding's change ticket, named in the rule's description. */
  readonly ticket: string;
}

/**
 * Alerts on any use of an offboarding client's keys (CDM-3.7-DISPOSAL,
 * DP-MONITOR): an EventBridge rule on the CloudTrail events of KMS calls
 * naming these keys, delivered to the client's alert topic. Once access is
 * cut nobody should decrypt the client's data; a call means a forgotten
 * reader, a restore, or someone trying to cancel the key deletion. KMS data
 * calls (Decrypt, GenerateDataKey) are read-only management events, which
 * EventBridge delivers only to rules in the
 * `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` state.
 */
export class KeyUseAlert extends Construct {
  /** The rule. */
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: KeyUseAlertProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      description: `Alerts on any use of the keys of an offboarding client (${props.ticket}, CDM-3.7-DISPOSAL)`,
      eventPattern: {
        source: ['aws.kms'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['kms.amazonaws.com'], resources: { ARN: props.keys.map((k) => k.keyArn) } },
      },
      targets: [new AlertTopicRuleTarget(props.topic)],
    });
    (this.rule.node.defaultChild as events.CfnRule).state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  }
}
