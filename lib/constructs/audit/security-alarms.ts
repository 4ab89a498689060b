import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SECURITY_METRIC_NAMESPACE } from '../../model';
import { AlertTopicRuleTarget, allowAlarmsToPublish } from '../alerts/alert-topic-publishers';
import { SECURITY_EVENTS, type SecurityEvent } from './security-events';

/** Trail API calls that stop, remove or narrow the audit trail. */
export const TRAIL_TAMPERING_EVENTS = ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'] as const;

/** CloudWatch Logs API calls that would silence the alarms on the trail's log group. */
export const LOG_GROUP_TAMPERING_EVENTS = [
  'DeleteLogGroup',
  'DeleteMetricFilter',
  'PutMetricFilter',
  'DeleteRetentionPolicy',
  'PutRetentionPolicy',
  'DisassociateKmsKey',
] as const;

/** Properties of {@link SecurityAlarms}. */
export interface SecurityAlarmsProps {
  /** The trail's log group: every region's events arrive here. */
  readonly logGroup: logs.ILogGroup;
  /** The encrypted topic that pages people. */
  readonly topic: sns.ITopic;
  /** Prefix of alarm names, e.g. `precision-audit`. */
  readonly alarmNamePrefix: string;
  /**
   * The security events to alarm on.
   *
   * @default SECURITY_EVENTS
   */
  readonly securityEvents?: readonly SecurityEvent[];
}

/**
 * Security alarms on the audit trail (DP-MONITOR).
 *
 * - One metric filter and one alarm per {@link SECURITY_EVENTS} entry on the
 *   trail's log group, which receives the multi-region trail's events from
 *   every region: a sum of 1 or more in five minutes pages the topic.
 * - A heartbeat alarm when the log group receives nothing for an hour: a
 *   broken delivery (stopped trail, disabled audit key, removed role) would
 *   otherwise silence every metric filter without a sound.
 * - Real-time EventBridge rules for changes to the trail and to the log group
 *   itself. A metric filter is the wrong tool there: it reads the very
 *   delivery those calls stop or reconfigure. EventBridge receives them from
 *   CloudTrail directly, in the home region, where a multi-region trail and
 *   its log group can only be managed.
 */
export class SecurityAlarms extends Construct {
  /** Alarms by security event id, plus `TrailDeliveryStopped`. */
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;
  /** The real-time rules. */
  public readonly rules: readonly events.Rule[];

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    const action = new actions.SnsAction(props.topic);
    allowAlarmsToPublish(this, props.topic, props.alarmNamePrefix);
    const alarms: Record<string, cloudwatch.Alarm> = {};
    for (const event of props.securityEvents ?? SECURITY_EVENTS) {
      const filter = new logs.MetricFilter(this, `${event.id}Filter`, {
        logGroup: props.logGroup,
        filterName: event.id,
        filterPattern: logs.FilterPattern.literal(event.pattern),
        metricNamespace: SECURITY_METRIC_NAMESPACE,
        metricName: event.id,
        metricValue: '1',
      });
      const alarm = filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }).createAlarm(this, `${event.id}Alarm`, {
        alarmName: `${props.alarmNamePrefix}-${event.id}`,
        alarmDescription: `[DP-MONITOR] ${event.description} (${event.source})`,
        threshold: event.threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarms[event.id] = alarm;
    }

    const heartbeat = new cloudwatch.Metric({
      namespace: 'AWS/Logs',
      metricName: 'IncomingLogEvents',
      dimensionsMap: { LogGroupName: props.logGroup.logGroupName },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.hours(1),
    }).createAlarm(this, 'TrailDeliveryStoppedAlarm', {
      alarmName: `${props.alarmNamePrefix}-TrailDeliveryStopped`,
      alarmDescription:
        '[DP-MONITOR, DP-LOG-INTEGRITY] The audit trail delivered no event to its log group for an hour: the trail, its key or its role may have been changed.',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    heartbeat.addAlarmAction(action);
    alarms.TrailDeliveryStopped = heartbeat;
    this.alarms = alarms;

    const target = new AlertTopicRuleTarget(props.topic);
    this.rules = [
      new events.Rule(this, 'TrailTamperingRule', {
        description:
          '[DP-MONITOR, DP-LOG-INTEGRITY] A trail was stopped, deleted or changed (real time, independent of the trail delivery).',
        eventPattern: {
          source: ['aws.cloudtrail'],
          detailType: ['AWS API Call via CloudTrail'],
          detail: { eventSource: ['cloudtrail.amazonaws.com'], eventName: [...TRAIL_TAMPERING_EVENTS] },
        },
        targets: [target],
      }),
      new events.Rule(this, 'LogGroupTamperingRule', {
        description: '[DP-MONITOR, DP-LOG-INTEGRITY] The audit log group or its metric filters were changed (real time).',
        eventPattern: {
          source: ['aws.logs'],
          detailType: ['AWS API Call via CloudTrail'],
          detail: {
            eventSource: ['logs.amazonaws.com'],
            eventName: [...LOG_GROUP_TAMPERING_EVENTS],
            requestParameters: { logGroupName: [props.logGroup.logGroupName] },
          },
        },
        targets: [target],
      }),
    ];
  }
}
