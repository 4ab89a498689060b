import type { Construct } from 'constructs';
import { clientTiers, effectiveTier, vaultLockTerms } from '../backup/effective';
import {
  accessLogBucketName,
  backupFrameworkName,
  backupKeyAlias,
  backupPlanName,
  backupReportBucketName,
  backupReportPlanName,
  backupRoleArn,
  backupRoleName,
  backupVaultArn,
  backupVaultName,
  clientDataStackName,
  clientKeyAlias,
  datasetBucketName,
  restoreTestingPlanName,
} from '../config';
import {
  AccessLogBucket,
  AlertTopic,
  allowServiceRoleKeyUse,
  ClientBackup,
  ClientDataBucket,
  ClientKey,
  tagRecoveryObjectives,
} from '../constructs';
import { ClientStack } from './client-stack';
import type { ClientStackPropsBase } from './client-stack-props';

/** Properties of a {@link ClientDataStack}. */
export type ClientDataStackProps = ClientStackPropsBase;

/**
 * One client's primary data stores, in the client's account and primary
 * region: its key, one bucket per dataset, its access log bucket and its
 * alert topic.
 */
export class ClientDataStack extends ClientStack {
  /** The client's primary data key. */
  public readonly key: ClientKey;
  /** The client's server access log bucket in the primary region. */
  public readonly accessLogs: AccessLogBucket;
  /** Dataset buckets by dataset name. */
  public readonly buckets: Readonly<Record<string, ClientDataBucket>>;
  /** Alerts raised in this client's primary region (replication, backup, break-glass). */
  public readonly alerts: AlertTopic;
  /** The client's tiered backups: vault, plans, restore tests, alerts, audit (BKP-*). */
  public readonly backup: ClientBackup;

  constructor(scope: Construct, id: string, props: ClientDataStackProps) {
    const { provider, client } = props;
    const region = client.regions.primary;
    super(scope, id, {
      ...props,
      region,
      stackName: clientDataStackName(provider, client),
      description: `Data stores of client ${client.id} (${client.name}) - client-data-baseline`,
    });
    this.alerts = new AlertTopic(this, 'Alerts', { emails: provider.alerts.emails });
    this.key = new ClientKey(this, 'DataKey', { clientId: client.id, alias: clientKeyAlias(provider, client) });
    this.accessLogs = new AccessLogBucket(this, 'AccessLogs', { bucketName: accessLogBucketName(provider, client, region) });
    const buckets: Record<string, ClientDataBucket> = {};
    for (const dataset of client.datasets) {
      buckets[dataset.name] = new ClientDataBucket(this, `Dataset-${dataset.name}`, {
        bucketName: datasetBucketName(provider, client, dataset.name, region),
        clientId: client.id,
        dataset: dataset.name,
        classification: dataset.classification,
        tier: dataset.tier,
        retentionDays: dataset.retentionDays,
        encryptionKey: this.key,
        serverAccessLogsBucket: this.accessLogs,
        serviceRoleArns: [backupRoleArn(provider, client)],
      });
      tagRecoveryObjectives(buckets[dataset.name], effectiveTier(client, dataset.tier));
    }
    this.buckets = buckets;

    // Tiered backups (BKP-2-TIERS ... BKP-6-AUDIT), copied to the vault the replica stack built.
    allowServiceRoleKeyUse(this.key, { sid: 'BackupRoleUsesKey', clientId: client.id, roleArn: backupRoleArn(provider, client) });
    const tiers = clientTiers(client).map((tier) => effectiveTier(client, tier));
    this.backup = new ClientBackup(this, 'Backup', {
      clientId: client.id,
      tiers,
      lock: vaultLockTerms(client),
      names: {
        vault: backupVaultName(provider, client),
        plans: Object.fromEntries(tiers.map((t) => [t.tier, backupPlanName(provider, client, t.tier)])),
        vaultKeyAlias: backupKeyAlias(provider, client),
        role: backupRoleName(provider, client),
        restoreTestingPlan: restoreTestingPlanName(provider, client),
        framework: backupFrameworkName(provider, client),
        reportPlans: {
          restoreJobs: backupReportPlanName(provider, client, 'restore_jobs'),
          compliance: backupReportPlanName(provider, client, 'backup_compliance'),
        },
        reportBucket: backupReportBucketName(provider),
      },
      copyVaultArn: backupVaultArn(provider, client, client.regions.replica),
      copyRegion: client.regions.replica,
      alertTopic: this.alerts.topic,
    });
  }
}
