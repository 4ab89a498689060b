import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Job states that page people (BKP-5-MONITOR). */
export const ALERTING_JOB_STATES = ['FAILED', 'ABORTED', 'EXPIRED'] as const;

/** CloudWatch alarms evaluate at most this many hours back. */
export const MAX_ALARM_WINDOW_HOURS = 7 * 24;

/** Properties of a {@link BackupAlerts}. */
export interface BackupAlertsProps {
  /** The encrypted alert topic of the stack. */
  readonly topic: sns.ITopic;
  /** The vault whose completed backups are counted. */
  readonly vaultName: string;
  /**
   * Hours without a completed backup in the vault after which the alarm
   * fires: the shortest RPO among the client's tiers. No alarm when it is
   * longer than the 7 days CloudWatch can evaluate.
   *
   * @default - no alarm
   */
  readonly rpoHours?: number;
}

/**
 * Alerts for a client's backups (BKP-5-MONITOR): EventBridge rules that send
 * every backup or copy job that fails, aborts or expires, and every restore
 * job (restore tests included) that fails or aborts, to the encrypted alert
 * topic; and a CloudWatch alarm when no backup job completed in the vault
 * within the RPO, where CloudWatch can express it (7 days at most).
 */
export class BackupAlerts extends Construct {
  /** Backup and copy job failures. */
  public readonly jobRule: events.Rule;
  /** Restore job failures. */
  public readonly restoreRule: events.Rule;
  /** The no-backup-within-RPO alarm, when CloudWatch can express it. */
  public readonly missedBackupAlarm?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: BackupAlertsProps) {
    super(scope, id);
    this.jobRule = new events.Rule(this, 'JobFailures', {
      description: 'AWS Backup backup and copy jobs that fail, abort or expire (BKP-5-MONITOR)',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change', 'Copy Job State Change'],
        detail: { state: [...ALERTING_JOB_STATES] },
      },
      targets: [new targets.SnsTopic(props.topic)],
    });
    // Restore job events report `status`, not `state`.
    this.restoreRule = new events.Rule(this, 'RestoreFailures', {
      description: 'AWS Backup restore jobs, restore tests included, that fail or abort (BKP-5-MONITOR, BKP-3.4-TESTING)',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Restore Job State Change'],
        detail: { status: ['FAILED', 'ABORTED'] },
      },
      targets: [new targets.SnsTopic(props.topic)],
    });
    if (props.rpoHours !== undefined && props.rpoHours <= MAX_ALARM_WINDOW_HOURS) {
      const period = props.rpoHours % 24 === 0 ? Duration.days(1) : Duration.hours(1);
      const periods = props.rpoHours / period.toHours();
      this.missedBackupAlarm = new cloudwatch.Alarm(this, 'NoBackupWithinRpo', {
        alarmDescription: `No backup job completed in vault ${props.vaultName} within ${props.rpoHours} h, the RPO (BKP-4.1-RPO, BKP-5-MONITOR)`,
        metric: new cloudwatch.Metric({
          namespace: 'AWS/Backup',
          metricName: 'NumberOfBackupJobsCompleted',
          dimensionsMap: { BackupVaultName: props.vaultName },
          statistic: cloudwatch.Stats.SUM,
          period,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
      this.missedBackupAlarm.addAlarmAction(new actions.SnsAction(props.topic));
    }
  }
}
