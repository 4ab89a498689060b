import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { baseKeyPolicyStatements } from '../data/key-administration';
import { KEY_DEFAULTS } from '../../defaults';
import { allowAlarmsToPublish } from './alert-topic-publishers';

/** AWS services that publish alerts into the topic and so must use its key. */
export const ALERT_PUBLISHERS = ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'backup.amazonaws.com'] as const;

/** Properties of an {@link AlertTopic}. */
export interface AlertTopicProps {
  /** Email addresses subscribed to the topic (`provider.alerts.emails`). */
  readonly emails: readonly string[];
  /**
   * Display name of the topic.
   *
   * @default "client-data-baseline alerts"
   */
  readonly displayName?: string;
}

/**
 * An encrypted SNS topic that pages people (BKP-5-MONITOR, DP-MONITOR). It has
 * its own customer-managed key, whose policy lets the account administer it and
 * only the AWS services that publish alerts use it; the topic refuses requests
 * without TLS. One per stack that raises alerts, since EventBridge rules and
 * alarms can only publish to a topic in their own region.
 */
export class AlertTopic extends Construct {
  /** The topic. */
  public readonly topic: sns.Topic;
  /** The topic's key. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the client-data-baseline alert topic',
      enableKeyRotation: KEY_DEFAULTS.enableKeyRotation,
      pendingWindow: KEY_DEFAULTS.pendingWindow,
      removalPolicy: KEY_DEFAULTS.removalPolicy,
      policy: new iam.PolicyDocument({
        statements: [
          ...baseKeyPolicyStatements(),
          new iam.PolicyStatement({
            sid: 'AlertPublishersUseKey',
            principals: ALERT_PUBLISHERS.map((service) => new iam.ServicePrincipal(service)),
            actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            resources: ['*'],
            conditions: { StringEquals: { 'aws:SourceAccount': account } },
          }),
        ],
      }),
    });
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.displayName ?? 'client-data-baseline alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of props.emails) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
  }

  /**
   * Lets CloudWatch alarms of the topic's account and region publish to it. The
   * topic's policy (CDK writes one to deny requests without TLS) replaces SNS's
   * default policy, so the alarm service needs an explicit grant; the topic's
   * key already admits `cloudwatch.amazonaws.com` (`ALERT_PUBLISHERS`). Call
   * once per topic.
   */
  public admitAlarmPublisher(): void {
    allowAlarmsToPublish(this, this.topic);
  }
}
