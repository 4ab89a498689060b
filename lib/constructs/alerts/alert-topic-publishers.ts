import { Names, Stack } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { IConstruct } from 'constructs';

/**
 * An EventBridge rule target that publishes to an alert topic, admitted by a
 * topic policy statement for this rule only (`aws:SourceArn`). CDK's
 * `targets.SnsTopic` grants EventBridge publishing on the topic and use of
 * its key without any condition, which lets any account's rules publish
 * (confused deputy); the `AlertTopic` key already admits EventBridge for its
 * own account (DP-MONITOR, CDM-3.3-TENANT-ISOLATION).
 */
export class AlertTopicRuleTarget implements events.IRuleTarget {
  constructor(private readonly topic: sns.ITopic) {}

  public bind(rule: events.IRuleRef): events.RuleTargetConfig {
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `EventRule${Names.nodeUniqueId(rule.node)}Publishes`,
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleRef.ruleArn } },
      }),
    );
    return { arn: this.topic.topicArn, targetResource: this.topic };
  }
}

/**
 * Lets CloudWatch alarms of this account and region publish to a topic: all
 * of them, or those whose names start with a prefix. A topic policy replaces
 * SNS's default one, which admitted the owning account; without this
 * statement the alarms could not publish (DP-MONITOR). For an
 * `AlertTopic`, call its `admitAlarmPublisher` method.
 *
 * @param alarmNamePrefix admit only alarms named `<alarmNamePrefix>-*`; without it, every alarm of the account and region
 */
export function allowAlarmsToPublish(scope: IConstruct, topic: sns.ITopic, alarmNamePrefix?: string): void {
  const { account, region, partition } = Stack.of(scope);
  const alarms = alarmNamePrefix === undefined ? '*' : `${alarmNamePrefix}-*`;
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:${alarms}` },
        StringEquals: { 'aws:SourceAccount': account },
      },
    }),
  );
}
