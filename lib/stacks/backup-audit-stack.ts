import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import {
  backupAuditStackName,
  backupFrameworkName,
  backupReportPlanName,
  logArchiveBucketName,
  type ProviderConfig,
  MANAGED_BY,
  TAG_KEYS,
} from '../model';
import { BACKUP_REPORTS_PREFIX, BackupAudit } from '../constructs/backup';

/** Properties of a {@link BackupAuditStack}. */
export interface BackupAuditStackProps extends StackProps {
  /** Provider-wide settings. */
  readonly provider: ProviderConfig;
  /** The account whose client stores it audits. */
  readonly account: string;
  /** The region whose client stores it audits. */
  readonly region: string;
}

/**
 * Continuous backup audit (BKP-6-AUDIT) of every client store in one account
 * and region: one AWS Backup Audit Manager framework scoped by the baseline's
 * tags, and report plans delivering to the provider's log archive. Shared by
 * the clients of that account and region (no client id), so it stays within
 * AWS's control quota and does not change when clients come and go.
 */
export class BackupAuditStack extends Stack {
  /** The framework and its report plans. */
  public readonly audit: BackupAudit;

  constructor(scope: Construct, id: string, props: BackupAuditStackProps) {
    const { provider, account, region } = props;
    super(scope, id, {
      ...props,
      stackName: backupAuditStackName(provider, account, region),
      description: `Backup audit of the client stores in ${account}/${region} - client-data-baseline`,
      env: { account, region },
      terminationProtection: true,
      tags: { ...props.tags, [TAG_KEYS.managedBy]: MANAGED_BY },
    });
    Tags.of(this).add(TAG_KEYS.managedBy, MANAGED_BY);
    this.audit = new BackupAudit(this, 'BackupAudit', {
      frameworkName: backupFrameworkName(provider, region),
      reportPlanNames: {
        restoreJobs: backupReportPlanName(provider, 'restore_jobs', region),
        compliance: backupReportPlanName(provider, 'backup_compliance', region),
      },
      reportBucketName: logArchiveBucketName(provider),
      reportPrefix: `${BACKUP_REPORTS_PREFIX}${account}/${region}`,
    });
  }
}
