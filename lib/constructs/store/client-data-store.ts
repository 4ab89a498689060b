import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { type Construct } from 'constructs';
import { clientTiers, effectiveTier, vaultLockTerms } from '../../backup/effective';
import { accountCopyRegion, accountCopyTiers } from '../../backup/blast-radius';
import type { ClientConfig, ClientNames, ProviderConfig } from '../../model';
import { ClientAccess } from '../access';
import { type AlertTopic, KeyUseAlert } from '../alerts';
import { ClientBackup } from '../backup';
import { type ClientMalwareScanning } from '../detection';
import { type AccessLogBucket, ClientDataBucket, type ClientKey } from '../data';
import { ReplicaKeyArn, ReplicationFailureAlarm, ReplicationRole, replicationRuleFor, s3ViaService } from '../replication';
import { type ClientStoreProps, keyErasureOf } from './client-scope';
import { ClientStore } from './client-store';

/** Properties of a {@link ClientDataStore}. */
export type ClientDataStoreProps = ClientStoreProps;

/**
 * One client's primary data stores, in a stack of the client's account and
 * primary region: its key, one bucket per dataset replicating into the
 * client's {@link ClientReplicaStore} (which must deploy first), the
 * replication role and failure alarms, tiered backups copied to the replica
 * region, recovery objectives on every dataset, duty roles and alerts. The
 * baseline's `ClientDataStack` is this store and nothing else; a team puts it
 * in a stack of its own and passes every check the same way.
 *
 * @example
 * const config = parseConfig({ provider: {...}, clients: [{ id: 'acme', ... }] }, 'myteam');
 * new ClientDataStore(primaryStack, 'Acme', { provider: config.provider, client: config.clients[0] });
 */
export class ClientDataStore extends ClientStore {
  /** The client's primary data key. */
  declare public readonly key: ClientKey;
  /** The client's server access log bucket in the primary region. */
  declare public readonly accessLogs: AccessLogBucket;
  /** Dataset buckets by dataset name. */
  public readonly buckets: Readonly<Record<string, ClientDataBucket>>;
  /** Alerts raised in this client's primary region (replication, backup, break-glass). */
  declare public readonly alerts: AlertTopic;
  /** The client's tiered backups: vault, plans, restore tests, alerts (BKP-*). */
  public readonly backup: ClientBackup;
  /** The role S3 replicates the client's datasets with (DP-MULTI-REGION). */
  public readonly replicationRole: ReplicationRole;
  /** ARN of the client's key in the replica region, read at deploy time. */
  public readonly replicaKeyArn: string;
  /** Duty roles, permission boundary and break-glass of the client (CDM-3.2-LEAST-PRIV, DP-ALWAYS-OFF). */
  public readonly access: ClientAccess;
  /** Malware scanning of the dataset buckets, unless turned off (DP-THREAT-DETECTION). */
  public readonly malwareScanning?: ClientMalwareScanning;

  /**
   * @throws ConfigError when `names` are not the client's, or the stack is not in the client's account and primary region
   */
  constructor(scope: Construct, id: string, props: ClientDataStoreProps) {
    super(scope, id, props, { region: 'primary', keyId: 'DataKey' });
    const { provider, client, names, region } = this;
    const erasure = keyErasureOf(client);
    // DP-MULTI-REGION: every dataset replicates into its replica bucket in the replica
    // region, by derived names; only the replica key's id is read at deploy time.
    const replicaRegion = client.regions.replica;
    const replicaKeyLookup = new ReplicaKeyArn(this, 'ReplicaKeyArn', {
      alias: names.keyAlias,
      keyArnPrefix: names.kmsKeyArnPrefix(replicaRegion),
      region: replicaRegion,
    });
    replicaKeyLookup.encryptLogs(this.alerts.key); // CT.CLOUDWATCH.PR.3: the lookup's log group, with the alert key
    this.replicaKeyArn = replicaKeyLookup.keyArn;
    this.replicationRole = new ReplicationRole(this, 'ReplicationRole', {
      roleName: names.replicationRole,
      sourceKeyArn: this.key.keyArn,
      sourceRegion: region,
      replicaKeyArn: this.replicaKeyArn,
      replicaRegion,
      buckets: client.datasets.map((d) => ({
        source: names.datasetBucketArn(d.name, region),
        destination: names.datasetBucketArn(d.name, replicaRegion),
      })),
    });
    const roleArn = names.replicationRoleArn;
    this.key.allowServiceRoleUse({
      sid: 'ReplicationRoleDecryptsThroughS3',
      clientId: client.id,
      roleArn,
      actions: ['kms:Decrypt'],
      viaService: s3ViaService(region),
    });
    const replicaKey = kms.Key.fromKeyArn(this, 'ReplicaKey', this.replicaKeyArn);
    this.alerts.admitAlarmPublisher();
    this.malwareScanning = this.scanForMalware();
    const buckets: Record<string, ClientDataBucket> = {};
    for (const dataset of client.datasets) {
      const bucketName = names.datasetBucket(dataset.name, region);
      const destinationName = names.datasetBucket(dataset.name, replicaRegion);
      const destination = s3.Bucket.fromBucketAttributes(this, `Replica-${dataset.name}`, {
        bucketArn: names.datasetBucketArn(dataset.name, replicaRegion),
        bucketName: destinationName,
        region: replicaRegion,
        account: names.account,
      });
      // CDM-3.7-DISPOSAL: an offboarding client's data is no longer copied anywhere.
      const offboarding = client.offboarding !== undefined;
      const replication = offboarding ? undefined : { destination, replicaKey, role: this.replicationRole };
      buckets[dataset.name] = new ClientDataBucket(this, `Dataset-${dataset.name}`, {
        bucketName,
        clientId: client.id,
        dataset: dataset.name,
        classification: dataset.classification,
        tier: dataset.tier,
        retentionDays: dataset.retentionDays,
        encryptionKey: this.key,
        serverAccessLogsBucket: this.accessLogs,
        serviceRoleArns: [roleArn, names.backupRoleArn, ...(this.malwareScanning ? [this.malwareScanning.roleArn(dataset.name)] : [])],
        replication,
      });
      this.malwareScanning?.protect(dataset.name, buckets[dataset.name]);
      if (replication !== undefined) {
        // Replication starts with the bucket: its role must hold its permissions by then.
        buckets[dataset.name].node.addDependency(...this.replicationRole.policies);
        new ReplicationFailureAlarm(this, `ReplicationFailed-${dataset.name}`, {
          sourceBucketName: bucketName,
          destinationBucketName: destinationName,
          ruleId: replicationRuleFor(dataset.name, dataset.tier, dataset.classification, replication).id ?? dataset.name,
          topic: this.alerts.topic,
        });
      }
      buckets[dataset.name].tagRecoveryObjectives(effectiveTier(client, dataset.tier));
    }
    this.buckets = buckets;

    // Tiered backups (BKP-2-TIERS ... BKP-6-AUDIT), copied to the vault the replica store built.
    this.key.allowServiceRoleUse({
      sid: 'BackupRoleUsesKey',
      clientId: client.id,
      roleArn: names.backupRoleArn,
      allowGrants: true,
    });
    const tiers = clientTiers(client).map((tier) => effectiveTier(client, tier));
    this.backup = new ClientBackup(this, 'Backup', {
      clientId: client.id,
      tiers,
      lock: vaultLockTerms(client),
      names: {
        vault: names.backupVault,
        plans: Object.fromEntries(tiers.map((t) => [t.tier, names.backupPlan(t.tier)])),
        vaultKeyAlias: names.backupKeyAlias,
        role: names.backupRole,
        restoreTestingPlan: names.restoreTestingPlan,
      },
      copyVaultArn: names.backupVaultArn(client.regions.replica),
      copyRegion: client.regions.replica,
      accountCopy: accountCopyOf(provider, client, names),
      alertTopic: this.alerts.topic,
      erasure,
    });
    this.access = new ClientAccess(this, 'Access', { provider, client, names, alertTopic: this.alerts.topic, region });
    if (client.offboarding !== undefined) {
      new KeyUseAlert(this, 'OffboardedKeyUse', {
        keys: [this.key, this.backup.vault.key],
        topic: this.alerts.topic,
        ticket: client.offboarding.ticket,
      });
    }
  }
}

/** The copy of a client's critical and regulated backups into the backup account, when there is one (BKP-BLAST-RADIUS). */
function accountCopyOf(
  provider: ProviderConfig,
  client: ClientConfig,
  names: ClientNames,
): { vaultArn: string; tiers: string[] } | undefined {
  const account = provider.accounts?.backup;
  const tiers = accountCopyTiers(client);
  if (account === undefined || tiers.length === 0) return undefined;
  return { vaultArn: names.backupCopyVaultArn(account, accountCopyRegion(client)), tiers };
}
