import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import {
  auditKeyAlias,
  auditLogGroupArn,
  auditLogGroupName,
  auditSettings,
  auditStackName,
  auditTrailArn,
  auditTrailName,
  type BaselineConfig,
  clientBucketArnPrefix,
  logArchiveAccessLogBucketName,
  logArchiveBucketName,
  ClientNames,
  hasLogArchiveAccount,
  logArchiveAccount,
  logArchiveKeyAliasArn,
  MANAGED_BY,
  ORGANIZATION_METADATA,
  TAG_KEYS,
} from '../model';
import { AccessLogBucket } from '../constructs/data';
import { admitBackupReports } from '../constructs/backup';
import { AlertTopic } from '../constructs/alerts';
import { AuditKey, AuditTrail, LogArchiveBucket, SecurityAlarms } from '../constructs/audit';
import { addConfigHistory, type ConfigHistoryBucket } from '../constructs/detection';
import { featureEnabled } from '../detection';

/** Properties of an {@link AuditStack}. */
export interface AuditStackProps extends StackProps {
  /** The validated configuration. */
  readonly config: BaselineConfig;
}

/**
 * The provider's audit stack, in its account and home region, shared by all
 * clients (so tagged `managed-by` but with no client id): one CloudTrail
 * trail, its key, its locked log archive, its CloudWatch Logs group, and the
 * security alarms with their encrypted alert topic (DP-LOG-ALL-ACCESS,
 * DP-LOG-INTEGRITY, DP-MONITOR).
 *
 * A trail records the events of its own account only: clients with an
 * `account` of their own are covered when `provider.organizationTrail` makes
 * it an organization trail (deployed from the management account or a
 * delegated CloudTrail administrator).
 */
export class AuditStack extends Stack {
  /** The audit key. */
  public readonly key: AuditKey;
  /** The locked archive of log and digest files; in the log archive stack when `provider.accounts.logArchive` is set. */
  public readonly archive?: LogArchiveBucket;
  /** The archive's server access log bucket; in the log archive stack when `provider.accounts.logArchive` is set. */
  public readonly archiveAccessLogs?: AccessLogBucket;
  /** The trail and its log group. */
  public readonly trail: AuditTrail;
  /** The alert topic the alarms publish to. */
  public readonly alerts: AlertTopic;
  /** The security alarms and real-time rules. */
  public readonly alarms: SecurityAlarms;
  /** Where AWS Config of every account with client data delivers, when posture is on (DP-POSTURE); in the log archive stack when `provider.accounts.logArchive` is set. */
  public readonly configHistory?: ConfigHistoryBucket;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    const { provider } = props.config;
    super(scope, id, {
      ...props,
      env: { account: provider.account, region: provider.homeRegion },
      stackName: auditStackName(provider),
      description: 'Audit trail, locked log archive and security alarms - client-data-baseline',
      terminationProtection: true,
    });
    Tags.of(this).add(TAG_KEYS.managedBy, MANAGED_BY);
    const settings = auditSettings(provider);
    const trailArn = auditTrailArn(provider);

    const trailProps = {
      trailName: auditTrailName(provider),
      logGroupName: auditLogGroupName(provider),
      logRetention: settings.logRetentionDays as logs.RetentionDays,
      dataEventBucketArnPrefixes: [clientBucketArnPrefix(provider)],
      isOrganizationTrail: provider.organizationTrail === true,
    };
    if (hasLogArchiveAccount(provider)) {
      // DP-LOG-INTEGRITY, full form: the archive and its key live in the log archive
      // account (LogArchiveStack); the trail names them by derived names. This
      // account's key encrypts the CloudWatch Logs copy only.
      this.node.addMetadata(ORGANIZATION_METADATA.logArchiveAccount, logArchiveAccount(provider));
      this.key = new AuditKey(this, 'AuditKey', {
        alias: auditKeyAlias(provider),
        logGroupArn: auditLogGroupArn(provider),
        description: "Encrypts the client-data-baseline audit trail's log group",
      });
      this.trail = new AuditTrail(this, 'AuditTrail', {
        ...trailProps,
        archive: s3.Bucket.fromBucketName(this, 'LogArchive', logArchiveBucketName(provider)),
        encryptionKey: this.key,
        logFileKeyArn: logArchiveKeyAliasArn(provider),
      });
    } else {
      this.key = new AuditKey(this, 'AuditKey', { alias: auditKeyAlias(provider), trailArn, logGroupArn: auditLogGroupArn(provider) });
      const archiveAccessLogs = new AccessLogBucket(this, 'ArchiveAccessLogs', { bucketName: logArchiveAccessLogBucketName(provider) });
      const archive = new LogArchiveBucket(this, 'LogArchive', {
        bucketName: logArchiveBucketName(provider),
        encryptionKey: this.key,
        serverAccessLogsBucket: archiveAccessLogs,
        trailArn,
        ...settings.archive,
        organizationId: provider.organizationTrail === true ? provider.organizationId : undefined,
      });
      // BKP-6-AUDIT: every account with clients delivers its backup audit reports here.
      admitBackupReports(archive, this.key, [...new Set(props.config.clients.map((client) => new ClientNames(provider, client).account))]);
      this.trail = new AuditTrail(this, 'AuditTrail', { ...trailProps, archive, encryptionKey: this.key });
      this.archive = archive;
      this.archiveAccessLogs = archiveAccessLogs;
    }
    // With a log archive account, the configuration history lives there too (LogArchiveStack).
    if (featureEnabled(provider, 'posture') && this.archiveAccessLogs !== undefined) {
      this.configHistory = addConfigHistory(this, props.config, this.key, this.archiveAccessLogs);
    }
    this.alerts = new AlertTopic(this, 'Alerts', { emails: provider.alerts.emails, displayName: `${provider.name} security alerts` });
    this.alarms = new SecurityAlarms(this, 'SecurityAlarms', {
      logGroup: this.trail.logGroup,
      topic: this.alerts.topic,
      alarmNamePrefix: auditStackName(provider),
    });
  }
}
