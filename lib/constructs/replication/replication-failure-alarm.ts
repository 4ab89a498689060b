import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Properties of a {@link ReplicationFailureAlarm}. */
export interface ReplicationFailureAlarmProps {
  /** Name of the source bucket. */
  readonly sourceBucketName: string;
  /** Name of the destination bucket. */
  readonly destinationBucketName: string;
  /** Id of the replication rule. */
  readonly ruleId: string;
  /** Where the alarm pages people. */
  readonly topic: sns.ITopic;
  /**
   * How long failures are summed before the alarm judges.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
}

/**
 * Alarms as soon as one object of a dataset fails to replicate
 * (DP-MULTI-REGION, DP-MONITOR): S3 replication metric
 * `OperationsFailedReplication` (published because every rule enables
 * replication metrics) summed over five minutes, into the client's encrypted
 * alert topic. No data means nothing failed.
 */
export class ReplicationFailureAlarm extends Construct {
  /** The alarm. */
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ReplicationFailureAlarmProps) {
    super(scope, id);
    const metric = new cloudwatch.Metric({
      namespace: 'AWS/S3',
      metricName: 'OperationsFailedReplication',
      dimensionsMap: {
        SourceBucket: props.sourceBucketName,
        DestinationBucket: props.destinationBucketName,
        RuleId: props.ruleId,
      },
      statistic: cloudwatch.Stats.SUM,
      period: props.period ?? Duration.minutes(5),
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmDescription: `Objects of ${props.sourceBucketName} failed to replicate to ${props.destinationBucketName} (client-data-baseline, DP-MULTI-REGION)`,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const action = new actions.SnsAction(props.topic);
    this.alarm.addAlarmAction(action);
    this.alarm.addOkAction(action);
  }
}
