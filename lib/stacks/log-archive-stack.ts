import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  auditKeyAlias,
  auditSettings,
  auditTrailArn,
  type BaselineConfig,
  ClientNames,
  logArchiveAccessLogBucketName,
  logArchiveAccount,
  logArchiveBucketName,
  logArchiveStackName,
  MANAGED_BY,
  TAG_KEYS,
} from '../model';
import { AccessLogBucket } from '../constructs/data';
import { admitBackupReports } from '../constructs/backup';
import { AuditKey, denyArchiveAdministrationOutside, LogArchiveBucket } from '../constructs/audit';
import { addConfigHistory, type ConfigHistoryBucket } from '../constructs/detection';
import { featureEnabled } from '../detection';

/** Properties of a {@link LogArchiveStack}. */
export interface LogArchiveStackProps extends StackProps {
  /** The validated configuration, with `provider.accounts.logArchive`. */
  readonly config: BaselineConfig;
}

/**
 * The audit archive in the log archive account (`provider.accounts.logArchive`,
 * home region): the locked archive bucket, its key and its access log bucket
 * (DP-LOG-INTEGRITY, full form). The trail of the provider's account (or the
 * organization trail) delivers here by derived names: the bucket's name and
 * the key's alias ARN, never an export. The provider's operators, in other
 * accounts, may not delete anything here nor change the lock or the policies.
 * With posture on, AWS Config of every account with client data delivers
 * here too (the configuration history bucket, issue 16's "delivery to the log
 * archive"), equally out of the operators' reach. It deploys before the
 * audit stack, since CloudTrail checks the bucket and key policies when the
 * trail is created, and before the detection stacks, whose delivery
 * channels need the history bucket.
 */
export class LogArchiveStack extends Stack {
  /** The archive's key (alias `alias/<provider>/audit` of this account). */
  public readonly key: AuditKey;
  /** The locked archive. */
  public readonly archive: LogArchiveBucket;
  /** Its server access log bucket. */
  public readonly archiveAccessLogs: AccessLogBucket;
  /** Where AWS Config of every account with client data delivers, when posture is on (DP-POSTURE): beside the archive. */
  public readonly configHistory?: ConfigHistoryBucket;

  constructor(scope: Construct, id: string, props: LogArchiveStackProps) {
    const { provider } = props.config;
    const account = logArchiveAccount(provider);
    super(scope, id, {
      ...props,
      env: { account, region: provider.homeRegion },
      stackName: logArchiveStackName(provider),
      description: 'Locked audit log archive in the log archive account - client-data-baseline',
      terminationProtection: true,
    });
    Tags.of(this).add(TAG_KEYS.managedBy, MANAGED_BY);
    const settings = auditSettings(provider);
    const trailArn = auditTrailArn(provider);
    this.key = new AuditKey(this, 'ArchiveKey', {
      alias: auditKeyAlias(provider),
      trailArn,
      trailAccount: provider.account,
      description: 'Encrypts the client-data-baseline audit log archive (log archive account)',
    });
    this.archiveAccessLogs = new AccessLogBucket(this, 'ArchiveAccessLogs', { bucketName: logArchiveAccessLogBucketName(provider) });
    this.archive = new LogArchiveBucket(this, 'LogArchive', {
      bucketName: logArchiveBucketName(provider),
      encryptionKey: this.key,
      serverAccessLogsBucket: this.archiveAccessLogs,
      trailArn,
      trailAccount: provider.account,
      ...settings.archive,
      organizationId: provider.organizationTrail === true ? provider.organizationId : undefined,
    });
    denyArchiveAdministrationOutside(this.archive, account);
    // BKP-6-AUDIT: every account with clients delivers its backup audit reports here.
    admitBackupReports(this.archive, this.key, [
      ...new Set(props.config.clients.map((client) => new ClientNames(provider, client).account)),
    ]);
    if (featureEnabled(provider, 'posture')) {
      this.configHistory = addConfigHistory(this, props.config, this.key, this.archiveAccessLogs);
      denyArchiveAdministrationOutside(this.configHistory, account);
    }
  }
}
